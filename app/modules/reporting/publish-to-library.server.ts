import type { Db } from "#app/db/client.server.ts";
import type { TranslatedText } from "#app/db/schema.ts";
import { localizedString } from "#app/i18n/translated-text.ts";
import { publishStoredDocument } from "#app/modules/library/library.commands.server.ts";
import type { AuditContext, SystemAuditContext } from "#app/services/audit.server.ts";
import type { PublishToLibrary } from "./reporting.commands.server.ts";
import { cyclesOfPlans, kosovoToday } from "./reporting.queries.server.ts";
import { reportingTranslator } from "./reporting.translator.server.ts";

/**
 * Publishes a compiled annual report through the library's own command (decision 018): a public
 * library document of type "report" issued by the strategy's owner office, in the report's language,
 * linked to the measures and sectors of the cycle — so the strategy and its measures list it. The
 * Word document is that document's file. A library document holds one file per language, so the
 * Excel annex with every figure is published beside it as a second document of the same kind and
 * links ("Excel annex: …"), through the same library command (decision 023).
 * Runs in the caller's transaction; a refusal by the library rolls the whole publication back.
 */
export const publishToLibrary: PublishToLibrary = async (trx: Db, audit: AuditContext | SystemAuditContext, report) => {
  const cycle = await cyclesOfPlans(trx)
    .innerJoin("strategy as s", "s.id", "ap.strategy_id")
    .select(["s.owner_organisation_id", "s.title as strategy_title", "ap.title as plan_title"])
    .where("c.id", "=", report.cycleId)
    .executeTakeFirstOrThrow();
  const measures = await trx
    .selectFrom("measure_report as mr")
    .innerJoin("measure as m", "m.id", "mr.measure_id")
    .innerJoin("plan_sector as ps", "ps.id", "m.plan_sector_id")
    .select(["m.id", "ps.sector_code"])
    .where("mr.cycle_id", "=", report.cycleId)
    .execute();
  const t = reportingTranslator(report.locale);
  const strategy = localizedString(cycle.strategy_title as TranslatedText, report.locale);
  const plan = localizedString(cycle.plan_title as TranslatedText, report.locale);
  const common = {
    docType: "report" as const,
    originalLocale: report.locale,
    organisationId: cycle.owner_organisation_id,
    issuedOn: kosovoToday(),
    sectors: measures.map((m) => m.sector_code),
    measures: measures.map((m) => m.id),
    isDemo: report.isDemo ?? false,
  };
  const title = t("publish.documentTitle", { label: report.title, strategy });
  const result = await publishStoredDocument(trx, audit, {
    ...common,
    title: { [report.locale]: title },
    summary: { [report.locale]: t("publish.documentSummary", { label: report.title, plan }) },
    files: [{ locale: report.locale, fileId: report.docxFileId }],
  });
  if (!result.ok) throw new Error(`library refused to publish the report: ${JSON.stringify(result.errors)}`);
  const annex = await publishStoredDocument(trx, audit, {
    ...common,
    title: { [report.locale]: t("publish.annexTitle", { title }) },
    summary: { [report.locale]: t("publish.annexSummary", { label: report.title, plan }) },
    files: [{ locale: report.locale, fileId: report.xlsxFileId }],
  });
  if (!annex.ok) throw new Error(`library refused to publish the report's annex: ${JSON.stringify(annex.errors)}`);
  return { documentId: result.id, annexDocumentId: annex.id };
};
