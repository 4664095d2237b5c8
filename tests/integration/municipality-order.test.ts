import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { LOCALES, type Locale } from "#app/i18n/locales.ts";
import { loader as eventsIndex } from "#app/modules/clearing-house/events/routes/events-index.tsx";
import { loader as needsNew } from "#app/modules/needs/public/routes/needs-new.tsx";
import { loader as needsStats } from "#app/modules/needs/public/routes/needs-stats.tsx";
import { loader as opportunitiesIndex } from "#app/modules/clearing-house/opportunities/routes/opportunities-index.tsx";
import { loader as servicesIndex } from "#app/modules/clearing-house/services/routes/services-index.tsx";
import { alphabeticalCompare } from "../support/alphabets.ts";
import { createTestDatabase } from "../support/test-database.ts";

type Loader = (args: { request: Request; params: Record<string, string>; context: unknown }) => Promise<unknown>;

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

async function load<T>(loader: unknown, path: string, locale: Locale): Promise<T> {
  const context = {
    db: handle.db,
    logger: pino({ level: "silent" }),
    publicUrl: "https://platform.example.org",
    requestId: "t",
    formSigningKey: "k".repeat(32),
  };
  return (await (loader as Loader)({
    request: new Request(`http://localhost${path}`),
    params: { lang: locale },
    context,
  })) as T;
}

/** Each page's municipality list, as the page shows it. */
const LISTS: { page: string; names: (locale: Locale) => Promise<string[]> }[] = [
  {
    page: "needs form",
    names: async (l) =>
      (await load<{ municipalities: { name: string }[] }>(needsNew, `/${l}/needs/new`, l)).municipalities.map(
        (m) => m.name,
      ),
  },
  {
    page: "needs statistics",
    names: async (l) =>
      (await load<{ rows: { municipality: { label: string }[] } }>(needsStats, `/${l}/needs`, l)).rows.municipality.map(
        (m) => m.label,
      ),
  },
  {
    page: "events filter",
    names: async (l) =>
      (await load<{ municipalities: { label: string }[] }>(eventsIndex, `/${l}/events`, l)).municipalities.map(
        (m) => m.label,
      ),
  },
  {
    page: "services filter",
    names: async (l) =>
      (await load<{ municipalities: { label: string }[] }>(servicesIndex, `/${l}/services`, l)).municipalities.map(
        (m) => m.label,
      ),
  },
  {
    page: "opportunities filter",
    names: async (l) =>
      (
        await load<{ municipalities: { label: string }[] }>(opportunitiesIndex, `/${l}/opportunities`, l)
      ).municipalities.map((m) => m.label),
  },
];

describe("municipality lists follow the alphabet of the page's language and script", () => {
  for (const { page, names } of LISTS) {
    it.each(LOCALES)(`${page} (%s)`, async (locale) => {
      const shown = await names(locale);
      expect(shown.length).toBeGreaterThanOrEqual(38);
      expect(shown).toEqual([...shown].sort(alphabeticalCompare(locale)));
      if (locale === "sr-cyrl") expect(shown.every((name) => /^[\u0400-\u04ff\s-]+$/.test(name))).toBe(true);
    });
  }
});
