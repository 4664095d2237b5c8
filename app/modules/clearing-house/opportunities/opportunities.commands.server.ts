import { translatedValues } from "../publishable/content-form.ts";
import {
  checkOrganisationAndPlace,
  placeFacet,
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
    ...translatedValues(input, ["title", "summary", "eligibility"]),
    kas_code: input.kasCode,
    url: input.url,
    deadline: input.deadline,
  }),
  checkReferences: checkOrganisationAndPlace,
  search: {
    kind: "opportunity",
    folder: "opportunities",
    body: (o) => writtenTexts(o.eligibility).join("\n"),
    facets: placeFacet,
  },
};

/** An opportunity's commands (`index`, `create`, `update`, `setStatus`: see `publishableCommands`). */
export const opportunityCommands = publishableCommands(OPPORTUNITY);
