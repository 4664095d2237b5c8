import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import { KeptStatements } from "#app/db/kept-statements.server.ts";
import type { TranslatedText } from "#app/db/schema.ts";
import {
  itemOf,
  ownedItemColumns,
  ownerOf,
  type OwnedItemView,
} from "#app/modules/clearing-house/publishable/item-columns.ts";

/** A service as lists and its page show it. */
export interface ServiceView extends OwnedItemView {
  /** Its own Serbian Cyrillic title (decision 037), or null. */
  titleSrCyrl: string | null;
  eligibility: TranslatedText;
  requirements: TranslatedText;
  hours: TranslatedText;
  address: string | null;
  onlineUrl: string | null;
  sectorCode: string | null;
  sectorName: TranslatedText | null;
  /** The providing organisation's own Serbian Cyrillic name, or null. */
  organisationNameSrCyrl: string | null;
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
    ...ownedItemColumns("s"),
    "s.title_sr_cyrl",
    "s.eligibility",
    "s.requirements",
    "s.hours",
    "s.address",
    "s.online_url",
    "s.sector_code",
    "sec.name as sector_name",
    "o.name_sr_cyrl as organisation_name_sr_cyrl",
  ]);
}

// Written out, not `{ ...rest } = r` and camelRow: a list makes one per row, and the rest copy was most of its cost (decision 072).
function viewOf(r: Row): ServiceView {
  return {
    ...itemOf(r),
    organisation: ownerOf(r),
    status: r.status,
    version: r.version,
    titleSrCyrl: r.title_sr_cyrl,
    eligibility: r.eligibility,
    requirements: r.requirements,
    hours: r.hours,
    address: r.address,
    onlineUrl: r.online_url,
    sectorCode: r.sector_code,
    sectorName: r.sector_name,
    organisationNameSrCyrl: r.organisation_name_sr_cyrl,
  };
}

/** The values a page of the public list puts in its statements (decision 072). */
interface ListValues extends Record<string, unknown> {
  sector: string | undefined;
  kas: string | undefined;
  organisationId: number | undefined;
  limit: number;
  offset: number;
}

// The same statements `readPage` made from the builder, compiled once per set of filters (the shape names
// those present: "s" sector, "m" municipality, "o" organisation).
const servicePage = new KeptStatements<ListValues, Row>((db, shape, slot) => {
  let page = selectView(db).where("s.status", "=", "published");
  if (shape.includes("s")) page = page.where("s.sector_code", "=", slot("sector")!);
  if (shape.includes("m")) {
    const kas = slot("kas")!;
    page = page.where((eb) => eb.or([eb("s.kas_code", "=", kas), eb("s.kas_code", "is", null)]));
  }
  if (shape.includes("o")) page = page.where("s.organisation_id", "=", slot("organisationId")!);
  // The same expression as `service_published_title_idx` (migration 0054): the page walks the index and stops.
  return page
    .orderBy(sql`lower(coalesce(s.title->>'sq', s.title->>'en', s.title->>'sr', ''))`)
    .orderBy("s.id")
    .limit(slot("limit"))
    .offset(slot("offset"));
});
// The total counts the services alone: every service has its organisation (a not-null foreign key) and at
// most one municipality and sector, so the joins change no count; through `service_published_title_idx`.
const serviceCount = new KeptStatements<ListValues, { n: number | string }>((db, shape, slot) => {
  let count = db.selectFrom("service as s").where("s.status", "=", "published");
  if (shape.includes("s")) count = count.where("s.sector_code", "=", slot("sector")!);
  if (shape.includes("m")) {
    const kas = slot("kas")!;
    count = count.where((eb) => eb.or([eb("s.kas_code", "=", kas), eb("s.kas_code", "is", null)]));
  }
  if (shape.includes("o")) count = count.where("s.organisation_id", "=", slot("organisationId")!);
  return count.select((eb) => eb.fn.countAll<number>().as("n")).$castTo<{ n: number | string }>();
});

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
  const shape = `${query.sector ? "s" : ""}${query.municipality ? "m" : ""}${query.organisationId ? "o" : ""}`;
  const values: ListValues = {
    sector: query.sector,
    kas: query.municipality,
    organisationId: query.organisationId,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  };
  const [rows, count] = await Promise.all([
    servicePage.execute(db, shape, values),
    serviceCount.execute(db, shape, values),
  ]);
  return { total: Number(count[0]!.n), items: rows.map(viewOf) };
}

/**
 * What the public list of services shows depends on, as one value read in one statement (decision 078): the
 * services' generation (migration 0064), their organisations' (0052: names, slugs) and the reference data's (0049:
 * municipality and sector names). Every one is bumped by trigger in the writing transaction.
 */
export async function servicesListGeneration(db: Db): Promise<string> {
  const { rows } = await sql<{ generation: string }>`select
    (select generation from service_generation)::text || '.' ||
    (select generation from organisation_generation)::text || '.' ||
    (select generation from reference_generation)::text as generation`.execute(db);
  return rows[0]!.generation;
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
