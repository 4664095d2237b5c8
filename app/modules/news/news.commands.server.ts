import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import type { PublicationStatus } from "#app/db/tables/clearing-house.ts";
import { storeResizedImage } from "#app/services/images.server.ts";
import { recordAudit, type AuditContext } from "#app/services/audit.server.ts";
import { inTransaction, type CommandFailure, type CommandResult, type SavedRecord } from "#app/services/commands.server.ts";
import { slugFromTitle, uniqueSlug } from "#app/services/slugs.server.ts";
import type { FileStore } from "#app/services/files.server.ts";
import { removeSearchEntry, upsertSearchEntry } from "#app/services/search-index.server.ts";
import { translatedValue } from "./content-form.ts";
import type { NewsFormInput } from "./news.schema.ts";
import { publishingPolicy } from "./publishing.policy.ts";

const FORBIDDEN: CommandFailure = { ok: false, status: 403, errors: { form: "news:form.errors.forbidden" } };
const NOT_FOUND: CommandFailure = { ok: false, status: 404, errors: { form: "news:form.errors.notFound" } };
const CONFLICT: CommandFailure = { ok: false, status: 409, errors: { form: "news:form.errors.conflict" } };

/** Writes (or removes) a news item's search index entry to match its state. */
export async function indexNewsItem(trx: Db, id: number): Promise<void> {
  const n = await trx.selectFrom("news_item").select(["id", "slug", "title", "summary", "body", "original_locale", "status", "published_at"]).where("id", "=", id).executeTakeFirst();
  if (!n || n.status !== "published") {
    await removeSearchEntry(trx, "news", id);
    return;
  }
  const { machine: _machine, ...written } = n.body;
  await upsertSearchEntry(trx, {
    kind: "news",
    refId: n.id,
    title: n.title,
    summary: n.summary,
    body: Object.values(written).filter((t): t is string => typeof t === "string").join("\n\n"),
    path: `news/${n.slug}`,
    originalLocale: n.original_locale,
    publishedAt: n.published_at,
  });
}

function newsValues(input: NewsFormInput) {
  return { title: translatedValue(input, "title"), summary: translatedValue(input, "summary"), body: translatedValue(input, "body"), original_locale: input.originalLocale, organisation_id: input.organisationId };
}

/** Writes a news item as a draft of the chosen organisation. */
export function createNewsItem(db: Db, audit: AuditContext, input: NewsFormInput): Promise<CommandResult<SavedRecord>> {
  return inTransaction(db, async (trx): Promise<CommandResult<SavedRecord>> => {
    if (!publishingPolicy.can(audit.actor, "content.create", { organisationId: input.organisationId })) return FORBIDDEN;
    const organisation = await trx.selectFrom("organisation").select("id").where("id", "=", input.organisationId).executeTakeFirst();
    if (!organisation) return { ok: false, status: 400, errors: { organisationId: "news:form.errors.organisation" } };
    const values = newsValues(input);
    const slug = await uniqueSlug(trx, "news_item", slugFromTitle(values.title));
    const row = await trx.insertInto("news_item").values({ ...values, slug, status: "draft", published_at: null }).returningAll().executeTakeFirstOrThrow();
    await recordAudit(trx, audit, { action: "news.create", subjectType: "news_item", subjectId: row.id, after: row, organisationId: input.organisationId });
    return { ok: true, id: row.id, slug };
  });
}

/** Changes a news item (its organisation's members or a coordinator); a stale version is a 409. */
export function updateNewsItem(db: Db, audit: AuditContext, id: number, input: NewsFormInput): Promise<CommandResult<SavedRecord>> {
  return inTransaction(db, async (trx): Promise<CommandResult<SavedRecord>> => {
    const before = await trx.selectFrom("news_item").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
    if (!before) return NOT_FOUND;
    const owner = before.organisation_id;
    if (owner === null ? !publishingPolicy.can(audit.actor, "content.moderate", null) : !publishingPolicy.can(audit.actor, "content.update", { organisationId: owner })) return FORBIDDEN;
    if (input.organisationId !== owner && !publishingPolicy.can(audit.actor, "content.create", { organisationId: input.organisationId })) return FORBIDDEN;
    if (input.version !== undefined && input.version !== before.version) return CONFLICT;
    const after = await trx.updateTable("news_item").set({ ...newsValues(input), version: sql`version + 1`, updated_at: sql`now()` }).where("id", "=", id).returningAll().executeTakeFirstOrThrow();
    await indexNewsItem(trx, id);
    await recordAudit(trx, audit, { action: "news.update", subjectType: "news_item", subjectId: id, before, after, organisationId: after.organisation_id });
    return { ok: true, id, slug: after.slug };
  });
}

/** Publishes a news item (dated now, the first time) or takes it back to draft. */
export function setNewsStatus(db: Db, audit: AuditContext, id: number, status: PublicationStatus): Promise<CommandResult<SavedRecord>> {
  return inTransaction(db, async (trx): Promise<CommandResult<SavedRecord>> => {
    const before = await trx.selectFrom("news_item").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
    if (!before) return NOT_FOUND;
    const action = status === "published" ? "content.publish" : "content.unpublish";
    if (before.organisation_id === null ? !publishingPolicy.can(audit.actor, "content.moderate", null) : !publishingPolicy.can(audit.actor, action, { organisationId: before.organisation_id })) return FORBIDDEN;
    const after = await trx
      .updateTable("news_item")
      .set({ status, published_at: status === "published" ? (before.published_at ?? new Date()) : before.published_at, version: sql`version + 1`, updated_at: sql`now()` })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await indexNewsItem(trx, id);
    await recordAudit(trx, audit, { action: status === "published" ? "news.publish" : "news.unpublish", subjectType: "news_item", subjectId: id, before: { status: before.status }, after: { status: after.status }, organisationId: after.organisation_id });
    return { ok: true, id, slug: after.slug };
  });
}

/** Adds an image to a news item: checked by content, resized (large and thumbnail), metadata stripped, alt text required. */
export function addNewsImage(db: Db, audit: AuditContext, files: FileStore, id: number, upload: { bytes: Uint8Array; name: string }, alt: Record<string, string>): Promise<CommandResult<SavedRecord>> {
  return inTransaction(db, async (trx): Promise<CommandResult<SavedRecord>> => {
    const item = await trx.selectFrom("news_item").select(["id", "organisation_id"]).where("id", "=", id).executeTakeFirst();
    if (!item) return NOT_FOUND;
    if (item.organisation_id === null ? !publishingPolicy.can(audit.actor, "content.moderate", null) : !publishingPolicy.can(audit.actor, "content.update", { organisationId: item.organisation_id })) return FORBIDDEN;
    if (Object.keys(alt).length === 0) return { ok: false, status: 400, errors: { alt_sq: "news:form.errors.altRequired" } };
    const stored = await storeResizedImage(files, trx, upload.bytes, upload.name, ["large", "thumb"] as const);
    if (!stored.ok) return { ok: false, status: 400, errors: { image: `news:form.upload.${stored.error}` } };
    const row = await trx
      .insertInto("news_image")
      .values({ news_item_id: id, large_file_id: stored.fileIds.large, thumb_file_id: stored.fileIds.thumb, width: stored.width, height: stored.height, alt })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, audit, { action: "news.image.add", subjectType: "news_item", subjectId: id, after: { image: row.id, alt }, organisationId: item.organisation_id });
    return { ok: true, id: row.id };
  });
}
