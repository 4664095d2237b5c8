/**
 * `npx tsx scripts/format-safety.ts [file.tsx …]` lists the JSX whose children Prettier would change, before
 * `npm run format` runs over code written without Prettier (decision 051). Prettier keeps what a reader sees, but
 * not always how React splits it: a line break after `</a> ·` becomes `</a> ·{" "}` + a new line, two text
 * children where there was one, and `{" "}` before `· ` can merge into one. React's server renderer writes
 * `<!-- -->` between adjacent text children, so the page's HTML changes (the golden test fails) although the text
 * does not. Each element's children are compared as the JSX transform produces them (JSX text trimmed line by
 * line, string literals in braces as text, anything else as an expression) in the source and in what Prettier
 * makes of it. Without arguments it checks every `.tsx` file Prettier formats; exits 1 when any would change.
 * Writing such text as one string (`{" · "}`) or inside the expression (a template literal) makes it safe.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as prettier from "prettier";
import ts from "typescript";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** One JSX element (or fragment) and its children as React receives them: `"text"`, `<tag>` or `{…}`. */
export interface JsxChildren {
  line: number;
  tag: string;
  children: string[];
}

/** A JSX element whose children differ between the source and Prettier's output. */
export interface JsxChange {
  file: string;
  line: number;
  tag: string;
  before: string[];
  after: string[];
}

/**
 * JSX text as the JSX transform turns it into a string child (TypeScript's and Babel's rule): lines are trimmed
 * where they meet a line break, lines left empty are dropped, the rest are joined by one space (so `</a> <b>` on
 * one line keeps its " " child, and the line break with indentation between two tags gives none).
 * Undefined when nothing is left (no child). Entities stay as written: Prettier does not rewrite them.
 */
export function jsxTextValue(text: string): string | undefined {
  const lines = text.split(/\r\n|\n|\r/);
  const kept: string[] = [];
  lines.forEach((line, index) => {
    let trimmed = line;
    if (index > 0) trimmed = trimmed.replace(/^[ \t]+/, "");
    if (index < lines.length - 1) trimmed = trimmed.replace(/[ \t]+$/, "");
    if (trimmed !== "") kept.push(trimmed);
  });
  return kept.length > 0 ? kept.join(" ") : undefined;
}

function tagName(node: ts.JsxElement | ts.JsxSelfClosingElement | ts.JsxFragment): string {
  if (ts.isJsxFragment(node)) return "<>";
  const name = ts.isJsxElement(node) ? node.openingElement.tagName : node.tagName;
  return `<${name.getText()}>`;
}

function childValue(child: ts.JsxChild): string | undefined {
  if (ts.isJsxText(child)) {
    const value = jsxTextValue(child.text);
    return value === undefined ? undefined : JSON.stringify(value);
  }
  if (ts.isJsxExpression(child)) {
    const expression = child.expression;
    if (!expression) return undefined;
    if (child.dotDotDotToken) return "{...}";
    if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression))
      return JSON.stringify(expression.text);
    return "{…}";
  }
  return tagName(child);
}

/** Every JSX element and fragment with children in the source, in document order. */
export function jsxChildren(source: string, fileName: string): JsxChildren[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: JsxChildren[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isJsxElement(node) || ts.isJsxFragment(node)) {
      const children = node.children.map(childValue).filter((value): value is string => value !== undefined);
      found.push({
        line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1,
        tag: tagName(node),
        children,
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** The elements whose children differ between two versions of one file (line numbers of the first). */
export function jsxChildrenChanges(before: string, after: string, fileName: string): JsxChange[] {
  const was = jsxChildren(before, fileName);
  const is = jsxChildren(after, fileName);
  if (was.length !== is.length) {
    return [
      { file: fileName, line: 1, tag: "(file)", before: [`${was.length} elements`], after: [`${is.length} elements`] },
    ];
  }
  return was.flatMap((element, index) => {
    const other = is[index]!;
    const same = element.tag === other.tag && JSON.stringify(element.children) === JSON.stringify(other.children);
    return same
      ? []
      : [{ file: fileName, line: element.line, tag: element.tag, before: element.children, after: other.children }];
  });
}

/** What formatting one file with the project's Prettier configuration would change in its JSX children. */
export async function formatChanges(file: string): Promise<JsxChange[]> {
  const source = fs.readFileSync(file, "utf8");
  const options = (await prettier.resolveConfig(file)) ?? {};
  const formatted = await prettier.format(source, { ...options, filepath: file });
  return jsxChildrenChanges(source, formatted, path.relative(ROOT, file));
}

/** The `.tsx` files of the repository that Prettier formats (not ignored by .prettierignore or .gitignore). */
async function formattedTsxFiles(): Promise<string[]> {
  const listed = execFileSync(
    "git",
    ["ls-files", "--cached", "--others", "--exclude-standard", "--", "*.tsx", "*.jsx"],
    { cwd: ROOT, encoding: "utf8" },
  );
  const files: string[] = [];
  for (const name of listed.split("\n").filter(Boolean)) {
    const file = path.join(ROOT, name);
    if (!fs.existsSync(file)) continue;
    const info = await prettier.getFileInfo(file, {
      ignorePath: [path.join(ROOT, ".prettierignore"), path.join(ROOT, ".gitignore")],
    });
    if (!info.ignored) files.push(file);
  }
  return files;
}

async function main(): Promise<void> {
  const files =
    process.argv.length > 2 ? process.argv.slice(2).map((file) => path.resolve(file)) : await formattedTsxFiles();
  const changes: JsxChange[] = [];
  for (const file of files) changes.push(...(await formatChanges(file)));
  for (const change of changes) {
    console.log(
      `${change.file}:${change.line} ${change.tag}\n  now:       ${change.before.join(" ")}\n  formatted: ${change.after.join(" ")}`,
    );
  }
  console.log(`${files.length} files checked, ${changes.length} JSX elements whose children Prettier would change.`);
  if (changes.length > 0) process.exitCode = 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
