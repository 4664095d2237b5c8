import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import { translatedValue, translatedValues } from "#app/modules/clearing-house/publishable/content-form.ts";
import { publishingPolicy } from "#app/modules/clearing-house/publishable/publishing.policy.ts";
import { findsAnyRow } from "#app/services/any-row.server.ts";
import { recordAudit, type AuditContext } from "#app/services/audit.server.ts";
import {
  inTransaction,
  type CommandFailure,
  type CommandResult,
  type SavedRecord,
} from "#app/services/commands.server.ts";
import { slugFromTitle } from "#app/services/slugs.server.ts";
import { ACCEPTED_TYPES } from "#app/services/files.server.ts";
import {
  addImagePart,
  CONFLICT,
  FORBIDDEN,
  NOT_FOUND,
  placeFacet,
  writtenTexts,
  type PublishableKind,
  publishableCommands,
  publishablePart,
} from "#app/modules/clearing-house/publishable/publishable.server.ts";
import type { EventFormInput, RecommendationFormInput, RecommendationStatusInput } from "./events.schema.ts";
import { insertRows } from "#app/db/insert-rows.server.ts";

async function writeEventOrganisations(trx: Db, eventId: number, input: EventFormInput): Promise<void> {
  await trx.deleteFrom("event_organisation").where("event_id", "=", eventId).execute();
  const organisers = new Set([input.organisationId, ...input.organisers]);
  const participants = input.participants.filter((id) => !organisers.has(id));
  const rows = [
    ...[...organisers].map((id) => ({ event_id: eventId, organisation_id: id, role: "organiser" as const })),
    ...[...new Set(participants)].map((id) => ({
      event_id: eventId,
      organisation_id: id,
      role: "participant" as const,
    })),
  ];
  await insertRows(trx, "event_organisation", rows);
}

async function organisationsExist(trx: Db, ids: readonly number[]): Promise<boolean> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return true;
  const found = await trx.selectFrom("organisation").select("id").where("id", "in", unique).execute();
  return found.length === unique.length;
}

async function municipalityExists(trx: Db, kasCode: string | null): Promise<boolean> {
  if (!kasCode) return true;
  return findsAnyRow(trx.selectFrom("municipality").where("kas_code", "=", kasCode));
}

/**
 * An event as a publishable item (decision 048): its kind, times, place, agenda and minutes, and
 * the organisations that organise it or take part (written with it); its slug ends with its date.
 */
export const EVENT: PublishableKind<"event", EventFormInput> = {
  table: "event",
  auditName: "event",
  values: (input) => ({
    kind: input.kind,
    ...translatedValues(input, ["title", "summary", "agenda", "minutes"]),
    starts_at: input.startsAt,
    ends_at: input.endsAt ?? null,
    kas_code: input.kasCode,
    address: input.address,
  }),
  slugBase: (values) => `${slugFromTitle(values.title)}-${values.starts_at.toISOString().slice(0, 10)}`,
  checkReferences: async (trx, input): Promise<CommandFailure | null> => {
    if (!(await organisationsExist(trx, [input.organisationId, ...input.organisers, ...input.participants])))
      return { ok: false, status: 400, errors: { organisers: "news:form.errors.organisation" } };
    if (!(await municipalityExists(trx, input.kasCode)))
      return { ok: false, status: 400, errors: { kasCode: "news:form.errors.municipality" } };
    return null;
  },
  writeParts: writeEventOrganisations,
  auditCreated: (row, input) => ({ ...row, organisers: input.organisers, participants: input.participants }),
  search: {
    kind: "event",
    folder: "events",
    body: (e) => [...writtenTexts(e.agenda), ...writtenTexts(e.minutes)].join("\n\n"),
    facets: (e) => ({ ...placeFacet(e), publishedAt: e.starts_at }),
  },
};

/** An event's commands (`index`, `create`, `update`, `setStatus`: see `publishableCommands`). */
export const eventCommands = publishableCommands(EVENT);

/** Adds a photo to an event's gallery: checked by content, stored in three sizes without metadata. */
export const addEventPhoto = publishablePart("event", "event.photo.add", (trx, files, id, upload, alt) =>
  addImagePart(trx, files, upload, alt, { sizes: ["large", "medium", "thumb"], field: "photo" }, (columns) =>
    trx
      .insertInto("event_photo")
      .values({ event_id: id, ...columns })
      .returningAll()
      .executeTakeFirstOrThrow(),
  ),
);

/** Attaches a document (PDF, DOCX or XLSX, checked by content) to an event. */
export const addEventDocument = publishablePart(
  "event",
  "event.document.add",
  async (trx, files, id, upload, title) => {
    const stored = await files.put(trx, upload.bytes, {
      originalName: upload.name,
      accept: ACCEPTED_TYPES.document,
      maxBytes: 25 * 1024 * 1024,
    });
    if (!stored.ok) return { ok: false, status: 400, errors: { document: `news:form.upload.${stored.error}` } };
    const row = await trx
      .insertInto("event_document")
      .values({ event_id: id, file_id: stored.file.id, title })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { id: row.id, after: { document: row.id, file: stored.file.id, title } };
  },
);

/** Records a recommendation made at an event, owned by an organisation, due on a date. */
export function addRecommendation(
  db: Db,
  audit: AuditContext,
  eventId: number,
  input: RecommendationFormInput,
): Promise<CommandResult<SavedRecord>> {
  return inTransaction(db, async (trx): Promise<CommandResult<SavedRecord>> => {
    const event = await trx
      .selectFrom("event")
      .select(["id", "organisation_id"])
      .where("id", "=", eventId)
      .executeTakeFirst();
    if (!event) return NOT_FOUND;
    if (!publishingPolicy.can(audit.actor, "recommendation.create", { eventOrganisationId: event.organisation_id }))
      return FORBIDDEN;
    if (!(await organisationsExist(trx, [input.ownerOrganisationId])))
      return { ok: false, status: 400, errors: { ownerOrganisationId: "news:form.errors.organisation" } };
    if (
      input.measureId &&
      !(await trx.selectFrom("measure").select("id").where("id", "=", input.measureId).executeTakeFirst())
    )
      return { ok: false, status: 400, errors: { measureId: "events:form.errors.measure" } };
    const row = await trx
      .insertInto("recommendation")
      .values({
        event_id: eventId,
        text: translatedValue(input, "text"),
        original_locale: input.originalLocale,
        owner_organisation_id: input.ownerOrganisationId,
        due_date: input.dueDate,
        measure_id: input.measureId ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, audit, {
      action: "recommendation.create",
      subjectType: "recommendation",
      subjectId: row.id,
      after: row,
      organisationId: event.organisation_id,
    });
    return { ok: true, id: row.id };
  });
}

/**
 * Changes a recommendation's status (open, in progress, done, rejected with a reason), by a member
 * of the owning organisation or a coordinator. Audited; a stale version is a 409.
 */
export function changeRecommendationStatus(
  db: Db,
  audit: AuditContext,
  input: RecommendationStatusInput,
): Promise<CommandResult<SavedRecord>> {
  return inTransaction(db, async (trx): Promise<CommandResult<SavedRecord>> => {
    const before = await trx
      .selectFrom("recommendation")
      .selectAll()
      .where("id", "=", input.recommendationId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) return NOT_FOUND;
    if (
      !publishingPolicy.can(audit.actor, "recommendation.updateStatus", {
        ownerOrganisationId: before.owner_organisation_id,
      })
    )
      return FORBIDDEN;
    if (input.version !== before.version) return CONFLICT;
    if (input.status === "rejected" && !input.note)
      return { ok: false, status: 400, errors: { note: "events:recommendations.errors.reasonRequired" } };
    const after = await trx
      .updateTable("recommendation")
      .set({
        status: input.status,
        status_note: input.note,
        status_changed_at: sql`now()`,
        version: sql`version + 1`,
        updated_at: sql`now()`,
      })
      .where("id", "=", before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, audit, {
      action: "recommendation.status",
      subjectType: "recommendation",
      subjectId: before.id,
      before: { status: before.status, status_note: before.status_note },
      after: { status: after.status, status_note: after.status_note },
      organisationId: before.owner_organisation_id,
    });
    return { ok: true, id: before.id };
  });
}
