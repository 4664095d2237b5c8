import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { LIBRARY_ISSUER_OPTIONS } from "#app/modules/library/library.constants.ts";
import * as libraryIndex from "#app/modules/library/routes/library-index.tsx";
import * as knowYourRights from "#app/modules/library/routes/library-know-your-rights.tsx";
import { createTestDatabase } from "../support/test-database.ts";
import { workspaceContext } from "../support/workspace-actors.ts";

/*
 * Decision 055: the library's issuer filter does not list every organisation that published a
 * document (1,079 options at "Kosovo ×10", written into the page twice), only the
 * LIBRARY_ISSUER_OPTIONS with the most published documents and the issuer chosen; every issuer's
 * name in the list links to its documents, so none is out of reach without JavaScript.
 */

let handle: DatabaseHandle;
/** Organisation ids in order of how many published documents they issue (most first). */
let ranked: number[];
let draftOnly: number;

beforeAll(async () => {
  handle = await createTestDatabase();
  const count = LIBRARY_ISSUER_OPTIONS + 15;
  const organisations = await handle.db
    .insertInto("organisation")
    .values(
      Array.from({ length: count + 1 }, (_, i) => ({
        slug: `issuer-${i}`,
        name: { en: `Issuer ${String(i).padStart(3, "0")}` },
        type_code: "other",
      })),
    )
    .returning("id")
    .execute();
  // Issuer i publishes count - i documents (the first the most); the last has only a draft.
  ranked = organisations.slice(0, count).map((o) => o.id);
  draftOnly = organisations[count]!.id;
  const documents = ranked.flatMap((id, i) =>
    Array.from({ length: count - i }, (_, j) => ({
      slug: `issuer-${i}-doc-${j}`,
      doc_type: "report" as const,
      title: { en: `Report ${j} of issuer ${i}` },
      original_locale: "en" as const,
      organisation_id: id,
      issued_on: "2024-05-01",
      status: "published" as "published" | "draft",
      is_know_your_rights: j === 0,
    })),
  );
  documents.push({
    slug: "draft-only",
    doc_type: "report" as const,
    title: { en: "A draft" },
    original_locale: "en" as const,
    organisation_id: draftOnly,
    issued_on: "2024-05-01",
    status: "draft",
    is_know_your_rights: false,
  });
  for (let i = 0; i < documents.length; i += 200)
    await handle.db
      .insertInto("library_document")
      .values(documents.slice(i, i + 200))
      .execute();
});
afterAll(() => handle.close());

type ListData = Awaited<ReturnType<typeof libraryIndex.loader>>;

async function load(route: typeof libraryIndex | typeof knowYourRights, path: string): Promise<ListData> {
  const context = workspaceContext(handle.db, null);
  return (await route.loader({
    request: new Request(`http://localhost${path}`),
    params: { lang: "en" },
    context,
  } as never)) as ListData;
}

describe("the library's issuer filter (decision 055)", () => {
  it("lists only the issuers with the most published documents, by name", async () => {
    const data = await load(libraryIndex, "/en/library");
    const listed = data.options.issuers.map((o) => Number(o.value));
    expect(listed).toHaveLength(LIBRARY_ISSUER_OPTIONS);
    expect(new Set(listed)).toEqual(new Set(ranked.slice(0, LIBRARY_ISSUER_OPTIONS)));
    expect(listed).not.toContain(draftOnly);
    const labels = data.options.issuers.map((o) => o.label);
    expect(labels).toEqual([...labels].sort());
  });

  it("adds the issuer chosen when it is not among them, and filters by it", async () => {
    const rare = ranked.at(-1)!;
    const data = await load(libraryIndex, `/en/library?issuer=${rare}`);
    const listed = data.options.issuers.map((o) => Number(o.value));
    expect(listed).toHaveLength(LIBRARY_ISSUER_OPTIONS + 1);
    expect(listed).toContain(rare);
    expect(data.total).toBe(1);
    // An issuer with drafts only is not offered, even when asked for.
    const draft = await load(libraryIndex, `/en/library?issuer=${draftOnly}`);
    expect(draft.options.issuers.map((o) => Number(o.value))).not.toContain(draftOnly);
    expect(draft.total).toBe(0);
  });

  it("links every listed document's issuer to its documents on the same list", async () => {
    const rare = ranked.at(-1)!;
    const page = await load(libraryIndex, "/en/library?sort=title&page=3");
    expect(page.items.length).toBeGreaterThan(0);
    for (const item of page.items) expect(item.issuerHref).toMatch(/^\/en\/library\?issuer=\d+$/);
    const rights = await load(knowYourRights, "/en/library/know-your-rights");
    expect(rights.items.length).toBeGreaterThan(0);
    for (const item of rights.items) expect(item.issuerHref).toMatch(/^\/en\/library\/know-your-rights\?issuer=\d+$/);
    const followed = await load(libraryIndex, `/en/library?issuer=${rare}`);
    expect(followed.items.map((i) => i.issuerHref)).toEqual([`/en/library?issuer=${rare}`]);
  });
});
