import { sql, type ExpressionBuilder, type Expression, type SqlBool } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import type { Database } from "#app/db/schema.ts";
import { NEED_STATUSES, type NeedCaseTable, type NeedCategory, type NeedReferralStatus, type NeedStatus } from "#app/db/tables/needs.ts";
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
function scopeFor(actor: Extract<Actor, { kind: "user" }>): ((eb: CaseScope) => Expression<SqlBool>) | null {
  if (isCaseHandler(actor)) return null;
  const institutionOrgs = [...new Set(actor.grants.filter((g) => INSTITUTION_ROLES.includes(g.role) && g.organisationId !== null).map((g) => g.organisationId as number))];
  const isCso = hasRole(actor, "cso_member");
  return (eb) => {
    const parts: Expression<SqlBool>[] = [];
    if (institutionOrgs.length) {
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

/** One row of the queue. */
export interface QueueItem {
  id: number;
  reference: string;
  category: NeedCategory;
  status: NeedStatus;
  kasCode: string;
  municipality: { nameSq: string; nameSr: string; nameSrCyrl: string };
  communityCode: string | null;
  description: string;
  assignedOrganisationId: number | null;
  isHighProfile: boolean;
  isEscalated: boolean;
  dueAt: Date | null;
  createdAt: Date;
  version: number;
}

/** The queue page: its rows, how many match, and how many match per status (other filters kept). */
export interface QueuePage {
  items: QueueItem[];
  total: number;
  statusCounts: Record<NeedStatus, number>;
}

/** Escapes `%`, `_` and `\` so a search term is matched literally by LIKE. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

/**
 * The triage queue: filters, text search on the description (trigram index), sort and page;
 * three queries whatever the number of cases (rows, total, counts per status).
 */
export async function listQueue(db: Db, actor: Extract<Actor, { kind: "user" }>, query: QueueQuery, pageSize: number, now = new Date()): Promise<QueuePage> {
  const scope = scopeFor(actor);
  const filtered = (withStatus: boolean) => {
    let q = db.selectFrom("need_case as c");
    if (scope) q = q.where(scope);
    if (withStatus && query.status) q = q.where("c.status", "=", query.status);
    if (query.category) q = q.where("c.category", "=", query.category);
    if (query.municipality) q = q.where("c.kas_code", "=", query.municipality);
    if (query.community) q = q.where("c.community_code", "=", query.community);
    if (query.organisation) q = q.where("c.assigned_organisation_id", "=", query.organisation);
    if (query.highProfile) q = q.where("c.is_high_profile", "=", true);
    if (query.overdue) q = q.where("c.due_at", "<", now).where("c.status", "not in", FINISHED_STATUSES);
    if (query.q) q = q.where("c.description", "ilike", likePattern(query.q));
    return q;
  };
  const order = {
    newest: [sql`c.created_at desc`, sql`c.id desc`],
    oldest: [sql`c.created_at asc`, sql`c.id asc`],
    due: [sql`c.due_at asc nulls last`, sql`c.id asc`],
    updated: [sql`c.updated_at desc`, sql`c.id desc`],
  }[query.sort];
  const [rows, totalRow, counts] = await Promise.all([
    filtered(true)
      .innerJoin("municipality as m", "m.kas_code", "c.kas_code")
      .select([
        "c.id",
        "c.reference",
        "c.category",
        "c.status",
        "c.kas_code",
        "m.name_sq",
        "m.name_sr",
        "m.name_sr_cyrl",
        "c.community_code",
        sql<string>`left(c.description, 200)`.as("description"),
        "c.assigned_organisation_id",
        "c.is_high_profile",
        "c.escalated_at",
        "c.due_at",
        "c.created_at",
        "c.version",
      ])
      .orderBy(order[0]!)
      .orderBy(order[1]!)
      .limit(pageSize)
      .offset((query.page - 1) * pageSize)
      .execute(),
    filtered(true).select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
    filtered(false).select(["c.status", (eb) => eb.fn.countAll<string>().as("n")]).groupBy("c.status").execute(),
  ]);
  const statusCounts = Object.fromEntries(NEED_STATUSES.map((s) => [s, 0])) as Record<NeedStatus, number>;
  for (const row of counts) statusCounts[row.status] = Number(row.n);
  return {
    total: Number(totalRow.n),
    statusCounts,
    items: rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      category: r.category,
      status: r.status,
      kasCode: r.kas_code,
      municipality: { nameSq: r.name_sq, nameSr: r.name_sr, nameSrCyrl: r.name_sr_cyrl },
      communityCode: r.community_code,
      description: r.description,
      assignedOrganisationId: r.assigned_organisation_id,
      isHighProfile: r.is_high_profile,
      isEscalated: r.escalated_at !== null,
      dueAt: r.due_at,
      createdAt: r.created_at,
      version: r.version,
    })),
  };
}

/** What the policy needs about one case (one query), or null when there is no such case. */
export async function loadCaseSubject(db: Db, caseId: number): Promise<NeedCaseSubject | null> {
  const row = await db
    .selectFrom("need_case as c")
    .leftJoin("need_submitter as s", "s.case_id", "c.id")
    .select(["c.submitted_by_user_id", "s.share_with_institution"])
    .select(sql<number[]>`array(select distinct r.organisation_id from need_referral r where r.case_id = c.id and r.status <> 'returned')`.as("orgs"))
    .where("c.id", "=", caseId)
    .executeTakeFirst();
  if (!row) return null;
  return { referredOrganisationIds: row.orgs.map(Number), submittedByUserId: row.submitted_by_user_id, shareWithInstitution: row.share_with_institution === true };
}

/** The policy subjects of several cases at once (one query), by id. */
export async function loadCaseSubjects(db: Db, caseIds: readonly number[]): Promise<Map<number, NeedCaseSubject>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("need_case as c")
    .leftJoin("need_submitter as s", "s.case_id", "c.id")
    .select(["c.id", "c.submitted_by_user_id", "s.share_with_institution"])
    .select(sql<number[]>`array(select distinct r.organisation_id from need_referral r where r.case_id = c.id and r.status <> 'returned')`.as("orgs"))
    .where("c.id", "in", [...new Set(caseIds)])
    .execute();
  return new Map(rows.map((r) => [r.id, { referredOrganisationIds: r.orgs.map(Number), submittedByUserId: r.submitted_by_user_id, shareWithInstitution: r.share_with_institution === true }]));
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
export interface CaseDetail {
  id: number;
  reference: string;
  category: NeedCategory;
  status: NeedStatus;
  kasCode: string;
  municipality: { nameSq: string; nameSr: string; nameSrCyrl: string };
  settlementName: string | null;
  communityCode: string | null;
  description: string;
  submittedLocale: string;
  dueAt: Date | null;
  assignedOrganisationId: number | null;
  isHighProfile: boolean;
  escalatedAt: Date | null;
  mergedInto: { id: number; reference: string } | null;
  duplicates: { id: number; reference: string }[];
  submittedByUserId: string | null;
  closedAt: Date | null;
  createdAt: Date;
  version: number;
  submitter: { exists: boolean; isAnonymous: boolean; hasContact: boolean; contactConsent: boolean; shareWithInstitution: boolean; erasedAt: Date | null };
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
  const c = await db
    .selectFrom("need_case as c")
    .innerJoin("municipality as m", "m.kas_code", "c.kas_code")
    .leftJoin("settlement as st", "st.id", "c.settlement_id")
    .leftJoin("need_case as target", "target.id", "c.merged_into_id")
    .leftJoin("need_submitter as s", "s.case_id", "c.id")
    .select([
      "c.id",
      "c.reference",
      "c.category",
      "c.status",
      "c.kas_code",
      "m.name_sq",
      "m.name_sr",
      "m.name_sr_cyrl",
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
      .select(["n.id", "n.visibility", "n.author_kind", "u.name as author_name", "n.author_organisation_id", "n.body", "n.created_at", "nc.id as note_case_id", "nc.reference as note_case_reference"])
      .where((eb) => eb.or([eb("n.case_id", "=", caseId), eb("nc.merged_into_id", "=", caseId)]))
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
    db.selectFrom("need_referral").selectAll().where("case_id", "=", caseId).orderBy("created_at").orderBy("id").execute(),
    db
      .selectFrom("need_attachment as a")
      .innerJoin("stored_file as f", "f.id", "a.file_id")
      .select(["a.id", "a.uploaded_by", "f.original_name", "f.media_type", "f.size_bytes", "a.created_at"])
      .where("a.case_id", "=", caseId)
      .orderBy("a.id")
      .execute(),
  ]);
  return {
    id: c.id,
    reference: c.reference,
    category: c.category,
    status: c.status,
    kasCode: c.kas_code,
    municipality: { nameSq: c.name_sq, nameSr: c.name_sr, nameSrCyrl: c.name_sr_cyrl },
    settlementName: c.settlement_name,
    communityCode: c.community_code,
    description: c.description,
    submittedLocale: c.submitted_locale,
    dueAt: c.due_at,
    assignedOrganisationId: c.assigned_organisation_id,
    isHighProfile: c.is_high_profile,
    escalatedAt: c.escalated_at,
    mergedInto: c.merged_into_id !== null && c.target_reference ? { id: c.merged_into_id, reference: c.target_reference } : null,
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
    statusChanges: changes.map((h) => ({ fromStatus: h.from_status, toStatus: h.to_status, actorName: h.actor_name, createdAt: h.created_at })),
    referrals: referrals.map((r) => ({ id: r.id, organisationId: r.organisation_id, status: r.status, message: r.message, response: r.response, createdAt: r.created_at, respondedAt: r.responded_at })),
    attachments: attachments.map((a) => ({ id: a.id, uploadedBy: a.uploaded_by, fileName: a.original_name, mediaType: a.media_type, byteSize: Number(a.size_bytes), createdAt: a.created_at })),
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
  const rows = await db.selectFrom("need_routing_rule").select(["id", "category", "kas_code", "organisation_id"]).orderBy("category").orderBy(sql`coalesce(kas_code, '')`).execute();
  return rows.map((r) => ({ id: r.id, category: r.category, kasCode: r.kas_code, organisationId: r.organisation_id }));
}

/** The organisations the actor handles cases for (their institution roles). */
export function institutionOrganisationsOf(actor: Actor): number[] {
  if (actor.kind !== "user") return [];
  return organisationsOf({ ...actor, grants: actor.grants.filter((g) => INSTITUTION_ROLES.includes(g.role)) });
}
