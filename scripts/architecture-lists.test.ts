import fs from "node:fs";
import { route } from "@react-router/dev/routes";
import { describe, expect, it } from "vitest";
import {
  ARCHITECTURE_FILE,
  generateArchitecture,
  renderDecisionList,
  replaceGenerated,
  routePaths,
} from "./architecture-lists.ts";

describe("the generated lists of docs/architecture.md", () => {
  it("are what `npm run docs:lists` writes from the manifests and the decision records", async () => {
    const current = fs.readFileSync(ARCHITECTURE_FILE, "utf8");
    // When this fails, run `npm run docs:lists` and commit docs/architecture.md.
    expect(await generateArchitecture(current)).toBe(current);
  }, 60_000);

  it("list every module of the composition root and every decision record", async () => {
    const doc = fs.readFileSync(ARCHITECTURE_FILE, "utf8");
    const { MODULES } = await import("#app/modules.ts");
    for (const module of MODULES) expect(doc).toContain(`| \`${module.name}\` |`);
    for (const name of fs
      .readdirSync(new URL("../docs/decisions/", import.meta.url))
      .filter((n) => /^\d{3}-/.test(n))) {
      expect(doc).toContain(`(decisions/${name})`);
    }
  }, 60_000);
});

describe("replaceGenerated", () => {
  it("replaces only what stands between the named markers", () => {
    const doc =
      "intro\n<!-- generated:a -->\nold a\n<!-- /generated:a -->\nmiddle\n<!-- generated:b -->\nold b\n<!-- /generated:b -->\nend\n";
    expect(replaceGenerated(doc, "b", "new b")).toBe(
      "intro\n<!-- generated:a -->\nold a\n<!-- /generated:a -->\nmiddle\n<!-- generated:b -->\nnew b\n<!-- /generated:b -->\nend\n",
    );
  });

  it("refuses a document without the markers", () => {
    expect(() => replaceGenerated("no markers here", "modules", "x")).toThrow(/generated:modules/);
  });
});

describe("renderDecisionList", () => {
  it("links each record by number with the title of its first heading, in number order", () => {
    const list = renderDecisionList([
      { name: "010-later.md", text: "# 010 – Format numbers in loaders\n\nbody" },
      { name: "002-first.md", text: "Front matter\n# 002. Embedded database by default\n" },
      { name: "README.md", text: "# not a record" },
    ]);
    expect(list).toBe(
      "- [002. Embedded database by default](decisions/002-first.md)\n- [010. Format numbers in loaders](decisions/010-later.md)",
    );
  });
});

describe("routePaths", () => {
  it("joins nested routes to their parents and names index routes by their parent's path", () => {
    const entries = [
      route("news", "a.tsx", [{ index: true, file: "b.tsx" }, route(":slug", "c.tsx")]),
      route("about", "d.tsx"),
    ];
    expect(routePaths(entries)).toEqual(["/news", "/news", "/news/:slug", "/about"]);
  });
});
