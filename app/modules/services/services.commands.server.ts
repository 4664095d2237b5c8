import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import type { PublicationStatus } from "#app/db/tables/clearing-house.ts";
import { translatedValue } from "#app/modules/news/content-form.ts";
import { publishingPolicy } from "#app/modules/news/publishing.policy.ts";
import { recordAudit, type AuditContext } from "#app/services/audit.server.ts";
import { inTransaction, type CommandFailure, type CommandResult, type SavedRecord } from "#app/services/commands.server.ts";
import { slugFromTitle, uniqueSlug } from "#app/services/slugs.server.ts";
import { removeSearchEntry, upsertSearchEntry } from "#app/services/search-index.server.ts";
import type { ServiceFormInput } from "./services.schema.ts";

const FORBIDDEN: CommandFailure = { ok: false, status: 403, errors: { form: "news:form.errors.forbidden" } };
const NOT_FOUND: CommandFailure = { ok: false, status: 404, errors: { form: "news:form.errors.notFound" } };
const CONFLICT: CommandFailure = { ok: false, status: 409, errors: { form: "news:form.errors.conflict" } };

/** Writes (or removes) a service's search index entry to match its state. */
export async function indexService(trx: Db, id: number): Promise<void> {
  const s = await trx.selectFrom("service").selectAll().where("id", "=", id).executeTakeFirst();
  if (!s || s.status !== "published") {
    await removeSearchEntry(trx, "service", id);
    return;
  }
  const texts = (v: Record<string, unknown>) => Object.entries(v).filter(([k, t]) => k !== "machine" && typeof t === "string").map(([, t]) => t as string);
  await upsertSearchEntry(trx, {
    kind: "service",
    refId: s.id,
    title: s.title,
    summary: s.summary,
    body: [...texts(s.eligibility), ...texts(s.requirements), s.address ?? ""].join("\n"),
    path: `services/${s.slug}`,
    originalLocale: s.original_locale,
    sectors: s.sector_code ? [s.sector_code] : [],
    municipalities: s.kas_code ? [s.kas_code] : [],
    publishedAt: s.published_at,
  });
}

function serviceValues(input: ServiceFormInput) {
  return {
    title: translatedValue(input, "title"),
    title_sr_cyrl: input.titleSrCyrl?.normalize("NFC") ?? null,
    summary: translatedValue(input, "summary"),
    eligibility: translatedValue(input, "eligibility"),
    requirements: translatedValue(input, "requirements"),
    hours: translatedValue(input, "hours"),
    original_locale: input.originalLocale,
    kas_code: input.kasCode,
    address: input.address,
    online_url: input.onlineUrl,
    sector_code: input.sectorCode,
    organisation_id: input.organisationId,
  };
}

async function checkReferences(trx: Db, input: ServiceFormInput): Promise<CommandFailure | null> {
  const [org, municipality, sector] = await Promise.all([
    trx.selectFrom("organisation").select("id").where("id", "=", input.organisationId).executeTakeFirst(),
    input.kasCode ? trx.selectFrom("municipality").select("kas_code").where("kas_code", "=", input.kasCode).executeTakeFirst() : Promise.resolve(true),
    input.sectorCode ? trx.selectFrom("sector").select("code").where("code", "=", input.sectorCode).executeTakeFirst() : Promise.resolve(true),
  ]);
  if (!org) return { ok: false, status: 400, errors: { organisationId: "news:form.errors.organisation" } };
  if (!municipality) return { ok: false, status: 400, errors: { kasCode: "news:form.errors.municipality" } };
  if (!sector) return { ok: false, status: 400, errors: { sectorCode: "services:form.errors.sector" } };
  return null;
}

/** Creates a service as a draft of the chosen organisation. */
export function createService(db: Db, audit: AuditContext, input: ServiceFormInput): Promise<CommandResult<SavedRecord>> {
  return inTransaction(db, async (trx): Promise<CommandResult<SavedRecord>> => {
    if (!publishingPolicy.can(audit.actor, "content.create", { organisationId: input.organisationId })) return FORBIDDEN;
    const refused = await checkReferences(trx, input);
    if (refused) return refused;
    const values = serviceValues(input);
    const slug = await uniqueSlug(trx, "service", slugFromTitle(values.title));
    const row = await trx.insertInto("service").values({ ...values, slug }).returningAll().executeTakeFirstOrThrow();
    await recordAudit(trx, audit, { action: "service.create", subjectType: "service", subjectId: row.id, after: row, organisationId: input.organisationId });
    return { ok: true, id: row.id, slug };
  });
}

/** Changes a service; a stale version is a 409. */
export function updateService(db: Db, audit: AuditContext, id: number, input: ServiceFormInput): Promise<CommandResult<SavedRecord>> {
  return inTransaction(db, async (trx): Promise<CommandResult<SavedRecord>> => {
    const before = await trx.selectFrom("service").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
    if (!before) return NOT_FOUND;
    if (!publishingPolicy.can(audit.actor, "content.update", { organisationId: before.organisation_id })) return FORBIDDEN;
    if (input.organisationId !== before.organisation_id && !publishingPolicy.can(audit.actor, "content.create", { organisationId: input.organisationId })) return FORBIDDEN;
    if (input.version !== undefined && input.version !== before.version) return CONFLICT;
    const refused = await checkReferences(trx, input);
    if (refused) return refused;
    const after = await trx.updateTable("service").set({ ...serviceValues(input), version: sql`version + 1`, updated_at: sql`now()` }).where("id", "=", id).returningAll().executeTakeFirstOrThrow();
    await indexService(trx, id);
    await recordAudit(trx, audit, { action: "service.update", subjectType: "service", subjectId: id, before, after, organisationId: after.organisation_id });
    return { ok: true, id, slug: after.slug };
  });
}

/** Publishes a service or takes it back to draft. */
export function setServiceStatus(db: Db, audit: AuditContext, id: number, status: PublicationStatus): Promise<CommandResult<SavedRecord>> {
  return inTransaction(db, async (trx): Promise<CommandResult<SavedRecord>> => {
    const before = await trx.selectFrom("service").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
    if (!before) return NOT_FOUND;
    if (!publishingPolicy.can(audit.actor, status === "published" ? "content.publish" : "content.unpublish", { organisationId: before.organisation_id })) return FORBIDDEN;
    const after = await trx
      .updateTable("service")
      .set({ status, published_at: status === "published" ? (before.published_at ?? new Date()) : before.published_at, version: sql`version + 1`, updated_at: sql`now()` })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await indexService(trx, id);
    await recordAudit(trx, audit, { action: status === "published" ? "service.publish" : "service.unpublish", subjectType: "service", subjectId: id, before: { status: before.status }, after: { status: after.status }, organisationId: after.organisation_id });
    return { ok: true, id, slug: after.slug };
  });
}
