import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import { hasLinkedRow, type RowLink } from "#app/services/linked-row-filter.server.ts";
import type { ContentLocale, TranslatedText } from "#app/db/schema.ts";
import type { DocumentStatus, DocumentType, ExtractionStatus } from "#app/db/tables/library.ts";
import { LIBRARY_ISSUER_OPTIONS } from "./library.constants.ts";
import type { LibraryQuery } from "./library.schema.ts";

/** One language version of a document, as pages show it. */
export interface DocumentFileView {
  locale: ContentLocale;
  fileId: string;
  mediaType: string;
  extension: string;
  sizeBytes: number;
  extractionStatus: ExtractionStatus;
}

/** A document as lists show it. */
export interface DocumentSummary {
  id: number;
  slug: string;
  docType: DocumentType;
  isKnowYourRights: boolean;
  title: TranslatedText;
  summary: TranslatedText;
  originalLocale: ContentLocale;
  organisationId: number;
  organisationName: TranslatedText;
  issuedOn: string;
  status: DocumentStatus;
  isDemo: boolean;
  version: number;
  locales: ContentLocale[];
}

/** A document with everything its page shows. */
export interface DocumentDetail extends DocumentSummary {
  publishedAt: Date | null;
  updatedAt: Date;
  sectors: { code: string; name: TranslatedText }[];
  communities: { code: string; name: TranslatedText }[];
  measures: { id: number; code: string; title: TranslatedText }[];
  files: DocumentFileView[];
}

/** Every sector as `{ code, name }` in their order: the options of the public filter and of the document form. */
const SECTOR_OPTIONS = sql<
  { code: string; name: TranslatedText }[]
>`coalesce((select jsonb_agg(jsonb_build_object('code', s.code, 'name', s.name) order by s.sort_order) from sector s), '[]'::jsonb)`;

type Filters = Omit<LibraryQuery, "sort" | "page"> & { knowYourRights?: boolean };

/** The filters met by a linked row of the document: its sectors, its communities and the languages of its files. */
const LINKED_FILTERS = [
  ["sector", { table: "library_document_sector", key: "document_id", column: "sector_code" }],
  ["community", { table: "library_document_community", key: "document_id", column: "community_code" }],
  ["language", { table: "library_document_file", key: "document_id", column: "locale" }],
] as const satisfies readonly (readonly [keyof Filters, RowLink])[];

/** The published documents matching the filters (no query: the caller adds it to a select). */
function filtered(db: Db, filters: Filters, statuses: DocumentStatus[] = ["published"]) {
  let query = db.selectFrom("library_document as d").where("d.status", "in", statuses);
  if (filters.type) query = query.where("d.doc_type", "=", filters.type);
  if (filters.issuer) query = query.where("d.organisation_id", "=", filters.issuer);
  if (filters.knowYourRights) query = query.where("d.is_know_your_rights", "=", true);
  if (filters.year)
    query = query
      .where("d.issued_on", ">=", `${filters.year}-01-01`)
      .where("d.issued_on", "<=", `${filters.year}-12-31`);
  for (const [filter, link] of LINKED_FILTERS) {
    const value = filters[filter];
    if (value) query = query.where(hasLinkedRow(link, "d.id", value));
  }
  return query;
}

interface SummaryRow {
  id: number;
  slug: string;
  doc_type: DocumentType;
  is_know_your_rights: boolean;
  title: TranslatedText;
  summary: TranslatedText;
  original_locale: ContentLocale;
  organisation_id: number;
  organisation_name: TranslatedText;
  issued_on: string | Date;
  status: DocumentStatus;
  is_demo: boolean;
  version: number;
  locales: ContentLocale[] | null;
}

function dateOnly(value: string | Date): string {
  return typeof value === "string" ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

function toSummary(row: SummaryRow): DocumentSummary {
  return {
    id: row.id,
    slug: row.slug,
    docType: row.doc_type,
    isKnowYourRights: row.is_know_your_rights,
    title: row.title,
    summary: row.summary,
    originalLocale: row.original_locale,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    issuedOn: dateOnly(row.issued_on),
    status: row.status,
    isDemo: row.is_demo,
    version: row.version,
    locales: row.locales ?? [],
  };
}

/** A document's own fields (its form's, its status): what the lists show and the audit snapshot records. */
export const DOCUMENT_FIELDS = [
  "d.slug",
  "d.doc_type",
  "d.is_know_your_rights",
  "d.title",
  "d.summary",
  "d.original_locale",
  "d.organisation_id",
  "d.issued_on",
  "d.status",
] as const;

const SUMMARY_COLUMNS = ["d.id", ...DOCUMENT_FIELDS, "d.is_demo", "d.version"] as const;

/** The languages a document has files in. */
const FILE_LOCALES = sql<
  ContentLocale[]
>`array(select f.locale from library_document_file f where f.document_id = d.id order by f.locale)`.as("locales");

/** Documents as lists show them, from a filtered query: the summary's columns, the issuer's name, the languages. */
function summaries(query: ReturnType<typeof filtered>) {
  return query
    .innerJoin("organisation as o", "o.id", "d.organisation_id")
    .select(SUMMARY_COLUMNS)
    .select("o.name as organisation_name")
    .select(FILE_LOCALES);
}

/**
 * One page of published documents matching the filters, sorted by date (newest first) or by
 * title in the reader's language, and the total: two queries whatever the data size.
 */
export async function listDocuments(
  db: Db,
  {
    filters,
    sort,
    page,
    pageSize,
    locale,
  }: { filters: Filters; sort: "date" | "title"; page: number; pageSize: number; locale: ContentLocale },
): Promise<{ items: DocumentSummary[]; total: number }> {
  let rows = summaries(filtered(db, filters));
  rows =
    sort === "title"
      ? rows.orderBy(sql`lower(coalesce(d.title ->> ${locale}, d.title ->> d.original_locale))`).orderBy("d.id")
      : rows.orderBy("d.issued_on", "desc").orderBy("d.id", "desc");
  const [items, count] = await Promise.all([
    rows
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    filtered(db, filters)
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: items.map((r) => toSummary(r as SummaryRow)), total: Number(count.n) };
}

/**
 * The values the public filters offer (one query): the issuers of published documents — at most
 * LIBRARY_ISSUER_OPTIONS, those with the most documents, and `selectedIssuer` when it published
 * any — the years of published documents, sectors, communities.
 */
export async function loadLibraryFilterOptions(
  db: Db,
  { selectedIssuer = null }: { selectedIssuer?: number | null } = {},
): Promise<{
  issuers: { id: number; name: TranslatedText }[];
  years: number[];
  sectors: { code: string; name: TranslatedText }[];
  communities: { code: string; name: TranslatedText }[];
}> {
  const row = await db
    .selectNoFrom([
      sql<
        { id: number; name: TranslatedText }[]
      >`coalesce((select jsonb_agg(jsonb_build_object('id', o.id, 'name', o.name) order by o.name ->> 'sq') from organisation o where o.id in (
          (select d.organisation_id from library_document d where d.status = 'published' group by d.organisation_id order by count(*) desc, d.organisation_id limit ${LIBRARY_ISSUER_OPTIONS})
          union
          (select d.organisation_id from library_document d where d.status = 'published' and d.organisation_id = ${selectedIssuer}::int limit 1)
        )), '[]'::jsonb)`.as("issuers"),
      sql<
        number[]
      >`array(select distinct extract(year from d.issued_on)::int as y from library_document d where d.status = 'published' order by y desc)`.as(
        "years",
      ),
      SECTOR_OPTIONS.as("sectors"),
      sql<
        { code: string; name: TranslatedText }[]
      >`coalesce((select jsonb_agg(jsonb_build_object('code', c.code, 'name', c.name) order by c.sort_order) from community c where not c.is_majority), '[]'::jsonb)`.as(
        "communities",
      ),
    ])
    .executeTakeFirstOrThrow();
  return { issuers: row.issuers, years: row.years.map(Number), sectors: row.sectors, communities: row.communities };
}

/** A document with its links and files by slug or id (one query), whatever its status; null when missing. */
export async function getDocument(db: Db, key: { slug: string } | { id: number }): Promise<DocumentDetail | null> {
  let query = db
    .selectFrom("library_document as d")
    .innerJoin("organisation as o", "o.id", "d.organisation_id")
    .select(SUMMARY_COLUMNS)
    .select(["o.name as organisation_name", "d.published_at", "d.updated_at"])
    .select([
      FILE_LOCALES,
      sql<
        DocumentDetail["sectors"]
      >`coalesce((select jsonb_agg(jsonb_build_object('code', s.code, 'name', s.name) order by s.sort_order) from library_document_sector ds join sector s on s.code = ds.sector_code where ds.document_id = d.id), '[]'::jsonb)`.as(
        "sectors",
      ),
      sql<
        DocumentDetail["communities"]
      >`coalesce((select jsonb_agg(jsonb_build_object('code', c.code, 'name', c.name) order by c.sort_order) from library_document_community dc join community c on c.code = dc.community_code where dc.document_id = d.id), '[]'::jsonb)`.as(
        "communities",
      ),
      sql<
        DocumentDetail["measures"]
      >`coalesce((select jsonb_agg(jsonb_build_object('id', m.id, 'code', m.code, 'title', m.title) order by m.code) from library_document_measure dm join measure m on m.id = dm.measure_id where dm.document_id = d.id), '[]'::jsonb)`.as(
        "measures",
      ),
      sql<
        {
          locale: ContentLocale;
          file_id: string;
          media_type: string;
          extension: string;
          size_bytes: number;
          extraction_status: ExtractionStatus;
        }[]
      >`coalesce((select jsonb_agg(jsonb_build_object('locale', f.locale, 'file_id', f.file_id, 'media_type', sf.media_type, 'extension', sf.extension, 'size_bytes', sf.size_bytes, 'extraction_status', f.extraction_status) order by f.locale) from library_document_file f join stored_file sf on sf.id = f.file_id where f.document_id = d.id), '[]'::jsonb)`.as(
        "files",
      ),
    ]);
  query = "slug" in key ? query.where("d.slug", "=", key.slug) : query.where("d.id", "=", key.id);
  const row = await query.executeTakeFirst();
  if (!row) return null;
  return {
    ...toSummary(row as unknown as SummaryRow),
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    sectors: row.sectors,
    communities: row.communities,
    measures: row.measures,
    files: row.files.map((f) => ({
      locale: f.locale,
      fileId: f.file_id,
      mediaType: f.media_type,
      extension: f.extension,
      sizeBytes: Number(f.size_bytes),
      extractionStatus: f.extraction_status,
    })),
  };
}

/** The documents of the given organisations (or of all, for coordinators), drafts included, newest change first. */
export async function listWorkspaceDocuments(
  db: Db,
  scope: number[] | "all",
  { page, pageSize }: { page: number; pageSize: number },
): Promise<{ items: DocumentSummary[]; total: number }> {
  const statuses: DocumentStatus[] = ["draft", "published"];
  const scoped = <T extends ReturnType<typeof filtered>>(q: T): T =>
    scope === "all"
      ? q
      : scope.length === 0
        ? (q.where(sql<boolean>`false`) as T)
        : (q.where("d.organisation_id", "in", scope) as T);
  const [rows, count] = await Promise.all([
    summaries(scoped(filtered(db, {}, statuses)))
      .orderBy("d.updated_at", "desc")
      .orderBy("d.id", "desc")
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    scoped(filtered(db, {}, statuses))
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((r) => toSummary(r as SummaryRow)), total: Number(count.n) };
}

/** What the document form offers: organisations (all, or the actor's), sectors, communities, measures (one query). */
export async function loadDocumentFormChoices(
  db: Db,
  organisations: number[] | "all",
): Promise<{
  organisations: { id: number; name: TranslatedText }[];
  sectors: { code: string; name: TranslatedText }[];
  communities: { code: string; name: TranslatedText }[];
  measures: { id: number; code: string; title: TranslatedText }[];
}> {
  const orgFilter =
    organisations === "all"
      ? sql`o.is_active`
      : organisations.length
        ? sql`o.id in (${sql.join(organisations)})`
        : sql`false`;
  const row = await db
    .selectNoFrom([
      sql<
        { id: number; name: TranslatedText }[]
      >`coalesce((select jsonb_agg(jsonb_build_object('id', o.id, 'name', o.name) order by o.name ->> 'sq') from organisation o where ${orgFilter}), '[]'::jsonb)`.as(
        "organisations",
      ),
      SECTOR_OPTIONS.as("sectors"),
      sql<
        { code: string; name: TranslatedText }[]
      >`coalesce((select jsonb_agg(jsonb_build_object('code', c.code, 'name', c.name) order by c.sort_order) from community c), '[]'::jsonb)`.as(
        "communities",
      ),
      sql<
        { id: number; code: string; title: TranslatedText }[]
      >`coalesce((select jsonb_agg(jsonb_build_object('id', m.id, 'code', m.code, 'title', m.title) order by m.code) from (select id, code, title from measure order by code limit 500) m), '[]'::jsonb)`.as(
        "measures",
      ),
    ])
    .executeTakeFirstOrThrow();
  return row;
}
