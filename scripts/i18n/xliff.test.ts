import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readCatalogs, readReviewed, writeCatalog, writeReviewed } from "./catalog-files.ts";
import { applyImport, exportXliff, readXliff, XliffImportError } from "./xliff.ts";

const repo = path.resolve(import.meta.dirname, "../..");
let root: string;

/** A copy of the project's catalogs and review marks, so the test writes nothing in the repository. */
function copyCatalogs(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "i18n-xliff-"));
  // A module's catalogs, or each part's of a module made of parts (app/modules/clearing-house/services/locales).
  for (const module of fs.readdirSync(path.join(repo, "app", "modules"))) {
    for (const folder of [
      module,
      ...fs.readdirSync(path.join(repo, "app", "modules", module)).map((part) => path.join(module, part)),
    ]) {
      const from = path.join(repo, "app", "modules", folder, "locales");
      if (fs.existsSync(from))
        fs.cpSync(from, path.join(dir, "app", "modules", folder, "locales"), { recursive: true });
    }
  }
  fs.cpSync(path.join(repo, "app", "i18n", "reviewed"), path.join(dir, "app", "i18n", "reviewed"), { recursive: true });
  return dir;
}

/** Every catalog and review file under a root, by relative path, as bytes. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.set(path.relative(dir, full), fs.readFileSync(full, "utf8"));
    }
  };
  walk(path.join(dir, "app"));
  return out;
}

/** What `npm run i18n:import` does with a file, on the copy. */
function importInto(dir: string, xml: string): void {
  const table = readCatalogs(dir);
  const result = readXliff(xml, table);
  const after = applyImport(table, readReviewed(dir, result.locale), result);
  for (const [namespace, messages] of after.catalogs)
    if (Object.keys(messages).length > 0) writeCatalog(dir, namespace, result.locale, messages);
  writeReviewed(dir, result.locale, after.reviewed);
}

beforeEach(() => {
  root = copyCatalogs();
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe("XLIFF 2.0 export and import of the catalogs", () => {
  it.each(["tr", "bs", "rom"] as const)("export then import unchanged gives identical catalogs (%s)", (locale) => {
    const before = snapshot(root);
    const xml = exportXliff(readCatalogs(root), readReviewed(root, locale), locale);
    importInto(root, xml);
    expect(snapshot(root)).toEqual(before);
  });

  it("writes XLIFF 2.0 with English as source, the key in a note and the state on the segment", () => {
    const xml = exportXliff(readCatalogs(root), readReviewed(root, "rom"), "rom");
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="rom">/,
    );
    expect(xml).toContain(
      `<unit id="nav.home">\n      <notes>\n        <note category="key">core:nav.home</note>\n      </notes>\n      <segment state="translated">\n        <source>Home</source>\n        <target>Jekhto rig</target>`,
    );
    // A key Romani has not translated yet: no target, state "initial".
    expect(xml).toContain(
      `<note category="key">projects:index.title</note>\n      </notes>\n      <segment state="initial">\n        <source>Donor projects</source>\n      </segment>`,
    );
  });

  it("takes a translator's edits, with state final as reviewed, and removes the review mark of a changed unreviewed string", () => {
    // Written as a translation tool writes a partial file: other attributes, another indentation, entities, a comment.
    const edited = `<?xml version="1.0" encoding="utf-8"?>
<!-- exported by a CAT tool -->
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en" trgLang="tr">
\t<file id="core" original="app/modules/core/locales/tr.json">
\t\t<unit id="nav.home">
\t\t\t<notes><note category="key">core:nav.home</note></notes>
\t\t\t<segment state="final"><source>Home</source><target>Anasayfa</target></segment>
\t\t</unit>
\t\t<unit id="pagination.summary">
\t\t\t<segment state="reviewed"><source>Showing {from}–{to} of {total}</source><target>{from}–{to} / {total} &amp; daha fazlası yok</target></segment>
\t\t</unit>
\t</file>
\t<file id="services">
\t\t<unit id="index.count">
\t\t\t<segment state="translated"><source>x</source><target>{count, plural, =0 {Hiç hizmet yok} one {# hizmet} other {{total} hizmet}}</target></segment>
\t\t</unit>
\t</file>
</xliff>
`;
    importInto(root, edited);
    const core = JSON.parse(fs.readFileSync(path.join(root, "app/modules/core/locales/tr.json"), "utf8")) as {
      nav: { home: string; news: string };
      pagination: { summary: string };
    };
    expect(core.nav.home).toBe("Anasayfa");
    expect(core.nav.news).toBe("Haberler");
    expect(core.pagination.summary).toBe("{from}–{to} / {total} & daha fazlası yok");
    const services = JSON.parse(
      fs.readFileSync(path.join(root, "app/modules/clearing-house/services/locales/tr.json"), "utf8"),
    ) as { index: { count: string } };
    expect(services.index.count).toBe("{count, plural, =0 {Hiç hizmet yok} one {# hizmet} other {{total} hizmet}}");
    expect([...readReviewed(root, "tr")]).toEqual(["core:nav.home", "core:pagination.summary"]);
    // Exported again, the reviewed strings say so.
    const xml = exportXliff(readCatalogs(root), readReviewed(root, "tr"), "tr");
    expect(xml).toContain(`<segment state="final">\n        <source>Home</source>\n        <target>Anasayfa</target>`);
  });

  it("refuses unknown modules and keys, lost placeholders and wrong plural forms, and writes nothing", () => {
    const before = snapshot(root);
    const bad = `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="bs">
  <file id="core">
    <unit id="nav.nowhere"><segment state="translated"><source>?</source><target>Nigdje</target></segment></unit>
    <unit id="nav.home"><segment state="final"><source>Home</source><target>Početna</target></segment></unit>
    <unit id="pagination.page"><segment state="translated"><source>Page {page}</source><target>Stranica</target></segment></unit>
  </file>
  <file id="services">
    <unit id="index.count"><segment state="translated"><source>x</source><target>{count, plural, one {# usluga} many {# usluga} other {# usluga}}</target></segment></unit>
  </file>
  <file id="nomodule">
    <unit id="a"><segment><source>a</source><target>b</target></segment></unit>
  </file>
</xliff>`;
    let error: unknown;
    try {
      importInto(root, bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(XliffImportError);
    expect((error as XliffImportError).problems).toEqual([
      'core:nav.nowhere: unknown key (the English catalog of "core" has no "nav.nowhere")',
      "core:pagination.page: placeholder {page} is missing",
      "services:index.count: placeholder {total} is missing",
      "services:index.count: {count} has plural forms the language does not have: many",
      '<file id="nomodule">: there is no module "nomodule"',
    ]);
    expect(snapshot(root)).toEqual(before);
  });

  it.each([
    ["not XML", "<xliff", /not well-formed XML/],
    [
      "XLIFF 1.2",
      `<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="en" target-language="tr"/></xliff>`,
      /only XLIFF 2.0/,
    ],
    [
      "an untracked target language",
      `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="de"></xliff>`,
      /target language "de"/,
    ],
    [
      "inline markup",
      `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="tr"><file id="core"><unit id="nav.home"><segment><source>Home</source><target>Ana <pc id="1">sayfa</pc></target></segment></unit></file></xliff>`,
      /markup/,
    ],
  ])("refuses %s with a clear message", (_name, xml, message) => {
    expect(() => readXliff(xml, readCatalogs(root))).toThrow(message);
  });

  it("runs as npm run i18n:import: a refused file exits with 1 and says why", async () => {
    const file = path.join(root, "bad.xlf");
    fs.writeFileSync(
      file,
      `<?xml version="1.0"?><xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="tr"><file id="core"><unit id="nav.nowhere"><segment><source>a</source><target>b</target></segment></unit></file></xliff>`,
    );
    const run = promisify(execFile)(
      path.join(repo, "node_modules/.bin/tsx"),
      [path.join(repo, "scripts/i18n.ts"), "import", file],
      { cwd: root },
    );
    await expect(run).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("core:nav.nowhere: unknown key"),
    });
  });
});
