import { translatedValue } from "../publishable/content-form.ts";
import {
  checkOrganisationAndPlace,
  writtenTexts,
  type PublishableKind,
  publishableCommands,
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

const opportunityCommands = publishableCommands(OPPORTUNITY);

/** Writes (or removes) an opportunity's search index entry to match its state. */
export const indexOpportunity = opportunityCommands.index;

/** Creates an opportunity as a draft of the chosen organisation. */
export const createOpportunity = opportunityCommands.create;

/** Changes an opportunity; a stale version is a 409. */
export const updateOpportunity = opportunityCommands.update;

/** Publishes an opportunity or takes it back to draft. */
export const setOpportunityStatus = opportunityCommands.setStatus;
