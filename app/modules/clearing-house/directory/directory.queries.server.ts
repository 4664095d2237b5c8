import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import type { ContentLocale, TranslatedText } from "#app/db/schema.ts";
import type { EventKind, OpportunityKind } from "#app/db/tables/clearing-house.ts";
import type { DocumentType } from "#app/db/tables/library.ts";
import type { ProjectOrganisationRole } from "#app/db/tables/projects.ts";
import { municipalityNameColumns } from "#app/db/municipality-columns.ts";
import { placeNamesOf, type PlaceNames } from "#app/modules/clearing-house/publishable/view-models.ts";
import type { Locale } from "#app/i18n/locales.ts";
import {
  loadOrganisationChoicesWith,
  type MunicipalityChoiceSource,
} from "#app/modules/organisations/organisations.queries.server.ts";
import { hasLinkedRow, type RowLink } from "#app/services/linked-row-filter.server.ts";
import type { DirectoryQuery } from "./directory.schema.ts";

/** An organisation as the public directory lists it. */
export interface DirectoryEntry {
  id: number;
  slug: string;
  name: TranslatedText;
  /** Its own Serbian Cyrillic name (decision 037), or null. */
  nameSrCyrl: string | null;
  acronym: string | null;
  typeName: TranslatedText;
  municipality: PlaceNames | null;
  description: TranslatedText;
  sectors: TranslatedText[];
}

const SORT_NAME = sql`lower(coalesce(o.name->>'sq', o.name->>'en', o.name->>'sr', ''))`;

/** An organisation's own columns that its directory entry shows (the list's and its profile's). */
const ENTRY_COLUMNS = [
  "o.id",
  "o.slug",
  "o.name",
  "o.name_sr_cyrl as own_name_sr_cyrl",
  "o.acronym",
  "o.description",
] as const;

/** The names of its type and of its municipality (`organisation_type as t`, `municipality as m`). */
const NAME_COLUMNS = ["t.name as type_name", ...municipalityNameColumns("m")] as const;

/** The names of its sectors, in the sectors' order. */
const SECTOR_NAMES = sql<
  TranslatedText[]
>`coalesce((select jsonb_agg(r.name order by r.sort_order) from organisation_sector s join sector r on r.code = s.sector_code where s.organisation_id = o.id), '[]'::jsonb)`;

/** A directory entry from a row of `ENTRY_COLUMNS`, `NAME_COLUMNS` and `SECTOR_NAMES`. */
function entryOf(
  r: Pick<DirectoryEntry, "id" | "slug" | "name" | "acronym" | "description" | "sectors"> & {
    own_name_sr_cyrl: string | null;
    type_name: TranslatedText;
  } & Parameters<typeof placeNamesOf>[0],
): DirectoryEntry {
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    nameSrCyrl: r.own_name_sr_cyrl,
    acronym: r.acronym,
    typeName: r.type_name,
    municipality: placeNamesOf(r),
    description: r.description,
    sectors: r.sectors,
  };
}

/** The filters met by a linked row of the organisation: its sectors and its communities. */
const LINKED_FILTERS = [
  ["sector", { table: "organisation_sector", key: "organisation_id", column: "sector_code" }],
  ["community", { table: "organisation_community", key: "organisation_id", column: "community_code" }],
] as const satisfies readonly (readonly [keyof DirectoryQuery, RowLink])[];

/** Active organisations matching the filters (type, sector, community, municipality), by name; two queries. */
export async function listDirectory(
  db: Db,
  query: DirectoryQuery,
  pageSize: number,
): Promise<{ items: DirectoryEntry[]; total: number }> {
  let base = db.selectFrom("organisation as o").where("o.is_active", "=", true);
  if (query.type) base = base.where("o.type_code", "=", query.type);
  if (query.municipality) base = base.where("o.kas_code", "=", query.municipality);
  for (const [filter, link] of LINKED_FILTERS) {
    const code = query[filter];
    if (code) base = base.where(hasLinkedRow(link, "o.id", code));
  }
  // The total comes with the page (a window count), so a list is one query; only a page past
  // the end needs a second one to know the total.
  const rows = await base
    .innerJoin("organisation_type as t", "t.code", "o.type_code")
    .leftJoin("municipality as m", "m.kas_code", "o.kas_code")
    .select([...ENTRY_COLUMNS, ...NAME_COLUMNS])
    .select(SECTOR_NAMES.as("sectors"))
    .select(sql<string>`count(*) over ()`.as("total"))
    .orderBy(SORT_NAME)
    .orderBy("o.id")
    .limit(pageSize)
    .offset((query.page - 1) * pageSize)
    .execute();
  const count = rows[0]
    ? { n: rows[0].total }
    : query.page > 1
      ? await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()
      : { n: 0 };
  return { total: Number(count.n), items: rows.map(entryOf) };
}

/** What an organisation's public profile shows besides its own fields. */
export interface OrganisationProfile extends DirectoryEntry {
  website: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  kasCode: string | null;
  /** The IATI organisation identifier, when recorded. */
  iatiIdentifier: string | null;
  communities: TranslatedText[];
  events: {
    slug: string;
    kind: EventKind;
    title: TranslatedText;
    originalLocale: ContentLocale;
    startsAt: string;
    role: "organiser" | "participant";
  }[];
  news: { slug: string; title: TranslatedText; originalLocale: ContentLocale; publishedAt: string }[];
  opportunities: {
    slug: string;
    kind: OpportunityKind;
    title: TranslatedText;
    originalLocale: ContentLocale;
    deadline: string;
  }[];
  services: { slug: string; title: TranslatedText; titleSrCyrl: string | null; originalLocale: ContentLocale }[];
  /** Validated projects it funds, implements or takes part in (its roles), latest first; at most 10. */
  projects: {
    id: number;
    title: TranslatedText;
    originalLocale: ContentLocale;
    plannedStart: string;
    plannedEnd: string;
    roles: ProjectOrganisationRole[];
  }[];
  /** How many validated projects it has a role in (the list above shows 10). */
  projectCount: number;
  /** Published library documents it issued, latest first; at most 10. */
  documents: {
    slug: string;
    docType: DocumentType;
    title: TranslatedText;
    originalLocale: ContentLocale;
    issuedOn: string;
  }[];
  documentCount: number;
}

/**
 * An active organisation's public profile by slug, with its sectors, communities, its latest 10
 * published events (organised or attended), 5 news items, open opportunities, services, its 10
 * latest validated projects (with its roles) and 10 latest published library documents. One query.
 */
export async function getOrganisationProfile(db: Db, slug: string, today: string): Promise<OrganisationProfile | null> {
  const r = await db
    .selectFrom("organisation as o")
    .innerJoin("organisation_type as t", "t.code", "o.type_code")
    .leftJoin("municipality as m", "m.kas_code", "o.kas_code")
    .select([
      ...ENTRY_COLUMNS,
      "o.website",
      "o.email",
      "o.phone",
      "o.address",
      "o.kas_code",
      "o.iati_identifier",
      ...NAME_COLUMNS,
    ])
    .select([
      SECTOR_NAMES.as("sectors"),
      sql<
        TranslatedText[]
      >`coalesce((select jsonb_agg(r.name order by r.sort_order) from organisation_community c join community r on r.code = c.community_code where c.organisation_id = o.id), '[]'::jsonb)`.as(
        "communities",
      ),
      sql<
        OrganisationProfile["events"]
      >`coalesce((select jsonb_agg(jsonb_build_object('slug', x.slug, 'kind', x.kind, 'title', x.title, 'originalLocale', x.original_locale, 'startsAt', x.starts_at, 'role', x.role) order by x.starts_at desc) from (select e.slug, e.kind, e.title, e.original_locale, e.starts_at, eo.role from event e join event_organisation eo on eo.event_id = e.id where eo.organisation_id = o.id and e.status = 'published' order by e.starts_at desc limit 10) x), '[]'::jsonb)`.as(
        "events",
      ),
      sql<
        OrganisationProfile["news"]
      >`coalesce((select jsonb_agg(jsonb_build_object('slug', x.slug, 'title', x.title, 'originalLocale', x.original_locale, 'publishedAt', x.published_at) order by x.published_at desc) from (select n.slug, n.title, n.original_locale, n.published_at from news_item n where n.organisation_id = o.id and n.status = 'published' and n.published_at <= now() order by n.published_at desc limit 5) x), '[]'::jsonb)`.as(
        "news",
      ),
      sql<
        OrganisationProfile["opportunities"]
      >`coalesce((select jsonb_agg(jsonb_build_object('slug', x.slug, 'kind', x.kind, 'title', x.title, 'originalLocale', x.original_locale, 'deadline', to_char(x.deadline, 'YYYY-MM-DD')) order by x.deadline) from (select p.slug, p.kind, p.title, p.original_locale, p.deadline from opportunity p where p.organisation_id = o.id and p.status = 'published' and p.deadline >= ${today}::date order by p.deadline limit 10) x), '[]'::jsonb)`.as(
        "opportunities",
      ),
      sql<
        OrganisationProfile["services"]
      >`coalesce((select jsonb_agg(jsonb_build_object('slug', x.slug, 'title', x.title, 'titleSrCyrl', x.title_sr_cyrl, 'originalLocale', x.original_locale)) from (select s.slug, s.title, s.title_sr_cyrl, s.original_locale from service s where s.organisation_id = o.id and s.status = 'published' order by s.id limit 20) x), '[]'::jsonb)`.as(
        "services",
      ),
      sql<
        OrganisationProfile["projects"]
      >`coalesce((select jsonb_agg(jsonb_build_object('id', x.id, 'title', x.title, 'originalLocale', x.original_locale, 'plannedStart', x.planned_start, 'plannedEnd', x.planned_end, 'roles', x.roles) order by x.planned_start desc, x.id desc) from (select p.id, p.title, p.original_locale, p.planned_start, p.planned_end, (select jsonb_agg(distinct po.role) from project_organisation po where po.project_id = p.id and po.organisation_id = o.id) as roles from project p where p.validation_status = 'validated' and exists (select 1 from project_organisation po where po.project_id = p.id and po.organisation_id = o.id) order by p.planned_start desc, p.id desc limit 10) x), '[]'::jsonb)`.as(
        "projects",
      ),
      sql<number>`(select count(*)::int from project p where p.validation_status = 'validated' and exists (select 1 from project_organisation po where po.project_id = p.id and po.organisation_id = o.id))`.as(
        "project_count",
      ),
      sql<
        OrganisationProfile["documents"]
      >`coalesce((select jsonb_agg(jsonb_build_object('slug', x.slug, 'docType', x.doc_type, 'title', x.title, 'originalLocale', x.original_locale, 'issuedOn', x.issued_on) order by x.issued_on desc, x.id desc) from (select d.id, d.slug, d.doc_type, d.title, d.original_locale, to_char(d.issued_on, 'YYYY-MM-DD') as issued_on from library_document d where d.organisation_id = o.id and d.status = 'published' order by d.issued_on desc, d.id desc limit 10) x), '[]'::jsonb)`.as(
        "documents",
      ),
      sql<number>`(select count(*)::int from library_document d where d.organisation_id = o.id and d.status = 'published')`.as(
        "document_count",
      ),
    ])
    .where("o.slug", "=", slug)
    .where("o.is_active", "=", true)
    .executeTakeFirst();
  if (!r) return null;
  return {
    ...entryOf(r),
    website: r.website,
    email: r.email,
    phone: r.phone,
    address: r.address,
    kasCode: r.kas_code,
    iatiIdentifier: r.iati_identifier,
    sectors: r.sectors,
    communities: r.communities,
    events: r.events,
    news: r.news,
    opportunities: r.opportunities,
    services: r.services,
    projects: r.projects,
    projectCount: r.project_count,
    documents: r.documents,
    documentCount: r.document_count,
  };
}

/**
 * What the directory's list pages are derived from, as one string (decision 077): the organisations'
 * generation (migration 0052; since 0062 also bumped by writes to their sectors and communities) and
 * the reference data's (types, municipalities, sectors, communities: 0049). One statement.
 */
export async function readDirectoryGenerations(db: Db): Promise<string> {
  const result = await sql<{ generations: string }>`
    select concat_ws('/', o.generation, r.generation) as generations
    from organisation_generation o, reference_generation r`.execute(db);
  return result.rows[0]!.generations;
}

/** A filter's choice: its code and its label in the reader's language. */
export interface DirectoryChoice {
  value: string;
  label: string;
}

/** The municipalities' codes and names only (no census figures): all the directory's filter shows of them. */
async function municipalityNames(db: Db): Promise<MunicipalityChoiceSource[]> {
  const rows = await db
    .selectFrom("municipality as m")
    .select(["m.kas_code", ...municipalityNameColumns("m")])
    .execute();
  return rows.map((m) => ({ kasCode: m.kas_code, ...placeNamesOf(m)! }));
}

/**
 * The directory's filter choices in the reader's language, as `loadOrganisationChoices` gives them,
 * but with the municipalities' names only (no census figures): four statements.
 */
export function loadDirectoryChoices(
  db: Db,
  locale: Locale,
): Promise<Record<"types" | "municipalities" | "sectors" | "communities", DirectoryChoice[]>> {
  return loadOrganisationChoicesWith(db, locale, municipalityNames);
}
