import type { Db } from "#app/db/client.server.ts";
import type { PublicationStatus } from "#app/db/tables/clearing-house.ts";
import type { AuditContext } from "#app/services/audit.server.ts";
import type { CommandResult, SavedRecord } from "#app/services/commands.server.ts";
import { translatedValue } from "../publishable/content-form.ts";
import {
  checkOrganisationAndPlace,
  createPublishable,
  indexPublishable,
  setPublishableStatus,
  updatePublishable,
  writtenTexts,
  type PublishableKind,
} from "../publishable/publishable.server.ts";
import type { OpportunityFormInput } from "./opportunities.schema.ts";

/** An opportunity as a publishable item (decision 048): its kind, deadline and link, its search entry. */
export const OPPORTUNITY: PublishableKind<"opportunity", OpportunityFormInput> = {
  table: "opportunity",
  auditName: "opportunity",
  values: (input) => ({
    kind: input.kind,
    title: translatedValue(input, "title"),
    summary: translatedValue(input, "summary"),
    eligibility: translatedValue(input, "eligibility"),
    original_locale: input.originalLocale,
    kas_code: input.kasCode,
    url: input.url,
    deadline: input.deadline,
    organisation_id: input.organisationId,
  }),
  checkReferences: checkOrganisationAndPlace,
  search: {
    kind: "opportunity",
    entry: (o) => ({
      title: o.title,
      summary: o.summary,
      body: writtenTexts(o.eligibility).join("\n"),
      path: `opportunities/${o.slug}`,
      originalLocale: o.original_locale,
      municipalities: o.kas_code ? [o.kas_code] : [],
      publishedAt: o.published_at,
    }),
  },
};

/** Writes (or removes) an opportunity's search index entry to match its state. */
export const indexOpportunity = (trx: Db, id: number): Promise<void> => indexPublishable(OPPORTUNITY, trx, id);

/** Creates an opportunity as a draft of the chosen organisation. */
export const createOpportunity = (
  db: Db,
  audit: AuditContext,
  input: OpportunityFormInput,
): Promise<CommandResult<SavedRecord>> => createPublishable(OPPORTUNITY, db, audit, input);

/** Changes an opportunity; a stale version is a 409. */
export const updateOpportunity = (
  db: Db,
  audit: AuditContext,
  id: number,
  input: OpportunityFormInput,
): Promise<CommandResult<SavedRecord>> => updatePublishable(OPPORTUNITY, db, audit, id, input);

/** Publishes an opportunity or takes it back to draft. */
export const setOpportunityStatus = (
  db: Db,
  audit: AuditContext,
  id: number,
  status: PublicationStatus,
): Promise<CommandResult<SavedRecord>> => setPublishableStatus(OPPORTUNITY, db, audit, id, status);
