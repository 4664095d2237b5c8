import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { withQueryStats } from "#app/db/query-stats.server.ts";
import { PAGE_SECTIONS } from "../../../server/modules.ts";
import { createTestDatabase } from "../../../tests/support/test-database.ts";
import { loader as indexLoader } from "./routes/municipalities-index.tsx";
import { loader as detailLoader } from "./routes/municipality-detail.tsx";

type IndexArgs = Parameters<typeof indexLoader>[0];
type DetailArgs = Parameters<typeof detailLoader>[0];

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

function context() {
  return { db: handle.db, pageSections: PAGE_SECTIONS } as unknown as IndexArgs["context"];
}

function loadIndex(path: string, lang = "en") {
  return indexLoader({
    request: new Request(`http://localhost${path}`),
    params: { lang },
    context: context(),
  } as unknown as IndexArgs);
}

function loadDetail(lang: string, municipality: string) {
  const path = `/${lang}/municipalities/${municipality}`;
  return detailLoader({
    request: new Request(`http://localhost${path}`),
    params: { lang, municipality },
    context: context(),
  } as unknown as DetailArgs);
}

/** What a loader threw: a redirect or an error response, as its status and Location. */
async function thrownBy(promise: Promise<unknown>): Promise<{ status: number; location: string | null }> {
  try {
    await promise;
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get("Location") };
    if (thrown && typeof thrown === "object" && "init" in thrown) {
      const init = (thrown as { init: ResponseInit | null }).init;
      return { status: init?.status ?? 200, location: new Headers(init?.headers).get("Location") };
    }
    throw thrown;
  }
  throw new Error("The loader returned instead of throwing.");
}

describe("municipalities page loader", () => {
  it("shows the largest non-majority community (Serbs) when none is asked for", async () => {
    const page = await loadIndex("/en/municipalities");
    expect(page.query).toEqual({ community: "serb", sort: "name" });
    expect(page.community.name).toBe("Serbs");
  });

  it("falls back to the default for an unknown community and order", async () => {
    const page = await loadIndex("/en/municipalities?community=%3Cscript%3E&sort=nonsense");
    expect(page.query).toEqual({ community: "serb", sort: "name" });
  });

  it("colours the map by the community asked for", async () => {
    const page = await loadIndex("/en/municipalities?community=turkish");
    expect(page.community.code).toBe("turkish");
    const mamusha = page.rows.find((row) => row.kasCode === "32");
    expect(mamusha?.share).toBeGreaterThan(0.9);
    expect(mamusha?.shareClass).toBe(6);
    const drenas = page.rows.find((row) => row.kasCode === "03");
    expect(drenas).toMatchObject({ count: 3, shareClass: 1 });
  });

  it("lists all 38 municipalities with a drawn outline, a link and every row in a legend class", async () => {
    const page = await loadIndex("/sq/municipalities", "sq");
    expect(page.rows).toHaveLength(38);
    for (const row of page.rows) {
      expect(row.path).toMatch(/^M\d+ \d+l/);
      expect(row.href).toMatch(/^\/sq\/municipalities\/\d{2}-[a-z0-9-]+$/);
    }
    expect(page.legend.reduce((sum, item) => sum + item.count, 0)).toBe(38);
    expect(page.totals.population2024).toBe(new Intl.NumberFormat("sq").format(1_602_515));
  });

  it("marks the four northern municipalities as estimates without a 2011 figure", async () => {
    const page = await loadIndex("/en/municipalities");
    const north = page.rows.filter((row) => row.population2024IsEstimate);
    expect(north.map((row) => row.kasCode).sort()).toEqual(["12", "28", "29", "38"]);
    expect(north.every((row) => row.population2011 === null)).toBe(true);
    expect(page.notes.estimate).toBe(
      "In Leposaviq, Mitrovicë e Veriut, Zubin Potok, and Zveçan, the 2024 figures include the Kosovo Agency of Statistics' own estimate of the residents who were not enumerated.",
    );
    expect(page.notes.notEnumerated2011).toContain("Leposaviq, Mitrovicë e Veriut, Zubin Potok, and Zveçan");
  });

  it("formats every figure on the server, in the reader's conventions", async () => {
    const page = await loadIndex("/sq/municipalities?community=serb", "sq");
    const gracanica = page.rows.find((row) => row.kasCode === "34");
    expect(gracanica).toMatchObject({
      population2024Text: new Intl.NumberFormat("sq").format(18_486),
      countText: "8560",
      shareText: "46,3%",
    });
    expect(gracanica?.mapLabel).toBe("Graçanicë: 46,3% (8560 persona)");
    expect(page.legend.map((item) => item.label)).toEqual([
      "nën 0,5%",
      "nga 0,5% deri nën 2%",
      "nga 2% deri nën 5%",
      "nga 5% deri nën 10%",
      "nga 10% deri nën 50%",
      "50% ose më shumë",
      "pa pjesëtarë",
    ]);
  });

  it("sorts the table as asked", async () => {
    const byShare = await loadIndex("/en/municipalities?community=serb&sort=share");
    const shares = byShare.rows.map((row) => row.share);
    expect(shares).toEqual([...shares].sort((a, b) => b - a));
    const byName = await loadIndex("/sr-cyrl/municipalities", "sr-cyrl");
    const names = byName.rows.map((row) => row.name);
    expect(names).toEqual([...names].sort(new Intl.Collator("sr-Cyrl").compare));
    expect(names[0]).toMatch(/^[А-Ш]/);
  });

  it("is a 404 under an unknown language", async () => {
    expect(await thrownBy(loadIndex("/xx/municipalities", "xx"))).toMatchObject({ status: 404 });
  });
});

describe("municipality page loader", () => {
  it("gives the names in both official languages and the population by community", async () => {
    const page = await loadDetail("en", "20-prizren");
    expect(page.names).toEqual({ sq: "Prizren", sr: "Prizren", srCyrl: "Призрен" });
    expect(page.communities).toHaveLength(10);
    expect(page.communities.reduce((sum, c) => sum + c.count, 0)).toBe(page.population2024);
    expect(page.settlements.length).toBeGreaterThan(10);
    expect(page.locator).toHaveLength(38);
  });

  it("lists every settlement of Prizren in Serbian Cyrillic, or in Albanian marked as such, to sr-cyrl readers (issue 15 item 2)", async () => {
    const page = await loadDetail("sr-cyrl", "20-prizren");
    expect(page.settlements).toHaveLength(107);
    const unmarkedLatin = page.settlements.filter((s) => s.lang === null && /\p{Script=Latin}/u.test(s.name));
    expect(unmarkedLatin).toEqual([]);
    for (const s of page.settlements) {
      if (s.lang === null) expect(s.name).toMatch(/^[\p{Script=Cyrillic} ()\-.']+$/u);
      else expect(s.lang).toBe("sq");
    }
    const names = page.settlements.map((s) => s.name);
    // GeoNames has no Cyrillic name for these; their Serbian Latin names give it.
    expect(names).toEqual(
      expect.arrayContaining(["Богошевац", "Мужљак", "Градиште", "Шех Махала", "Пејчићи", "Рашкај"]),
    );
    // GeoNames' own Cyrillic names are kept.
    expect(names).toContain("Жур");
    expect(names).toEqual([...names].sort(new Intl.Collator("sr-Cyrl").compare));
  });

  it('shows a settlement with only an Albanian name as such, marked lang="sq", to sr-cyrl readers', async () => {
    const page = await loadDetail("sr-cyrl", "17-peje");
    const albanian = page.settlements.filter((s) => s.lang === "sq");
    // 33 GeoNames records in Pejë have neither a Cyrillic nor a Serbian Latin name.
    expect(albanian.length).toBe(33);
    for (const s of albanian) expect(s.name).toMatch(/\p{Script=Latin}/u);
    expect(page.settlements.filter((s) => s.lang === null && /\p{Script=Latin}/u.test(s.name))).toEqual([]);
  });

  it("lists the settlements in Serbian Latin to sr readers, with the same Albanian-only names marked", async () => {
    const [latin, cyrillic] = await Promise.all([loadDetail("sr", "20-prizren"), loadDetail("sr-cyrl", "20-prizren")]);
    expect(latin.settlements.map((s) => s.name)).toEqual(expect.arrayContaining(["Bogoševac", "Mužljak", "Žur"]));
    expect(
      latin.settlements
        .filter((s) => s.lang === "sq")
        .map((s) => s.id)
        .sort(),
    ).toEqual(
      cyrillic.settlements
        .filter((s) => s.lang === "sq")
        .map((s) => s.id)
        .sort(),
    );
  });

  it("draws the population chart on the server as an accessible SVG in the reader's language", async () => {
    const page = await loadDetail("sr-cyrl", "20-prizren");
    expect(page.chart.svg).toMatch(/^<svg [^>]*role="img"/);
    expect(page.chart.svg).toContain(">Албанци<");
    expect(page.chart.svg).toContain(">Турци<");
    expect(page.chart.svg).toContain(`aria-label="${page.chart.title}"`);
    expect(page.chart.title).toContain("Призрен");
    expect(page.chart.svg).not.toMatch(/<script/i);
  });

  it("lists the neighbouring municipalities", async () => {
    const page = await loadDetail("en", "20-prizren");
    expect(page.neighbours.map((n) => n.kasCode).sort()).toEqual(expect.arrayContaining(["05", "24", "32"]));
    expect(page.neighbours.map((n) => n.kasCode)).not.toContain("20");
    expect(page.neighbours.every((n) => n.href.startsWith("/en/municipalities/"))).toBe(true);
  });

  it("explains an estimate and a missing 2011 census in the north", async () => {
    const page = await loadDetail("en", "12-leposaviq");
    expect(page).toMatchObject({ population2024IsEstimate: true, population2011: null });
    expect(page.population2024Enumerated).toBeLessThan(page.population2024);
  });

  it("reads the alternative names", async () => {
    const page = await loadDetail("en", "11-mitrovice");
    expect(page.alternativeNames.map((group) => group.language)).toEqual(["sr", "sq"]);
  });

  it.each([
    ["en", "20-prizrenn", "/en/municipalities/20-prizren"],
    ["sr-cyrl", "20", "/sr-cyrl/municipalities/20-prizren"],
    ["sr", "09-kosovo-polje", "/sr/municipalities/09-fushe-kosove"],
    ["sq", "09-", "/sq/municipalities/09-fushe-kosove"],
  ])("redirects /%s/municipalities/%s permanently to the canonical address", async (lang, segment, location) => {
    expect(await thrownBy(loadDetail(lang, segment))).toEqual({ status: 301, location });
  });

  it.each(["99-nowhere", "00", "prizren", "2-prizren", "<script>"])("is a 404 for %j", async (segment) => {
    expect(await thrownBy(loadDetail("en", segment))).toMatchObject({ status: 404 });
  });
});

describe("SQL queries", () => {
  async function queriesOf(load: () => Promise<unknown>): Promise<number> {
    const { stats } = await withQueryStats(async () => {
      await load();
    });
    return stats.queries;
  }

  it("are a fixed number on the municipalities page, whatever is asked and however many municipalities there are", async () => {
    const counts = [
      await queriesOf(() => loadIndex("/en/municipalities")),
      await queriesOf(() => loadIndex("/en/municipalities?community=roma&sort=share")),
      await queriesOf(() => loadIndex("/sr-cyrl/municipalities?community=nonsense", "sr-cyrl")),
    ];
    expect(new Set(counts).size).toBe(1);
    expect(counts[0]).toBeLessThanOrEqual(4);

    const prizren = await handle.db
      .selectFrom("municipality")
      .selectAll()
      .where("kas_code", "=", "20")
      .executeTakeFirstOrThrow();
    await handle.db
      .insertInto("municipality")
      .values({
        ...prizren,
        kas_code: "39",
        slug: "test-municipality",
        name_sq: "Komuna Test",
        name_sr: "Test",
        name_sr_cyrl: "Тест",
      })
      .execute();
    await handle.db
      .insertInto("municipality_population")
      .values([{ kas_code: "39", community_code: "serb", year: 2024, population: 10 }])
      .execute();
    expect(await queriesOf(() => loadIndex("/en/municipalities"))).toBe(counts[0]);
    const grown = await loadIndex("/en/municipalities");
    expect(grown.rows).toHaveLength(39);
    await handle.db.deleteFrom("municipality_population").where("kas_code", "=", "39").execute();
    await handle.db.deleteFrom("municipality").where("kas_code", "=", "39").execute();
  });

  it("are a fixed number on a municipality page, however many settlements it has", async () => {
    // The local action plans section is kept per generation of the strategy figures (decision 058): the
    // first request of a page builds it (one more statement), so both pages are asked once first.
    await loadDetail("en", "31-junik");
    await loadDetail("en", "20-prizren");
    const before = await queriesOf(() => loadDetail("en", "31-junik"));
    expect(await queriesOf(() => loadDetail("en", "20-prizren"))).toBe(before);
    await handle.db
      .insertInto("settlement")
      .values(
        Array.from({ length: 300 }, (_, i) => ({
          id: 95_000_000 + i,
          kas_code: "31",
          name: `Fshati ${i}`,
          name_ascii: `Fshati ${i}`,
          name_cyrl: null,
          alternate_names: "",
          latitude: 42.5,
          longitude: 20.3,
          feature_code: "PPL",
        })),
      )
      .execute();
    expect(await queriesOf(() => loadDetail("en", "31-junik"))).toBe(before);
    expect((await loadDetail("en", "31-junik")).settlements.length).toBeGreaterThanOrEqual(300);
    // Four of the municipality's own, and one for its local action plans (the plans module's kept
    // section: the generation it was kept at; decision 058).
    expect(before).toBeLessThanOrEqual(5);
  });
});
