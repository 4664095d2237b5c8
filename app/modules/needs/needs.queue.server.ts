import { sql, type ExpressionBuilder, type Expression, type SqlBool } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import {
  CASE_HEAD_COLUMNS,
  caseHeadOf,
  casesWithPlace,
  casesWithMunicipality,
  type CaseHead,
} from "./needs.case-place.server.ts";
import type { Database, TranslatedText } from "#app/db/schema.ts";
import {
  NEED_STATUSES,
  type NeedCaseTable,
  type NeedCategory,
  type NeedReferralStatus,
  type NeedStatus,
} from "#app/db/tables/needs.ts";
import { hasRole, organisationsOf, type Actor } from "#app/services/authorization.ts";
import { INSTITUTION_ROLES, isCaseHandler, type NeedCaseSubject } from "./needs.policy.ts";
import type { QueueQuery } from "./workspace/needs-handling.schema.ts";
import { FINISHED_STATUSES } from "./workspace/needs-workflow.ts";

/*
 * Reads of the needs workspace: the triage queue, one case with its history, the routing rules.
 * None of them returns the submitter's name, phone or e-mail: those come only from
 * needs.privacy.server.ts, which records every view.
 */

type CaseScope = ExpressionBuilder<Database & { c: NeedCaseTable }, "c">;

/**
 * The cases an actor may list: the Office sees all; an institution the cases referred to it (not
 * sent back); a CSO member the cases they submitted on someone's behalf. Null for "all".
 */
function scopeFor(
  actor: Extract<Actor, { kind: "user" }>,
  drive: "cases" | "referrals" = "cases",
): ((eb: CaseScope) => Expression<SqlBool>) | null {
  if (isCaseHandler(actor)) return null;
  const institutionOrgs = [
    ...new Set(
      actor.grants
        .filter((g) => INSTITUTION_ROLES.includes(g.role) && g.organisationId !== null)
        .map((g) => g.organisationId as number),
    ),
  ];
  const isCso = hasRole(actor, "cso_member");
  return (eb) => {
    const parts: Expression<SqlBool>[] = [];
    if (institutionOrgs.length && drive === "referrals") {
      // The institution's referrals first (need_referral_org_idx), then their cases by key: for counting,
      // where the planner otherwise read every case of a status and matched it against them (decision 047).
      parts.push(
        sql<SqlBool>`c.id = any(array(select r.case_id from need_referral r where r.organisation_id in (${sql.join(institutionOrgs)}) and r.status <> 'returned'))`,
      );
    } else if (institutionOrgs.length) {
      parts.push(
        eb.exists(
          eb
            .selectFrom("need_referral as r")
            .select(sql`1`.as("one"))
            .whereRef("r.case_id", "=", "c.id")
            .where("r.organisation_id", "in", institutionOrgs)
            .where("r.status", "<>", "returned"),
        ),
      );
    }
    if (isCso) parts.push(eb("c.submitted_by_user_id", "=", actor.userId));
    return parts.length ? eb.or(parts) : sql<SqlBool>`false`;
  };
}

/** What the queue and the case page both read of a case. */
export interface CaseFields extends CaseHead {
  communityCode: string | null;
  description: string;
  assignedOrganisationId: number | null;
  isHighProfile: boolean;
  dueAt: Date | null;
  createdAt: Date;
  version: number;
}

/** One row of the queue. */
export interface QueueItem extends CaseFields {
  /** The institution the case is assigned to, named by the row's own query (the page names only what it shows). */
  assignedOrganisation: { name: TranslatedText; acronym: string | null } | null;
  isEscalated: boolean;
}

/** Counts of the queue stop at this many: beyond it the page says "more than 10,000" (decision 021). */
export const QUEUE_COUNT_CAP = 10_000;

/** A text search counts its matches among at most this many cases (the latest submitted that match the other filters). */
export const QUEUE_SEARCH_WINDOW = 10_000;

/** A text search pages through its first this many matches only. */
export const QUEUE_SEARCH_PAGE_CAP = 1_000;

/** Search terms shorter than this are not searched (a trigram index cannot serve them). */
export const QUEUE_SEARCH_MIN_LENGTH = 3;

/**
 * A count of the queue: exact; "more than `count`" (it stopped at QUEUE_COUNT_CAP); or "at least
 * `count`" (a text search counted only the newest QUEUE_SEARCH_WINDOW cases).
 */
export interface QueueCount {
  count: number;
  kind: "exact" | "moreThan" | "atLeast";
}

/** The queue page: its rows, how many match, and how many match per status (other filters kept). */
export interface QueuePage {
  items: QueueItem[];
  total: QueueCount;
  statusCounts: Record<NeedStatus, QueueCount>;
  /** The page shown: the one asked for, or the last one that can be reached. */
  page: number;
  /** How many pages can be reached (no deeper than the first QUEUE_COUNT_CAP matches, QUEUE_SEARCH_PAGE_CAP for a text search). */
  pageCount: number;
  /** True when the search term was too short to be searched (it was ignored). */
  searchIgnored: boolean;
}

/** Escapes `%`, `_` and `\\` so a search term is matched literally by LIKE. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

const FINISHED_LIST = sql.raw(`(${FINISHED_STATUSES.map((s) => `'${s}'`).join(", ")})`);

/**
 * The triage queue: filters, text search on the description, sort and page, in two queries
 * whatever the number of cases (the page's rows; the counts per status). The work of each is
 * bounded (decision 021):
 * - without filters the counts come exactly from need_case_status_count (kept by triggers); an
 *   institution's from its own referrals, each keeping its case's status (decision 065);
 * - with filters each status is counted up to QUEUE_COUNT_CAP + 1 through an index that leads
 *   with the filter (migrations 0013, 0015, 0019), so "more than 10,000" beyond;
 * - a text search counts among the latest QUEUE_SEARCH_WINDOW cases matching the other filters
 *   ("at least" when there are more), and its rows are found by the planner's choice of the
 *   ordered index (common words) or the trigram index (rare words);
 * - paging stops at the first QUEUE_COUNT_CAP matches (QUEUE_SEARCH_PAGE_CAP for a text search),
 *   and reads the page's ids before its rows.
 */
export async function listQueue(
  db: Db,
  actor: Extract<Actor, { kind: "user" }>,
  query: QueueQuery,
  pageSize: number,
  now = new Date(),
): Promise<QueuePage> {
  const scope = scopeFor(actor);
  const countScope = scopeFor(actor, "referrals");
  /** Only an institution's own cases: few enough to count in one statement, through its referrals. */
  const institutionOnly =
    countScope !== null && institutionOrganisationsOf(actor).length > 0 && !hasRole(actor, "cso_member");
  const searchIgnored = query.q.length > 0 && query.q.length < QUEUE_SEARCH_MIN_LENGTH;
  const search = searchIgnored ? "" : query.q;
  const filtered = (withSearch: boolean, scoped = scope) => {
    let q = db.selectFrom("need_case as c");
    if (scoped) q = q.where(scoped);
    if (query.category) q = q.where("c.category", "=", query.category);
    if (query.municipality) q = q.where("c.kas_code", "=", query.municipality);
    if (query.community) q = q.where("c.community_code", "=", query.community);
    if (query.organisation) q = q.where("c.assigned_organisation_id", "=", query.organisation);
    if (query.highProfile) q = q.where("c.is_high_profile", "=", true);
    // Written as the partial indexes' predicate, so that the planner can use them.
    if (query.overdue) q = q.where("c.due_at", "<", now).where(sql<SqlBool>`c.status not in ${FINISHED_LIST}`);
    if (withSearch && search) q = q.where("c.description", "ilike", likePattern(search));
    return q;
  };
  const anyFilter =
    !!query.category ||
    !!query.municipality ||
    !!query.community ||
    !!query.organisation ||
    !!query.highProfile ||
    !!query.overdue ||
    !!search;
  const unfiltered =
    !scope &&
    !query.category &&
    !query.municipality &&
    !query.community &&
    !query.organisation &&
    !query.highProfile &&
    !query.overdue &&
    !search;
  const lastPage = Math.ceil((search ? QUEUE_SEARCH_PAGE_CAP : QUEUE_COUNT_CAP) / pageSize);
  const page = Math.min(query.page, lastPage);
  const order = {
    newest: [sql`c.created_at desc`, sql`c.id desc`],
    oldest: [sql`c.created_at asc`, sql`c.id asc`],
    due: [sql`c.due_at asc nulls last`, sql`c.id asc`],
    updated: [sql`c.updated_at desc`, sql`c.id desc`],
  }[query.sort];
  let pageIds = filtered(true).select("c.id");
  if (query.status) pageIds = pageIds.where("c.status", "=", query.status);
  pageIds = pageIds
    .orderBy(order[0]!)
    .orderBy(order[1]!)
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  if (institutionOnly && !anyFilter && (query.sort === "newest" || query.sort === "oldest")) {
    // An institution's page newest or oldest first, from its referrals in the order of their case's
    // submission (need_referral_org_newest_idx, decision 065) — not a walk over every case checking
    // each for a referral. A case referred twice to it is one row (distinct on).
    const direction = query.sort === "newest" ? "desc" : "asc";
    let byReferral = db
      .selectFrom("need_referral as r")
      .distinctOn(["r.case_created_at", "r.case_id"])
      .select("r.case_id as id")
      .where("r.organisation_id", "in", institutionOrganisationsOf(actor))
      .where(sql<SqlBool>`r.status <> 'returned'`);
    if (query.status) byReferral = byReferral.where("r.case_status", "=", query.status);
    pageIds = byReferral
      .orderBy("r.case_created_at", direction)
      .orderBy("r.case_id", direction)
      .limit(pageSize)
      .offset((page - 1) * pageSize) as unknown as typeof pageIds;
  }

  type CountRow = { status: NeedStatus; n: string | number; examined: string | number | null };
  let countsQuery: { execute(): Promise<CountRow[]> };
  if (unfiltered) {
    countsQuery = db
      .selectFrom("need_case_status_count")
      .select(["status", sql<string>`n`.as("n"), sql<null>`null`.as("examined")]);
  } else if (search) {
    const pattern = likePattern(search);
    const window = filtered(false)
      .select(["c.status", sql<boolean>`c.description ilike ${pattern}`.as("hit")])
      // The latest submitted by id: the heap is read in the order it was written.
      .orderBy(sql`c.id desc`)
      .limit(QUEUE_SEARCH_WINDOW + 1)
      .as("w");
    countsQuery = db
      .selectFrom(window)
      .select(["w.status", sql<string>`count(*) filter (where w.hit)`.as("n"), sql<string>`count(*)`.as("examined")])
      .groupBy("w.status");
  } else if (institutionOnly && !anyFilter) {
    // An institution's cases are its referrals, and each keeps its case's status (decision 065): counted
    // from need_referral_org_case_status_idx alone, without reading the cases.
    countsQuery = db
      .selectFrom("need_referral as r")
      .select([
        sql<NeedStatus>`r.case_status`.as("status"),
        sql<string>`count(distinct r.case_id)`.as("n"),
        sql<null>`null`.as("examined"),
      ])
      .where("r.organisation_id", "in", institutionOrganisationsOf(actor))
      .where(sql<SqlBool>`r.status <> 'returned'`)
      .groupBy("r.case_status");
  } else if (institutionOnly) {
    // An institution's cases are its referrals: counted once, grouped by status, from its referrals.
    countsQuery = filtered(false, countScope)
      .select(["c.status", sql<string>`count(*)`.as("n"), sql<null>`null`.as("examined")])
      .groupBy("c.status");
  } else {
    countsQuery = NEED_STATUSES.map((status) =>
      db
        .selectFrom(
          filtered(false)
            .where("c.status", "=", sql.lit(status))
            .select(sql`1`.as("one"))
            .limit(QUEUE_COUNT_CAP + 1)
            .as("x"),
        )
        .select([sql.lit(status).as("status"), sql<string>`count(*)`.as("n"), sql<null>`null`.as("examined")]),
    ).reduce((all, one) => all.unionAll(one));
  }
  const [rows, counts] = await Promise.all([
    casesWithMunicipality(db)
      .leftJoin("organisation as o", "o.id", "c.assigned_organisation_id")
      .select([
        "o.name as assigned_name",
        "o.acronym as assigned_acronym",
        ...CASE_HEAD_COLUMNS,
        "c.community_code",
        sql<string>`left(c.description, 200)`.as("description"),
        "c.assigned_organisation_id",
        "c.is_high_profile",
        "c.escalated_at",
        "c.due_at",
        "c.created_at",
        "c.version",
      ])
      .where("c.id", "in", pageIds)
      .orderBy(order[0]!)
      .orderBy(order[1]!)
      .execute(),
    countsQuery.execute(),
  ]);

  const windowExhausted = counts.reduce((all, r) => all + Number(r.examined ?? 0), 0) <= QUEUE_SEARCH_WINDOW;
  const statusCounts = Object.fromEntries(
    NEED_STATUSES.map((s) => [s, { count: 0, kind: search && !windowExhausted ? "atLeast" : "exact" }]),
  ) as Record<NeedStatus, QueueCount>;
  for (const row of counts) {
    if (!(row.status in statusCounts)) continue;
    const n = Number(row.n);
    if (!unfiltered && n > QUEUE_COUNT_CAP) statusCounts[row.status] = { count: QUEUE_COUNT_CAP, kind: "moreThan" };
    else statusCounts[row.status] = { count: n, kind: search && !windowExhausted ? "atLeast" : "exact" };
  }
  // A first page that is not full holds every match: its rows give the exact counts.
  if (page === 1 && rows.length < pageSize) {
    if (query.status) statusCounts[query.status] = { count: rows.length, kind: "exact" };
    else
      for (const status of NEED_STATUSES)
        statusCounts[status] = { count: rows.filter((r) => r.status === status).length, kind: "exact" };
  }
  const selected = query.status ? [statusCounts[query.status]] : Object.values(statusCounts);
  const sum = selected.reduce((all, c) => all + c.count, 0);
  const kind = selected.some((c) => c.kind === "moreThan")
    ? "moreThan"
    : selected.some((c) => c.kind === "atLeast")
      ? "atLeast"
      : "exact";
  const total: QueueCount = { count: Math.max(sum, kind === "exact" ? 0 : (page - 1) * pageSize + rows.length), kind };
  let pageCount = Math.max(1, Math.min(lastPage, Math.ceil(total.count / pageSize)));
  if (rows.length === pageSize && page < lastPage) pageCount = Math.max(pageCount, page + 1);
  return {
    total,
    statusCounts,
    page,
    pageCount,
    searchIgnored,
    items: rows.map((r) => ({
      ...caseHeadOf(r),
      communityCode: r.community_code,
      description: r.description,
      assignedOrganisationId: r.assigned_organisation_id,
      assignedOrganisation: r.assigned_name ? { name: r.assigned_name, acronym: r.assigned_acronym } : null,
      isHighProfile: r.is_high_profile,
      isEscalated: r.escalated_at !== null,
      dueAt: r.due_at,
      createdAt: r.created_at,
      version: r.version,
    })),
  };
}

/** What the policy needs about cases (`c`): who submitted them, the consent to share, the institutions they are referred to. */
function caseSubjectQuery(db: Db) {
  return db
    .selectFrom("need_case as c")
    .leftJoin("need_submitter as s", "s.case_id", "c.id")
    .select(["c.id", "c.submitted_by_user_id", "s.share_with_institution"])
    .select(
      sql<
        number[]
      >`array(select distinct r.organisation_id from need_referral r where r.case_id = c.id and r.status <> 'returned')`.as(
        "orgs",
      ),
    );
}

function caseSubjectOf(row: {
  orgs: number[];
  submitted_by_user_id: string | null;
  share_with_institution: boolean | null;
}): NeedCaseSubject {
  return {
    referredOrganisationIds: row.orgs.map(Number),
    submittedByUserId: row.submitted_by_user_id,
    shareWithInstitution: row.share_with_institution === true,
  };
}

/** What the policy needs about one case (one query), or null when there is no such case. */
export async function loadCaseSubject(db: Db, caseId: number): Promise<NeedCaseSubject | null> {
  const row = await caseSubjectQuery(db).where("c.id", "=", caseId).executeTakeFirst();
  return row ? caseSubjectOf(row) : null;
}

/** The policy subjects of several cases at once (one query), by id. */
export async function loadCaseSubjects(db: Db, caseIds: readonly number[]): Promise<Map<number, NeedCaseSubject>> {
  if (caseIds.length === 0) return new Map();
  const rows = await caseSubjectQuery(db)
    .where("c.id", "in", [...new Set(caseIds)])
    .execute();
  return new Map(rows.map((r) => [r.id, caseSubjectOf(r)]));
}

export interface CaseNote {
  id: number;
  visibility: "public" | "internal";
  authorKind: "user" | "submitter" | "system";
  authorName: string | null;
  authorOrganisationId: number | null;
  body: string;
  createdAt: Date;
  /** The case the note was written on, when it came from a duplicate merged into this one. */
  fromReference: string | null;
}

export interface CaseReferral {
  id: number;
  organisationId: number;
  status: NeedReferralStatus;
  message: string | null;
  response: string | null;
  createdAt: Date;
  respondedAt: Date | null;
}

export interface CaseAttachment {
  id: number;
  uploadedBy: "submitter" | "user";
  fileName: string;
  mediaType: string;
  byteSize: number;
  createdAt: Date;
}

/** A case as the workspace shows it, without the submitter's personal data. */
export interface CaseDetail extends CaseFields {
  settlementName: string | null;
  submittedLocale: string;
  escalatedAt: Date | null;
  mergedInto: { id: number; reference: string } | null;
  duplicates: { id: number; reference: string }[];
  submittedByUserId: string | null;
  closedAt: Date | null;
  submitter: {
    exists: boolean;
    isAnonymous: boolean;
    hasContact: boolean;
    contactConsent: boolean;
    shareWithInstitution: boolean;
    erasedAt: Date | null;
  };
  notes: CaseNote[];
  statusChanges: { fromStatus: NeedStatus | null; toStatus: NeedStatus; actorName: string | null; createdAt: Date }[];
  referrals: CaseReferral[];
  attachments: CaseAttachment[];
}

/**
 * One case with its notes (its own and those of duplicates merged into it), status history,
 * referrals and attachments: six queries, whatever their number.
 */
export async function getCase(db: Db, caseId: number): Promise<CaseDetail | null> {
  const c = await casesWithPlace(db)
    .leftJoin("need_case as target", "target.id", "c.merged_into_id")
    .leftJoin("need_submitter as s", "s.case_id", "c.id")
    .select([
      ...CASE_HEAD_COLUMNS,
      "st.name as settlement_name",
      "c.community_code",
      "c.description",
      "c.submitted_locale",
      "c.due_at",
      "c.assigned_organisation_id",
      "c.is_high_profile",
      "c.escalated_at",
      "c.merged_into_id",
      "target.reference as target_reference",
      "c.submitted_by_user_id",
      "c.closed_at",
      "c.created_at",
      "c.version",
      "s.case_id as submitter_case",
      "s.is_anonymous",
      "s.contact_consent",
      "s.share_with_institution",
      "s.erased_at",
      sql<boolean>`(s.phone is not null or s.email is not null)`.as("has_contact"),
    ])
    .where("c.id", "=", caseId)
    .executeTakeFirst();
  if (!c) return null;
  const [duplicates, notes, changes, referrals, attachments] = await Promise.all([
    db.selectFrom("need_case").select(["id", "reference"]).where("merged_into_id", "=", caseId).orderBy("id").execute(),
    db
      .selectFrom("need_note as n")
      .innerJoin("need_case as nc", "nc.id", "n.case_id")
      .leftJoin("app_user as u", "u.id", "n.author_user_id")
      .select([
        "n.id",
        "n.visibility",
        "n.author_kind",
        "u.name as author_name",
        "n.author_organisation_id",
        "n.body",
        "n.created_at",
        "nc.id as note_case_id",
        "nc.reference as note_case_reference",
      ])
      // The case and its merged duplicates, found through their indexes (an `or` across the join read every note).
      .where("n.case_id", "in", (eb) =>
        eb
          .selectFrom("need_case as d")
          .select("d.id")
          .where((w) => w.or([w("d.id", "=", caseId), w("d.merged_into_id", "=", caseId)])),
      )
      .orderBy("n.created_at")
      .orderBy("n.id")
      .execute(),
    db
      .selectFrom("need_status_change as h")
      .leftJoin("app_user as u", "u.id", "h.actor_user_id")
      .select(["h.from_status", "h.to_status", "u.name as actor_name", "h.created_at"])
      .where("h.case_id", "=", caseId)
      .orderBy("h.created_at")
      .orderBy("h.id")
      .execute(),
    db
      .selectFrom("need_referral")
      .selectAll()
      .where("case_id", "=", caseId)
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("need_attachment as a")
      .innerJoin("stored_file as f", "f.id", "a.file_id")
      .select(["a.id", "a.uploaded_by", "f.original_name", "f.media_type", "f.size_bytes", "a.created_at"])
      .where("a.case_id", "=", caseId)
      .orderBy("a.id")
      .execute(),
  ]);
  return {
    ...caseHeadOf(c),
    settlementName: c.settlement_name,
    communityCode: c.community_code,
    description: c.description,
    submittedLocale: c.submitted_locale,
    dueAt: c.due_at,
    assignedOrganisationId: c.assigned_organisation_id,
    isHighProfile: c.is_high_profile,
    escalatedAt: c.escalated_at,
    mergedInto:
      c.merged_into_id !== null && c.target_reference ? { id: c.merged_into_id, reference: c.target_reference } : null,
    duplicates,
    submittedByUserId: c.submitted_by_user_id,
    closedAt: c.closed_at,
    createdAt: c.created_at,
    version: c.version,
    submitter: {
      exists: c.submitter_case !== null,
      isAnonymous: c.is_anonymous ?? true,
      hasContact: c.has_contact === true,
      contactConsent: c.contact_consent === true,
      shareWithInstitution: c.share_with_institution === true,
      erasedAt: c.erased_at,
    },
    notes: notes.map((n) => ({
      id: n.id,
      visibility: n.visibility,
      authorKind: n.author_kind,
      authorName: n.author_name,
      authorOrganisationId: n.author_organisation_id,
      body: n.body,
      createdAt: n.created_at,
      fromReference: n.note_case_id === caseId ? null : n.note_case_reference,
    })),
    statusChanges: changes.map((h) => ({
      fromStatus: h.from_status,
      toStatus: h.to_status,
      actorName: h.actor_name,
      createdAt: h.created_at,
    })),
    referrals: referrals.map((r) => ({
      id: r.id,
      organisationId: r.organisation_id,
      status: r.status,
      message: r.message,
      response: r.response,
      createdAt: r.created_at,
      respondedAt: r.responded_at,
    })),
    attachments: attachments.map((a) => ({
      id: a.id,
      uploadedBy: a.uploaded_by,
      fileName: a.original_name,
      mediaType: a.media_type,
      byteSize: Number(a.size_bytes),
      createdAt: a.created_at,
    })),
  };
}

/**
 * The institution the routing rules suggest for a category in a municipality: the rule for that
 * very municipality, else the category's rule for anywhere; null when none applies.
 */
export async function suggestInstitution(db: Db, category: NeedCategory, kasCode: string): Promise<number | null> {
  const row = await db
    .selectFrom("need_routing_rule")
    .select("organisation_id")
    .where("category", "=", category)
    .where((eb) => eb.or([eb("kas_code", "=", kasCode), eb("kas_code", "is", null)]))
    .orderBy(sql`kas_code is null`)
    .limit(1)
    .executeTakeFirst();
  return row?.organisation_id ?? null;
}

export interface RoutingRule {
  id: number;
  category: NeedCategory;
  kasCode: string | null;
  organisationId: number;
}

/** Every routing rule (one query), by category then municipality. */
export async function listRoutingRules(db: Db): Promise<RoutingRule[]> {
  const rows = await db
    .selectFrom("need_routing_rule")
    .select(["id", "category", "kas_code", "organisation_id"])
    .orderBy("category")
    .orderBy(sql`coalesce(kas_code, '')`)
    .execute();
  return rows.map((r) => ({ id: r.id, category: r.category, kasCode: r.kas_code, organisationId: r.organisation_id }));
}

/** The organisations the actor handles cases for (their institution roles). */
export function institutionOrganisationsOf(actor: Actor): number[] {
  if (actor.kind !== "user") return [];
  return organisationsOf({ ...actor, grants: actor.grants.filter((g) => INSTITUTION_ROLES.includes(g.role)) });
}
