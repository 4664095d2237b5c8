import { camelRow } from "#app/db/camel-row.ts";
import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import { readPage } from "#app/db/paging.server.ts";
import type { ContentLocale, TranslatedText } from "#app/db/schema.ts";
import type { PublicationStatus } from "#app/db/tables/clearing-house.ts";
import { placeNamesOf, type PlaceNames } from "#app/modules/clearing-house/publishable/view-models.ts";

/** A service as lists and its page show it. */
export interface ServiceView {
  id: number;
  slug: string;
  title: TranslatedText;
  /** Its own Serbian Cyrillic title (decision 037), or null. */
  titleSrCyrl: string | null;
  summary: TranslatedText;
  eligibility: TranslatedText;
  requirements: TranslatedText;
  hours: TranslatedText;
  originalLocale: ContentLocale;
  kasCode: string | null;
  municipality: PlaceNames | null;
  address: string | null;
  onlineUrl: string | null;
  sectorCode: string | null;
  sectorName: TranslatedText | null;
  organisation: { id: number; slug: string; name: TranslatedText };
  /** The providing organisation's own Serbian Cyrillic name, or null. */
  organisationNameSrCyrl: string | null;
  status: PublicationStatus;
  isDemo: boolean;
  version: number;
}

function baseQuery(db: Db) {
  return db
    .selectFrom("service as s")
    .innerJoin("organisation as o", "o.id", "s.organisation_id")
    .leftJoin("municipality as m", "m.kas_code", "s.kas_code")
    .leftJoin("sector as sec", "sec.code", "s.sector_code");
}

type Row = Awaited<ReturnType<ReturnType<typeof selectView>["execute"]>>[number];

function selectView(db: Db) {
  return baseQuery(db).select([
    "s.id",
    "s.slug",
    "s.title",
    "s.title_sr_cyrl",
    "s.summary",
    "s.eligibility",
    "s.requirements",
    "s.hours",
    "s.original_locale",
    "s.kas_code",
    "s.address",
    "s.online_url",
    "s.sector_code",
    "s.status",
    "s.is_demo",
    "s.version",
    "sec.name as sector_name",
    "o.id as organisation_id",
    "o.slug as organisation_slug",
    "o.name as organisation_name",
    "o.name_sr_cyrl as organisation_name_sr_cyrl",
    "m.name_sq",
    "m.name_sr",
    "m.name_sr_cyrl",
  ]);
}

function viewOf(r: Row): ServiceView {
  const { organisation_id, organisation_slug, organisation_name, name_sq, name_sr, name_sr_cyrl, ...service } = r;
  return {
    ...camelRow(service),
    municipality: placeNamesOf({ name_sq, name_sr, name_sr_cyrl }),
    organisation: { id: organisation_id, slug: organisation_slug, name: organisation_name },
  };
}

/** Published services, filtered by sector, municipality (services offered everywhere always match) or organisation, by title (through an index: decision 066); two queries. */
export async function listServices(
  db: Db,
  query: {
    sector?: string | undefined;
    municipality?: string | undefined;
    organisationId?: number | undefined;
    page: number;
    pageSize: number;
  },
): Promise<{ items: ServiceView[]; total: number }> {
  let base = selectView(db).where("s.status", "=", "published");
  // The total counts the services alone: every service has its organisation (a not-null foreign key) and at
  // most one municipality and sector, so the joins change no count; through `service_published_title_idx`.
  let count = db.selectFrom("service as s").where("s.status", "=", "published");
  if (query.sector) {
    base = base.where("s.sector_code", "=", query.sector);
    count = count.where("s.sector_code", "=", query.sector);
  }
  if (query.municipality) {
    const kas = query.municipality;
    base = base.where((eb) => eb.or([eb("s.kas_code", "=", kas), eb("s.kas_code", "is", null)]));
    count = count.where((eb) => eb.or([eb("s.kas_code", "=", kas), eb("s.kas_code", "is", null)]));
  }
  if (query.organisationId) {
    base = base.where("s.organisation_id", "=", query.organisationId);
    count = count.where("s.organisation_id", "=", query.organisationId);
  }
  // The same expression as `service_published_title_idx` (migration 0054): the page walks the index and stops.
  const ordered = base
    .orderBy(sql`lower(coalesce(s.title->>'sq', s.title->>'en', s.title->>'sr', ''))`)
    .orderBy("s.id");
  const { rows, total } = await readPage(ordered, count, query);
  return { total, items: rows.map(viewOf) };
}

/** One service by slug (published only, unless `includeDrafts`) or id; one query. */
export async function getService(
  db: Db,
  where: { slug: string } | { id: number },
  options: { includeDrafts?: boolean } = {},
): Promise<ServiceView | null> {
  let query = selectView(db);
  query = "slug" in where ? query.where("s.slug", "=", where.slug) : query.where("s.id", "=", where.id);
  if (!options.includeDrafts) query = query.where("s.status", "=", "published");
  const row = await query.executeTakeFirst();
  return row ? viewOf(row) : null;
}
