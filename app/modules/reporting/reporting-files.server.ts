import type { Db } from "#app/db/client.server.ts";
import type { FileOwner } from "#app/services/files.server.ts";
import { reportingPolicy } from "./reporting.policy.ts";

/**
 * The reporting records a stored file belongs to, for /files/:id (decision 025):
 * - evidence of a measure report: never public (reports are published as figures, not files);
 *   readable by whoever may read the task (its institution's reporters, coordinators);
 * - evidence of a CSO observation: public when the observation is a dispute of a measure of an
 *   adopted or closed plan (the public measure page lists it); otherwise to those who read
 *   observations;
 * - a compiled annual report (Word or Excel): to those who compile reports; it becomes public only
 *   as the file of a published library document (library-files.server.ts).
 */
export async function reportingFileOwners(db: Db, fileId: string): Promise<FileOwner[]> {
  const [reportEvidence, observationEvidence, compiled] = await Promise.all([
    db
      .selectFrom("evidence as e")
      .innerJoin("measure_report as r", "r.id", "e.measure_report_id")
      .innerJoin("reporting_task as t", "t.id", "r.task_id")
      .select(["t.organisation_id", "t.kas_code"])
      .where("e.file_id", "=", fileId)
      .execute(),
    db
      .selectFrom("evidence as e")
      .innerJoin("cso_observation as ob", "ob.id", "e.observation_id")
      .innerJoin("measure as m", "m.id", "ob.measure_id")
      .innerJoin("action_plan as ap", "ap.id", "m.action_plan_id")
      .select(["ob.kind", "ap.status"])
      .where("e.file_id", "=", fileId)
      .execute(),
    db
      .selectFrom("reporting_report")
      .select("id")
      .where((eb) => eb.or([eb("docx_file_id", "=", fileId), eb("xlsx_file_id", "=", fileId)]))
      .execute(),
  ]);
  return [
    ...reportEvidence.map((row): FileOwner => ({
      kind: "report_evidence",
      isPublic: false,
      mayRead: (actor) =>
        reportingPolicy.can(actor, "task.view", { organisationId: row.organisation_id, kasCode: row.kas_code }),
    })),
    ...observationEvidence.map((row): FileOwner => ({
      kind: "observation_evidence",
      isPublic: row.kind === "dispute" && (row.status === "adopted" || row.status === "closed"),
      mayRead: (actor) => reportingPolicy.can(actor, "observation.view", null),
    })),
    ...compiled.map((): FileOwner => ({
      kind: "annual_report",
      isPublic: false,
      mayRead: (actor) => reportingPolicy.can(actor, "annual.compile", null),
    })),
  ];
}
