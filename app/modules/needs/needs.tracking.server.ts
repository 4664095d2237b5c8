import type { Db } from "#app/db/client.server.ts";
import { municipalityNameColumns } from "#app/db/municipality-columns.ts";
import { caseMunicipality, casesWithMunicipality } from "./needs.case-place.server.ts";
import type { NeedCategory, NeedStatus } from "#app/db/tables/needs.ts";
import { recordAudit, type AuditContext } from "#app/services/audit.server.ts";
import { inTransaction, type Trx } from "#app/services/commands.server.ts";
import type { FileStore } from "#app/services/files.server.ts";
import type { PreparedAttachment } from "./public/attachments.server.ts";
import { storeSubmitterFiles } from "./needs.files.server.ts";
import { formatTrackingCode, hashTrackingCode, isSameHash, readTrackingCode } from "./public/tracking-code.server.ts";

/** What a typed tracking code led to: its case (and the code in its canonical form), a typing error, or nothing. */
export type TrackingLookup = { kind: "found"; caseId: number; code: string } | { kind: "typo" } | { kind: "unknown" };

/**
 * Looks a typed tracking code up (decision 036). A code whose check symbol fails is a typing error
 * and reaches no table. Otherwise each reading of the code (one, or two when Cyrillic letters can
 * be read two ways) is hashed and looked up by its hash in one query, so the time taken does not
 * depend on how much of a guess is right; the final comparison is constant-time too. Malformed and
 * unknown codes alike are "unknown"; two readings matching two different cases (never seen: both
 * would have to be live random codes) open neither.
 */
export async function lookUpTrackingCode(db: Db, typed: string): Promise<TrackingLookup> {
  const read = readTrackingCode(typed);
  if (read.kind === "typo") return { kind: "typo" };
  if (read.kind === "malformed") return { kind: "unknown" };
  const hashes = read.candidates.map((code) => ({ code, hash: hashTrackingCode(code) }));
  const candidateHashes = hashes.map((h) => h.hash);
  const rows = await db
    .selectFrom("need_case")
    .select(["id", "tracking_hash"])
    .where("tracking_hash", "in", candidateHashes)
    .execute();
  const matches = hashes.flatMap(({ code, hash }) =>
    rows.filter((row) => isSameHash(row.tracking_hash, hash)).map((row) => ({ caseId: row.id, code })),
  );
  const match = matches[0];
  return matches.length === 1 && match
    ? { kind: "found", caseId: match.caseId, code: formatTrackingCode(match.code) ?? match.code }
    : { kind: "unknown" };
}

/** A note as the submitter sees it: who wrote it (kind only, never a name) and what. */
export interface TrackedNote {
  id: number;
  authorKind: "user" | "submitter" | "system";
  body: string;
  createdAt: Date;
  attachments: { name: string; sizeBytes: number }[];
}

/** What the tracking page may show: no personal data, no internal notes, nothing about the institution's work inside. */
export interface TrackingView {
  reference: string;
  category: NeedCategory;
  status: NeedStatus;
  kasCode: string;
  municipality: { nameSq: string; nameSr: string; nameSrCyrl: string };
  createdAt: Date;
  statusChangedAt: Date;
  timeline: { status: NeedStatus; at: Date }[];
  notes: TrackedNote[];
  /** Files attached with the case itself (names and sizes only). */
  attachments: { name: string; sizeBytes: number }[];
  mergedInto: { reference: string; status: NeedStatus } | null;
}

/** The tracking page's view of a case in four queries (five when it was merged into another). */
export async function getTrackingView(db: Db, caseId: number): Promise<TrackingView | null> {
  const [row, timeline, notes, attachments] = await Promise.all([
    casesWithMunicipality(db)
      .select([
        "c.reference",
        "c.category",
        "c.status",
        "c.kas_code",
        "c.created_at",
        "c.status_changed_at",
        "c.merged_into_id",
        ...municipalityNameColumns("m"),
      ])
      .where("c.id", "=", caseId)
      .executeTakeFirst(),
    db
      .selectFrom("need_status_change")
      .select(["to_status", "created_at"])
      .where("case_id", "=", caseId)
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("need_note")
      .select(["id", "author_kind", "body", "created_at"])
      .where("case_id", "=", caseId)
      .where("visibility", "=", "public")
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("need_attachment as a")
      .innerJoin("stored_file as f", "f.id", "a.file_id")
      .select(["a.note_id", "f.original_name", "f.size_bytes"])
      .where("a.case_id", "=", caseId)
      .where("a.uploaded_by", "=", "submitter")
      .orderBy("a.id")
      .execute(),
  ]);
  if (!row) return null;
  const merged = row.merged_into_id
    ? await db
        .selectFrom("need_case")
        .select(["reference", "status"])
        .where("id", "=", row.merged_into_id)
        .executeTakeFirst()
    : undefined;
  const file = (a: (typeof attachments)[number]) => ({ name: a.original_name, sizeBytes: a.size_bytes });
  return {
    reference: row.reference,
    category: row.category,
    status: row.status,
    kasCode: row.kas_code,
    municipality: caseMunicipality(row),
    createdAt: row.created_at,
    statusChangedAt: row.status_changed_at,
    timeline: timeline.map((t) => ({ status: t.to_status, at: t.created_at })),
    notes: notes.map((n) => ({
      id: n.id,
      authorKind: n.author_kind,
      body: n.body,
      createdAt: n.created_at,
      attachments: attachments.filter((a) => a.note_id === n.id).map(file),
    })),
    attachments: attachments.filter((a) => a.note_id === null).map(file),
    mergedInto: merged ? { reference: merged.reference, status: merged.status } : null,
  };
}

/**
 * Adds information from the submitter (through the tracking page): a note visible to the staff
 * handling the case (visibility "public": the submitter sees it too), with its attachments and an
 * audit entry, in one transaction (the caller's when it passes one). Call it after the tracking code
 * was matched.
 */
export function addSubmitterNote(
  db: Db,
  audit: AuditContext,
  files: FileStore,
  input: SubmitterNoteInput,
): Promise<{ ok: true; noteId: number }> {
  return inTransaction(db, (trx) => recordSubmitterNote(trx, audit, files, input));
}

type SubmitterNoteInput = { caseId: number; body: string; attachments: PreparedAttachment[]; now?: Date };

async function recordSubmitterNote(
  trx: Trx,
  audit: AuditContext,
  files: FileStore,
  input: SubmitterNoteInput,
): Promise<{ ok: true; noteId: number }> {
  const now = input.now ?? new Date();
  const note = await trx
    .insertInto("need_note")
    .values({
      case_id: input.caseId,
      visibility: "public",
      author_kind: "submitter",
      author_user_id: null,
      author_organisation_id: null,
      body: input.body,
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await trx.updateTable("need_case").set({ updated_at: now }).where("id", "=", input.caseId).execute();
  await recordAudit(trx, audit, {
    action: "need.addSubmitterNote",
    subjectType: "need_case",
    subjectId: input.caseId,
    after: { note_id: note.id, attachments: input.attachments.length },
  });
  // The files last (see submitNeed).
  await storeSubmitterFiles(trx, files, input.attachments, { caseId: input.caseId, noteId: note.id, now });
  return { ok: true, noteId: note.id };
}
