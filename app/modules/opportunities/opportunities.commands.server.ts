import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import type { PublicationStatus } from "#app/db/tables/clearing-house.ts";
import { translatedValue } from "#app/modules/news/content-form.ts";
import { publishingPolicy } from "#app/modules/news/publishing.policy.ts";
import { recordAudit, type AuditContext } from "#app/services/audit.server.ts";
import { inTransaction, type CommandFailure, type CommandResult, type SavedRecord } from "#app/services/commands.server.ts";
import { slugFromTitle, uniqueSlug } from "#app/services/slugs.server.ts";
import { removeSearchEntry, upsertSearchEntry } from "#app/services/search-index.server.ts";
import type { OpportunityFormInput } from "./opportunities.schema.ts";

const FORBIDDEN: CommandFailure = { ok: false, status: 403, errors: { form: "news:form.errors.forbidden" } };
const NOT_FOUND: CommandFailure = { ok: false, status: 404, errors: { form: "news:form.errors.notFound" } };
const CONFLICT: CommandFailure = { ok: false, status: 409, errors: { form: "news:form.errors.conflict" } };

/** Writes (or removes) an opportunity's search index entry to match its state. */
export async function indexOpportunity(trx: Db, id: number): Promise<void> {
  const s = await trx.selectFrom("opportunity").selectAll().where("id", "=", id).executeTakeFirst();
  if (!s || s.status !== "published") {
    await removeSearchEntry(trx, "opportunity", id);
    return;
  }
  const texts = (v: Record<string, unknown>) => Object.entries(v).filter(([k, t]) => k !== "machine" && typeof t === "string").map(([, t]) => t as string);
  await upsertSearchEntry(trx, {
    kind: "opportunity",
    refId: s.id,
    title: s.title,
    summary: s.summary,
    body: texts(s.eligibility).join("\n"),
    path: `opportunities/${s.slug}`,
    originalLocale: s.original_locale,
    municipalities: s.kas_code ? [s.kas_code] : [],
    publishedAt: s.published_at,
  });
}

function opportunityValues(input: OpportunityFormInput) {
  return {
    kind: input.kind,
    title: translatedValue(input, "title"),
    summary: translatedValue(input, "summary"),
    eligibility: translatedValue(input, "eligibility"),
    original_locale: input.originalLocale,
    kas_code: input.kasCode,
    url: input.url,
    deadline: input.deadline,
    organisation_id: input.organisationId,
  };
}

async function checkReferences(trx: Db, input: OpportunityFormInput): Promise<CommandFailure | null> {
  const [org, municipality] = await Promise.all([
    trx.selectFrom("organisation").select("id").where("id", "=", input.organisationId).executeTakeFirst(),
    input.kasCode ? trx.selectFrom("municipality").select("kas_code").where("kas_code", "=", input.kasCode).executeTakeFirst() : Promise.resolve(true),
  ]);
  if (!org) return { ok: false, status: 400, errors: { organisationId: "news:form.errors.organisation" } };
  if (!municipality) return { ok: false, status: 400, errors: { kasCode: "news:form.errors.municipality" } };
  return null;
}

/** Creates an opportunity as a draft of the chosen organisation. */
export function createOpportunity(db: Db, audit: AuditContext, input: OpportunityFormInput): Promise<CommandResult<SavedRecord>> {
  return inTransaction(db, async (trx): Promise<CommandResult<SavedRecord>> => {
    if (!publishingPolicy.can(audit.actor, "content.create", { organisationId: input.organisationId })) return FORBIDDEN;
    const refused = await checkReferences(trx, input);
    if (refused) return refused;
    const values = opportunityValues(input);
    const slug = await uniqueSlug(trx, "opportunity", slugFromTitle(values.title));
    const row = await trx.insertInto("opportunity").values({ ...values, slug }).returningAll().executeTakeFirstOrThrow();
    await recordAudit(trx, audit, { action: "opportunity.create", subjectType: "opportunity", subjectId: row.id, after: row, organisationId: input.organisationId });
    return { ok: true, id: row.id, slug };
  });
}

/** Changes an opportunity; a stale version is a 409. */
export function updateOpportunity(db: Db, audit: AuditContext, id: number, input: OpportunityFormInput): Promise<CommandResult<SavedRecord>> {
  return inTransaction(db, async (trx): Promise<CommandResult<SavedRecord>> => {
    const before = await trx.selectFrom("opportunity").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
    if (!before) return NOT_FOUND;
    if (!publishingPolicy.can(audit.actor, "content.update", { organisationId: before.organisation_id })) return FORBIDDEN;
    if (input.organisationId !== before.organisation_id && !publishingPolicy.can(audit.actor, "content.create", { organisationId: input.organisationId })) return FORBIDDEN;
    if (input.version !== undefined && input.version !== before.version) return CONFLICT;
    const refused = await checkReferences(trx, input);
    if (refused) return refused;
    const after = await trx.updateTable("opportunity").set({ ...opportunityValues(input), version: sql`version + 1`, updated_at: sql`now()` }).where("id", "=", id).returningAll().executeTakeFirstOrThrow();
    await indexOpportunity(trx, id);
    await recordAudit(trx, audit, { action: "opportunity.update", subjectType: "opportunity", subjectId: id, before, after, organisationId: after.organisation_id });
    return { ok: true, id, slug: after.slug };
  });
}

/** Publishes an opportunity or takes it back to draft. */
export function setOpportunityStatus(db: Db, audit: AuditContext, id: number, status: PublicationStatus): Promise<CommandResult<SavedRecord>> {
  return inTransaction(db, async (trx): Promise<CommandResult<SavedRecord>> => {
    const before = await trx.selectFrom("opportunity").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
    if (!before) return NOT_FOUND;
    if (!publishingPolicy.can(audit.actor, status === "published" ? "content.publish" : "content.unpublish", { organisationId: before.organisation_id })) return FORBIDDEN;
    const after = await trx
      .updateTable("opportunity")
      .set({ status, published_at: status === "published" ? (before.published_at ?? new Date()) : before.published_at, version: sql`version + 1`, updated_at: sql`now()` })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await indexOpportunity(trx, id);
    await recordAudit(trx, audit, { action: status === "published" ? "opportunity.publish" : "opportunity.unpublish", subjectType: "opportunity", subjectId: id, before: { status: before.status }, after: { status: after.status }, organisationId: after.organisation_id });
    return { ok: true, id, slug: after.slug };
  });
}
