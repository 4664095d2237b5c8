import * as prettier from "prettier";
import { createElement, type FunctionComponent } from "react";
import * as jsxRuntime from "react/jsx-runtime";
import { renderToString } from "react-dom/server";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { jsxChildren, jsxChildrenChanges, jsxTextValue } from "./format-safety.ts";

/** Formats a snippet as `npm run format` would (the project's .prettierrc.json). */
async function format(source: string): Promise<string> {
  const options = (await prettier.resolveConfig("scripts/example.tsx")) ?? {};
  return prettier.format(source, { ...options, filepath: "example.tsx" });
}

/** Compiles a snippet exporting `Example` with the JSX transform and renders it as the server does. */
function render(source: string, props: Record<string, string>): string {
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { jsx: ts.JsxEmit.ReactJSX, module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  const exports: { Example?: FunctionComponent<Record<string, string>> } = {};
  const load = (name: string): unknown => {
    if (name === "react/jsx-runtime") return jsxRuntime;
    throw new Error(`unexpected import ${name}`);
  };
  new Function("require", "exports", outputText)(load, exports);
  return renderToString(createElement(exports.Example!, props));
}

const PROPS = {
  href: "/en/strategies/roma-ashkali-inclusion-2017-2021",
  title: "Strategy and Action Plan for the Inclusion of Roma and Ashkali Communities in Kosovo Society 2017–2021",
  period: "2017–2021",
  summary: "3 measures, planned budget €168,000",
};

// A separator written as JSX text between an element and an expression, on a line Prettier must break: the shape
// of the strategy plans on the municipality page before decision 051.
const SPLIT_BY_PRETTIER = `export function Example({ href, title, period, summary }: Record<string, string>) {
  return (
    <p className="mt-1 text-sm text-slate-700">
      <a href={href} lang="en" className="underline">{title}</a> · {period} · {summary}
    </p>
  );
}
`;

// The same with the separator as one string: what Prettier cannot split.
const SAFE = SPLIT_BY_PRETTIER.replace("</a> · {period}", `</a>{" · "}{period}`);

// {" "} before text on the next line: Prettier joins them into one text child.
const MERGED_BY_PRETTIER = `export function Example({ href, title, period }: Record<string, string>) {
  return (
    <p>
      <a href={href}>{title}</a>{" "}
      · {period}
    </p>
  );
}
`;

describe("jsxTextValue: JSX text as the JSX transform makes it a string child", () => {
  it("keeps spaces on one line, trims where lines break and joins the lines with one space", () => {
    const cases: [text: string, value: string | undefined][] = [
      [" · ", " · "],
      [" ", " "],
      ["\n      · ", "· "],
      [" ·\n      ", " ·"],
      ["\n  first line  \n\n   second\n  ", "first line second"],
      ["\n      ", undefined],
    ];
    for (const [text, value] of cases) expect(jsxTextValue(text), JSON.stringify(text)).toBe(value);
  });

  it("agrees with the children the TypeScript JSX transform writes", () => {
    const compiled = ts.transpileModule(SPLIT_BY_PRETTIER, {
      compilerOptions: { jsx: ts.JsxEmit.ReactJSX, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    expect(compiled).toContain(`" \\u00B7 ", period, " \\u00B7 ", summary]`);
    expect(jsxChildren(SPLIT_BY_PRETTIER, "example.tsx")[0]!.children).toEqual([
      "<a>",
      JSON.stringify(" · "),
      "{…}",
      JSON.stringify(" · "),
      "{…}",
    ]);
  });
});

describe("jsxChildrenChanges", () => {
  it("finds the separator Prettier splits into two text children, which changes the server-rendered HTML", async () => {
    const formatted = await format(SPLIT_BY_PRETTIER);
    const changes = jsxChildrenChanges(SPLIT_BY_PRETTIER, formatted, "example.tsx");
    expect(changes).toEqual([
      {
        file: "example.tsx",
        line: 3,
        tag: "<p>",
        before: ["<a>", '" · "', "{…}", '" · "', "{…}"],
        after: ["<a>", '" "', '"· "', "{…}", '" · "', "{…}"],
      },
    ]);
    const html = render(SPLIT_BY_PRETTIER, PROPS);
    expect(render(formatted, PROPS)).not.toBe(html);
    // What a reader sees is the same; only React's separators between adjacent text children moved.
    expect(render(formatted, PROPS).replaceAll("<!-- -->", "")).toBe(html.replaceAll("<!-- -->", ""));
  });

  it("finds the space Prettier merges into the next line's text", async () => {
    const formatted = await format(MERGED_BY_PRETTIER);
    expect(jsxChildrenChanges(MERGED_BY_PRETTIER, formatted, "example.tsx").map((change) => change.after)).toEqual([
      ["<a>", '" · "', "{…}"],
    ]);
    expect(render(formatted, PROPS)).not.toBe(render(MERGED_BY_PRETTIER, PROPS));
  });

  it("finds nothing when the separator is one string, and the HTML stays byte for byte", async () => {
    const formatted = await format(SAFE);
    expect(formatted).not.toBe(SAFE);
    expect(jsxChildrenChanges(SAFE, formatted, "example.tsx")).toEqual([]);
    expect(render(formatted, PROPS)).toBe(render(SAFE, PROPS));
    // …and the safe form renders as the original did before formatting.
    expect(render(SAFE, PROPS)).toBe(render(SPLIT_BY_PRETTIER, PROPS));
  });
});
