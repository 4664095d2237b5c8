import { municipalityNameColumns } from "#app/db/municipality-columns.ts";
import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import { hasLinkedRow, type RowLink } from "#app/services/linked-row-filter.server.ts";
import type { Locale } from "#app/i18n/locales.ts";
import {
  resolveOrganisation,
  type OrganisationResolution,
} from "#app/modules/organisations/organisations.queries.server.ts";
import type { ContentLocale, TranslatedText } from "#app/db/schema.ts";
import type {
  EventKind,
  EventOrganisationRole,
  PublicationStatus,
  RecommendationStatus,
} from "#app/db/tables/clearing-house.ts";
import { placeNamesOf, type PlaceNames } from "#app/modules/clearing-house/publishable/view-models.ts";

/** An organisation named on an event, with its part in it. */
export interface EventOrganisation {
  id: number;
  slug: string;
  name: TranslatedText;
  acronym: string | null;
  role: EventOrganisationRole;
}

/** An event as lists show it. */
export interface EventSummary {
  id: number;
  slug: string;
  kind: EventKind;
  title: TranslatedText;
  summary: TranslatedText;
  originalLocale: ContentLocale;
  startsAt: Date;
  endsAt: Date | null;
  kasCode: string | null;
  municipality: PlaceNames | null;
  address: string | null;
  organisers: EventOrganisation[];
  isDemo: boolean;
}

export interface EventListQuery {
  when: "upcoming" | "past";
  kind?: EventKind | undefined;
  municipality?: string | undefined;
  organisationId?: number | undefined;
  page: number;
  pageSize: number;
}

const ORGANISERS = sql<
  EventOrganisation[]
>`coalesce((select jsonb_agg(jsonb_build_object('id', o.id, 'slug', o.slug, 'name', o.name, 'acronym', o.acronym, 'role', eo.role) order by eo.role, o.id) from event_organisation eo join organisation o on o.id = eo.organisation_id where eo.event_id = e.id and eo.role = 'organiser'), '[]'::jsonb)`;

/** Events, for the queries below to filter. */
function eventsFrom(db: Db) {
  return db.selectFrom("event as e");
}

/** The columns of an event summary, with its municipality and organisers. */
function selectSummaries(query: ReturnType<typeof eventsFrom>) {
  return query
    .leftJoin("municipality as m", "m.kas_code", "e.kas_code")
    .select([
      "e.id",
      "e.slug",
      "e.kind",
      "e.title",
      "e.summary",
      "e.original_locale",
      "e.starts_at",
      "e.ends_at",
      "e.kas_code",
      "e.address",
      "e.is_demo",
      ...municipalityNameColumns("m"),
    ])
    .select(ORGANISERS.as("organisers"));
}

/** An event summary from a row of `selectSummaries`. */
function summaryOf(r: Awaited<ReturnType<ReturnType<typeof selectSummaries>["execute"]>>[number]): EventSummary {
  return {
    id: r.id,
    slug: r.slug,
    kind: r.kind,
    title: r.title,
    summary: r.summary,
    originalLocale: r.original_locale,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    kasCode: r.kas_code,
    municipality: placeNamesOf(r),
    address: r.address,
    organisers: r.organisers,
    isDemo: r.is_demo,
  };
}

/** An event's organisations (organisers and participants), for the organisation filter. */
const EVENT_ORGANISATIONS: RowLink = { table: "event_organisation", key: "event_id", column: "organisation_id" };

/** The published events matching the list's filters (type, municipality, organisation), whenever they are. */
function publishedEvents(db: Db, query: Omit<EventListQuery, "when" | "page" | "pageSize">) {
  let base = eventsFrom(db).where("e.status", "=", "published");
  if (query.kind) base = base.where("e.kind", "=", query.kind);
  if (query.municipality) base = base.where("e.kas_code", "=", query.municipality);
  if (query.organisationId) base = base.where(hasLinkedRow(EVENT_ORGANISATIONS, "e.id", query.organisationId));
  return base;
}

/** A row of `selectSummaries`. */
type SummaryRow = Awaited<ReturnType<ReturnType<typeof selectSummaries>["execute"]>>[number];

/**
 * The published events, upcoming (soonest first) or past (latest first), filtered, with their total.
 *
 * Upcoming: one statement. An event stays "upcoming" until it ends (or, without an end, until it
 * starts): `coalesce(ends_at, starts_at) >= now`, which no index answers as a range, so the page
 * walked `event_public_idx` from the oldest event and the count read every published one (issue 18:
 * 1,131 past events removed by the filter at ×10). As an event ends no earlier than it starts (the
 * `event_period` check), the upcoming set is two index ranges, as for the home page's next events
 * (`listNextEvents`): those starting from now on (`event_public_idx`) and those started before and
 * ending from now on (`event_published_end_idx`). It is selected first (a materialized CTE, so the
 * planner cannot go back to walking every event), counted, and the page is chosen from it and read by
 * key: the work grows with the upcoming events and the page, never with the past ones (decision 076).
 *
 * Past: two queries, the page through `event_public_idx` backwards (skipping only the upcoming events)
 * and the count of the past events.
 */
export async function listEvents(
  db: Db,
  query: EventListQuery,
  now: Date = new Date(),
): Promise<{ items: EventSummary[]; total: number }> {
  const base = publishedEvents(db, query);
  const offset = (query.page - 1) * query.pageSize;
  if (query.when === "upcoming") {
    const starting = base.where("e.starts_at", ">=", now).select(["e.id", "e.starts_at"]);
    const running = base.where("e.ends_at", ">=", now).where("e.starts_at", "<", now).select(["e.id", "e.starts_at"]);
    const page = selectSummaries(eventsFrom(db))
      .where(
        sql<boolean>`e.id = any(array(select u.id from upcoming u order by u.starts_at, u.id limit ${query.pageSize} offset ${offset}))`,
      )
      .orderBy("e.starts_at")
      .orderBy("e.id");
    // One row with the total and no event when the page is empty (past the end, or nothing ahead).
    const { rows } = await sql<
      SummaryRow & { total: number | string }
    >`with upcoming as materialized (${starting.unionAll(running)})
      select c.total, p.* from (select count(*) as total from upcoming) c left join lateral (${page}) p on true
      order by p.starts_at, p.id`.execute(db);
    return {
      total: Number(rows[0]?.total ?? 0),
      items: rows.filter((r) => r.id !== null).map(summaryOf),
    };
  }
  const past = base.where(sql<Date>`coalesce(e.ends_at, e.starts_at)`, "<", now);
  const [rows, count] = await Promise.all([
    selectSummaries(past).orderBy("e.starts_at", "desc").orderBy("e.id").limit(query.pageSize).offset(offset).execute(),
    past.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    items: rows.map(summaryOf),
  };
}

/**
 * The latest published past events matching the list's filters, latest first, without a total: one
 * query through `event_public_idx` backwards (the events page shows them when nothing is ahead).
 */
export async function listLatestPastEvents(
  db: Db,
  query: Omit<EventListQuery, "when" | "page" | "pageSize">,
  limit: number,
  now: Date = new Date(),
): Promise<EventSummary[]> {
  const rows = await selectSummaries(
    publishedEvents(db, query).where(sql<Date>`coalesce(e.ends_at, e.starts_at)`, "<", now),
  )
    .orderBy("e.starts_at", "desc")
    .orderBy("e.id")
    .limit(limit)
    .execute();
  return rows.map(summaryOf);
}

/** A photo of an event, with its stored sizes. */
export interface EventPhoto {
  id: number;
  largeFileId: string;
  mediumFileId: string;
  thumbFileId: string;
  width: number;
  height: number;
  alt: TranslatedText;
}

export interface EventDocument {
  id: number;
  fileId: string;
  title: TranslatedText;
  mediaType: string;
  sizeBytes: number;
}

/** A recommendation as the event page, the public list and the workspace show it. */
export interface RecommendationView {
  id: number;
  eventId: number;
  eventSlug: string;
  eventTitle: TranslatedText;
  eventOriginalLocale: ContentLocale;
  eventStatus: PublicationStatus;
  text: TranslatedText;
  originalLocale: ContentLocale;
  owner: { id: number; slug: string; name: TranslatedText; acronym: string | null };
  dueDate: string;
  measure: { id: number; code: string; title: TranslatedText } | null;
  status: RecommendationStatus;
  statusNote: string | null;
  statusChangedAt: Date;
  isDemo: boolean;
  version: number;
}

/** Everything the event page shows. */
export interface EventDetail extends EventSummary {
  agenda: TranslatedText;
  minutes: TranslatedText;
  organisationId: number;
  organisations: EventOrganisation[];
  photos: EventPhoto[];
  documents: EventDocument[];
  recommendations: RecommendationView[];
  status: PublicationStatus;
  publishedAt: Date | null;
  updatedAt: Date;
  sourceNote: string | null;
  version: number;
}

const RECOMMENDATION_JSON = sql`jsonb_build_object(
  'id', r.id, 'eventId', r.event_id, 'text', r.text, 'originalLocale', r.original_locale,
  'owner', jsonb_build_object('id', ow.id, 'slug', ow.slug, 'name', ow.name, 'acronym', ow.acronym),
  'dueDate', to_char(r.due_date, 'YYYY-MM-DD'),
  'measure', case when me.id is null then null else jsonb_build_object('id', me.id, 'code', me.code, 'title', me.title) end,
  'status', r.status, 'statusNote', r.status_note, 'statusChangedAt', r.status_changed_at, 'isDemo', r.is_demo, 'version', r.version)`;

/** One event (published only, unless `includeDrafts`) with organisations, photos, documents and recommendations; one query. */
export async function getEvent(
  db: Db,
  where: { slug: string } | { id: number },
  options: { includeDrafts?: boolean } = {},
): Promise<EventDetail | null> {
  let query = db
    .selectFrom("event as e")
    .leftJoin("municipality as m", "m.kas_code", "e.kas_code")
    .selectAll("e")
    .select(municipalityNameColumns("m"))
    .select([
      sql<
        EventOrganisation[]
      >`coalesce((select jsonb_agg(jsonb_build_object('id', o.id, 'slug', o.slug, 'name', o.name, 'acronym', o.acronym, 'role', eo.role) order by eo.role, o.id) from event_organisation eo join organisation o on o.id = eo.organisation_id where eo.event_id = e.id), '[]'::jsonb)`.as(
        "organisations",
      ),
      sql<
        EventPhoto[]
      >`coalesce((select jsonb_agg(jsonb_build_object('id', p.id, 'largeFileId', p.large_file_id, 'mediumFileId', p.medium_file_id, 'thumbFileId', p.thumb_file_id, 'width', p.width, 'height', p.height, 'alt', p.alt) order by p.sort_order, p.id) from event_photo p where p.event_id = e.id), '[]'::jsonb)`.as(
        "photos",
      ),
      sql<
        EventDocument[]
      >`coalesce((select jsonb_agg(jsonb_build_object('id', d.id, 'fileId', d.file_id, 'title', d.title, 'mediaType', f.media_type, 'sizeBytes', f.size_bytes) order by d.id) from event_document d join stored_file f on f.id = d.file_id where d.event_id = e.id), '[]'::jsonb)`.as(
        "documents",
      ),
      sql<
        Omit<
          RecommendationView,
          "eventSlug" | "eventTitle" | "eventOriginalLocale" | "eventStatus" | "statusChangedAt"
        >[]
      >`coalesce((select jsonb_agg(${RECOMMENDATION_JSON} order by r.due_date, r.id) from recommendation r join organisation ow on ow.id = r.owner_organisation_id left join measure me on me.id = r.measure_id where r.event_id = e.id), '[]'::jsonb)`.as(
        "recommendations",
      ),
    ]);
  query = "slug" in where ? query.where("e.slug", "=", where.slug) : query.where("e.id", "=", where.id);
  if (!options.includeDrafts) query = query.where("e.status", "=", "published");
  const r = await query.executeTakeFirst();
  if (!r) return null;
  return {
    ...summaryOf({ ...r, organisers: r.organisations.filter((o) => o.role === "organiser") }),
    agenda: r.agenda,
    minutes: r.minutes,
    organisationId: r.organisation_id,
    organisations: r.organisations,
    photos: r.photos,
    documents: r.documents,
    recommendations: r.recommendations.map((rec) => ({
      ...rec,
      eventSlug: r.slug,
      eventTitle: r.title,
      eventOriginalLocale: r.original_locale,
      eventStatus: r.status,
      statusChangedAt: new Date(String((rec as { statusChangedAt?: unknown }).statusChangedAt ?? r.updated_at)),
    })),
    status: r.status,
    publishedAt: r.published_at,
    updatedAt: r.updated_at,
    sourceNote: r.source_note,
    version: r.version,
  };
}

/** Published events for the iCalendar feed: the latest 500 by start (every upcoming one first in practice); one query. */
export async function listEventsForCalendar(db: Db): Promise<EventSummary[]> {
  const rows = await selectSummaries(eventsFrom(db))
    .where("e.status", "=", "published")
    .orderBy("e.starts_at", "desc")
    .orderBy("e.id")
    .limit(500)
    .execute();
  return rows.map(summaryOf);
}

/** Recommendations with their event's slug, title, language and status, each as `RECOMMENDATION_JSON` (owner and measure joined). */
function recommendationsWithEvent(db: Db) {
  return db
    .selectFrom("recommendation as r")
    .innerJoin("event as e", "e.id", "r.event_id")
    .innerJoin("organisation as ow", "ow.id", "r.owner_organisation_id")
    .leftJoin("measure as me", "me.id", "r.measure_id")
    .select([
      "e.slug as event_slug",
      "e.title as event_title",
      "e.original_locale as event_locale",
      "e.status as event_status",
    ])
    .select(
      sql<
        Omit<RecommendationView, "eventSlug" | "eventTitle" | "eventOriginalLocale" | "eventStatus">
      >`${RECOMMENDATION_JSON}`.as("rec"),
    );
}

/** A recommendation from a row of `recommendationsWithEvent`. */
function recommendationOf(
  row: Awaited<ReturnType<ReturnType<typeof recommendationsWithEvent>["execute"]>>[number],
): RecommendationView {
  return {
    ...row.rec,
    statusChangedAt: new Date(String(row.rec.statusChangedAt)),
    eventSlug: row.event_slug,
    eventTitle: row.event_title,
    eventOriginalLocale: row.event_locale,
    eventStatus: row.event_status,
  };
}

export interface RecommendationListQuery {
  status?: RecommendationStatus | undefined;
  owner?: number | undefined;
  overdue?: boolean | undefined;
  page: number;
  pageSize: number;
}

/** Open and in-progress recommendations whose due date has passed. */
function overdueCondition(today: string) {
  return sql<boolean>`r.status in ('open', 'in_progress') and r.due_date < ${today}::date`;
}

/**
 * Recommendations of published events, filtered by status, owner and overdue, soonest due first;
 * two queries. `ownerIds` limits to the given owners (the workspace), whatever the event's status.
 * The page is chosen over the recommendations and their events alone (narrow rows), and only its
 * rows are joined with their owner and measure and built as JSON: building every matching row's
 * JSON before keeping 20 grew with the recommendations (decision 044).
 */
export async function listRecommendations(
  db: Db,
  query: RecommendationListQuery & { ownerIds?: readonly number[] | null },
  today: string,
): Promise<{ items: RecommendationView[]; total: number }> {
  let base = db.selectFrom("recommendation as r").innerJoin("event as e", "e.id", "r.event_id");
  if (query.ownerIds === undefined) base = base.where("e.status", "=", "published");
  else if (query.ownerIds !== null)
    base = query.ownerIds.length
      ? base.where("r.owner_organisation_id", "in", query.ownerIds)
      : base.where(sql<boolean>`false`);
  if (query.status) base = base.where("r.status", "=", query.status);
  if (query.owner) base = base.where("r.owner_organisation_id", "=", query.owner);
  if (query.overdue) base = base.where(overdueCondition(today));
  const openFirst = sql`case when r.status in ('open', 'in_progress') then 0 else 1 end`;
  const page = base
    .select("r.id")
    .orderBy(openFirst)
    .orderBy("r.due_date")
    .orderBy("r.id")
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [rows, count] = await Promise.all([
    recommendationsWithEvent(db)
      .where(sql<boolean>`r.id = any(array(${page}))`)
      .orderBy(openFirst)
      .orderBy("r.due_date")
      .orderBy("r.id")
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { total: Number(count.n), items: rows.map(recommendationOf) };
}

/**
 * The recommendations page's owner filter (decision 056): the name typed, or the id chosen before,
 * resolved among the organisations that own a recommendation of a published event. One query for
 * an id (by key), one for a typed name; never the list of every owner.
 */
export async function resolveRecommendationOwner(
  db: Db,
  locale: Locale,
  input: { id: number | undefined; text: string },
): Promise<OrganisationResolution> {
  return resolveOrganisation(db, locale, input, {
    within: sql<boolean>`exists (select 1 from recommendation r join event e on e.id = r.event_id where r.owner_organisation_id = o.id and e.status = 'published')`,
  });
}

/** One recommendation with its event, or null (one query). */
export async function getRecommendation(db: Db, id: number): Promise<RecommendationView | null> {
  const row = await recommendationsWithEvent(db).where("r.id", "=", id).executeTakeFirst();
  return row ? recommendationOf(row) : null;
}

/** Open and in-progress recommendations owned by the given organisations, for "my tasks"; one query. */
export async function listOpenRecommendationsOf(
  db: Db,
  organisationIds: readonly number[],
): Promise<
  { id: number; text: TranslatedText; originalLocale: ContentLocale; dueDate: string; status: RecommendationStatus }[]
> {
  if (organisationIds.length === 0) return [];
  const rows = await db
    .selectFrom("recommendation as r")
    .select([
      "r.id",
      "r.text",
      "r.original_locale",
      sql<string>`to_char(r.due_date, 'YYYY-MM-DD')`.as("due"),
      "r.status",
    ])
    .where("r.owner_organisation_id", "in", organisationIds)
    .where("r.status", "in", ["open", "in_progress"])
    .orderBy("r.due_date")
    .orderBy("r.id")
    .limit(50)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    text: r.text,
    originalLocale: r.original_locale,
    dueDate: r.due,
    status: r.status,
  }));
}

/**
 * The next published events (not yet ended), soonest first, without a total: one query (for the home
 * page). "Not ended" (`coalesce(ends_at, starts_at) >= now`) is read as two index ranges, as an event
 * ends no earlier than it starts: those starting from now on (the first `limit`, in order, through
 * `event_public_idx`) and those that started before and end from now on (`event_published_end_idx`),
 * so past events, which only accumulate, are never read (decision 044).
 */
export async function listNextEvents(db: Db, limit: number, now: Date = new Date()): Promise<EventSummary[]> {
  const running = db
    .selectFrom("event as r")
    .select("r.id")
    .where("r.status", "=", "published")
    .where("r.ends_at", ">=", now)
    .where("r.starts_at", "<", now);
  const upcoming = db
    .selectFrom(
      db
        .selectFrom("event as u")
        .select("u.id")
        .where("u.status", "=", "published")
        .where("u.starts_at", ">=", now)
        .orderBy("u.starts_at")
        .orderBy("u.id")
        .limit(limit)
        .as("up"),
    )
    .select("up.id");
  // An array of ids, so the events are then read by key (an `in` let the planner scan the table).
  const rows = await selectSummaries(eventsFrom(db))
    .where(sql<boolean>`e.id = any(array(${running.unionAll(upcoming)}))`)
    .orderBy("e.starts_at")
    .orderBy("e.id")
    .limit(limit)
    .execute();
  return rows.map(summaryOf);
}
