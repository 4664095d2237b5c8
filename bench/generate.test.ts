import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { withQueryStats } from "#app/db/query-stats.server.ts";
import { SlugParamSchema } from "#app/services/ids.ts";
import { createTestDatabase } from "../tests/support/test-database.ts";
import { clearGenerated, generateKosovo } from "./generate.ts";
import { ENTITY_GENERATORS } from "./generators/index.ts";

let a: DatabaseHandle;
let b: DatabaseHandle;
beforeAll(async () => {
  [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
});

async function newsSnapshot(handle: DatabaseHandle) {
  return handle.db
    .selectFrom("news_item")
    .select(["slug", "title", "body", "original_locale", "published_at"])
    .orderBy("slug")
    .execute();
}

describe("generateKosovo", () => {
  it("writes perScale × scale rows of each entity, in batched statements", async () => {
    const { result, stats } = await withQueryStats(() =>
      generateKosovo(a.db, { scale: 0.5, seed: 11, batchSize: 100 }),
    );
    expect(result.entities.map((e) => [e.name, e.rows])).toEqual(
      Object.entries(ENTITY_GENERATORS).map(([name, g]) => [name, Math.round(g.perScale * 0.5)]),
    );
    const rows = result.entities.reduce((sum, e) => sum + e.rows, 0);
    // Reference reads, one transaction per generator, ANALYZE, and one INSERT per 100 rows.
    expect(stats.queries).toBeLessThan(rows / 100 + 20);
    const news = await a.db
      .selectFrom("news_item")
      .select(["slug", "title", "body", "original_locale"])
      .where("source_note", "like", "Synthetic%")
      .execute();
    expect(news).toHaveLength(250);
    for (const item of news) {
      expect(SlugParamSchema.safeParse(item.slug).success).toBe(true);
      expect(item.title[item.original_locale]).toBeTruthy();
      expect(item.body[item.original_locale]).toBeTruthy();
    }
    expect(new Set(news.map((n) => n.original_locale))).toEqual(new Set(["sq", "sr", "en"]));
  });

  it("makes the same data from the same seed, and other data from another", async () => {
    await clearGenerated(a.db);
    await generateKosovo(a.db, { scale: 0.1, seed: 5, only: ["news_item"] });
    await generateKosovo(b.db, { scale: 0.1, seed: 5, only: ["news_item"] });
    expect(await newsSnapshot(a)).toEqual(await newsSnapshot(b));
    await clearGenerated(b.db);
    await generateKosovo(b.db, { scale: 0.1, seed: 6, only: ["news_item"] });
    expect(await newsSnapshot(a)).not.toEqual(await newsSnapshot(b));
  });

  it("clears only what it generated", async () => {
    await a.db
      .insertInto("news_item")
      .values({
        slug: "a-real-item",
        title: { en: "Real" },
        body: { en: "Real." },
        original_locale: "en",
        published_at: new Date(),
      })
      .execute();
    await a.db.insertInto("job").values({ kind: "report.export" }).execute();
    await a.db
      .insertInto("stored_file")
      .values({
        id: "6f1c2b8e-1d2a-4c3b-9e4f-5a6b7c8d9e0f",
        sha256: "0".repeat(64),
        media_type: "application/pdf",
        extension: "pdf",
        size_bytes: 1,
        original_name: "real.pdf",
      })
      .execute();
    await generateKosovo(a.db, { scale: 0.1, seed: 1 });
    await clearGenerated(a.db);
    expect((await a.db.selectFrom("news_item").select("slug").execute()).map((r) => r.slug)).toEqual(["a-real-item"]);
    expect((await a.db.selectFrom("job").select("kind").execute()).map((r) => r.kind)).toEqual(["report.export"]);
    expect(
      (await a.db.selectFrom("stored_file").select("original_name").execute()).map((r) => r.original_name),
    ).toEqual(["real.pdf"]);
  });

  it("refuses a scale of zero and unknown entities", async () => {
    await expect(generateKosovo(a.db, { scale: 0 })).rejects.toThrow(RangeError);
    await expect(generateKosovo(a.db, { scale: 1, only: ["unicorn"] })).rejects.toThrow(/unicorn/);
  });
});
