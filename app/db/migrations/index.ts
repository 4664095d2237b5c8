import type { Migration } from "kysely";
import * as foundation from "./2026-11-23-0001-foundation.ts";
import * as referenceData from "./2026-11-23-0002-reference-data.ts";
import * as identity from "./2026-11-23-0003-identity.ts";
import * as totpReplay from "./2026-11-23-0004-totp-replay.ts";
import * as organisations from "./2026-11-23-0005-organisations.ts";
import * as searchIndex from "./2026-11-23-0006-search-index.ts";
import * as strategies from "./2026-11-23-0007-strategies.ts";
// later modules: import their migration below this line (one file per module)
import * as searchSpeed from "./2026-11-23-0018-search-speed.ts";
import * as projectsLinks from "./2026-11-23-0020-projects-links.ts";
import * as projectsExtra from "./2026-11-23-0017-projects-extra.ts";
import * as needs from "./2026-11-23-0013-needs.ts";
import * as needsHandling from "./2026-11-23-0015-needs-handling.ts";
import * as needsQueueSpeed from "./2026-11-23-0019-needs-queue-speed.ts";
import * as projects from "./2026-11-23-0012-projects.ts";
import * as library from "./2026-11-23-0010-library.ts";
import * as reporting from "./2026-11-23-0016-reporting.ts";
import * as strategiesExtra from "./2026-11-23-0008-strategies-extra.ts";
import * as clearingHouse from "./2026-11-23-0011-clearing-house.ts";
import * as needsCaseDeadlines from "./2026-12-04-0023-needs-case-deadlines.ts";
import * as unknownAmounts from "./2026-12-04-0029-unknown-amounts.ts";
import * as iatiRealWorld from "./2026-12-04-0024-iati-real-world.ts";
import * as cyrillicNames from "./2026-12-05-0031-cyrillic-names.ts";
import * as searchAcrossScripts from "./2026-12-05-0032-search-across-scripts.ts";
import * as needsPublicCounts from "./2026-12-05-0035-needs-public-counts.ts";
import * as measureSector from "./2026-12-05-0036-measure-sector.ts";
import * as strategyFiguresGeneration from "./2026-12-05-0037-strategy-figures-generation.ts";
import * as workspacePagesFlat from "./2026-12-05-0039-workspace-pages-flat.ts";
import * as approvedMeasureReport from "./2026-12-05-0040-approved-measure-report.ts";
import * as nextEvents from "./2026-12-05-0041-next-events.ts";
import * as cycleReportsBumpFigures from "./2026-12-05-0048-cycle-reports-bump-figures.ts";
import * as referenceGeneration from "./2026-12-05-0049-reference-generation.ts";
import * as demoPresenceIndexes from "./2026-12-05-0050-demo-presence-indexes.ts";
import * as organisationGeneration from "./2026-12-05-0052-organisation-generation.ts";
import * as referralCaseCopy from "./2026-12-05-0053-referral-case-copy.ts";
import * as apiListOrder from "./2026-12-05-0054-api-list-order.ts";
import * as strategyPagesGeneration from "./2026-12-05-0055-strategy-pages-generation.ts";
import * as planMeasure from "./2026-12-05-0058-plan-measure.ts";
import * as placeSearchDocument from "./2026-12-06-0060-place-search-document.ts";
import * as newsGeneration from "./2026-12-06-0061-news-generation.ts";
import * as organisationListsGeneration from "./2026-12-06-0062-organisation-lists-generation.ts";
import * as serviceGeneration from "./2026-12-06-0064-service-generation.ts";
import * as projectGeneration from "./2026-12-06-0065-project-generation.ts";

/**
 * Every migration, by timestamped name. Listed explicitly (not read from the folder) so that the
 * same list works under tsx, Vitest and any bundle.
 */
export const migrations: Record<string, Migration> = {
  "2026-11-23-0001-foundation": foundation,
  "2026-11-23-0002-reference-data": referenceData,
  "2026-11-23-0003-identity": identity,
  "2026-11-23-0004-totp-replay": totpReplay,
  "2026-11-23-0005-organisations": organisations,
  "2026-11-23-0006-search-index": searchIndex,
  "2026-11-23-0007-strategies": strategies,
  // later modules: register their migration below this line, in number order
  "2026-11-23-0018-search-speed": searchSpeed,
  "2026-11-23-0020-projects-links": projectsLinks,
  "2026-11-23-0017-projects-extra": projectsExtra,
  "2026-11-23-0013-needs": needs,
  "2026-11-23-0015-needs-handling": needsHandling,
  "2026-11-23-0019-needs-queue-speed": needsQueueSpeed,
  "2026-11-23-0012-projects": projects,
  "2026-11-23-0010-library": library,
  "2026-11-23-0016-reporting": reporting,
  "2026-11-23-0008-strategies-extra": strategiesExtra,
  "2026-11-23-0011-clearing-house": clearingHouse,
  "2026-12-04-0023-needs-case-deadlines": needsCaseDeadlines,
  "2026-12-04-0029-unknown-amounts": unknownAmounts,
  "2026-12-04-0024-iati-real-world": iatiRealWorld,
  "2026-12-05-0031-cyrillic-names": cyrillicNames,
  "2026-12-05-0032-search-across-scripts": searchAcrossScripts,
  "2026-12-05-0035-needs-public-counts": needsPublicCounts,
  "2026-12-05-0036-measure-sector": measureSector,
  "2026-12-05-0037-strategy-figures-generation": strategyFiguresGeneration,
  "2026-12-05-0039-workspace-pages-flat": workspacePagesFlat,
  "2026-12-05-0040-approved-measure-report": approvedMeasureReport,
  "2026-12-05-0041-next-events": nextEvents,
  "2026-12-05-0048-cycle-reports-bump-figures": cycleReportsBumpFigures,
  "2026-12-05-0049-reference-generation": referenceGeneration,
  "2026-12-05-0050-demo-presence-indexes": demoPresenceIndexes,
  "2026-12-05-0052-organisation-generation": organisationGeneration,
  "2026-12-05-0053-referral-case-copy": referralCaseCopy,
  "2026-12-05-0054-api-list-order": apiListOrder,
  "2026-12-05-0055-strategy-pages-generation": strategyPagesGeneration,
  "2026-12-05-0058-plan-measure": planMeasure,
  "2026-12-06-0060-place-search-document": placeSearchDocument,
  "2026-12-06-0061-news-generation": newsGeneration,
  "2026-12-06-0062-organisation-lists-generation": organisationListsGeneration,
  "2026-12-06-0064-service-generation": serviceGeneration,
  "2026-12-06-0065-project-generation": projectGeneration,
};
