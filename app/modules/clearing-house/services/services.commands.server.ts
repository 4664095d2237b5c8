import { translatedValues } from "../publishable/content-form.ts";
import {
  checkOrganisationAndPlace,
  placeFacet,
  writtenTexts,
  type PublishableKind,
  publishableCommands,
} from "../publishable/publishable.server.ts";
import type { ServiceFormInput } from "./services.schema.ts";

/** A service as a publishable item (decision 048): its columns, its sector, its search entry. */
export const SERVICE: PublishableKind<"service", ServiceFormInput> = {
  table: "service",
  auditName: "service",
  values: (input) => ({
    ...translatedValues(input, ["title", "summary", "eligibility", "requirements", "hours"]),
    title_sr_cyrl: input.titleSrCyrl?.normalize("NFC") ?? null,
    kas_code: input.kasCode,
    address: input.address,
    online_url: input.onlineUrl,
    sector_code: input.sectorCode,
  }),
  checkReferences: async (trx, input) => {
    const [refused, sector] = await Promise.all([
      checkOrganisationAndPlace(trx, input),
      input.sectorCode
        ? trx.selectFrom("sector").select("code").where("code", "=", input.sectorCode).executeTakeFirst()
        : Promise.resolve(true),
    ]);
    if (refused) return refused;
    if (!sector) return { ok: false, status: 400, errors: { sectorCode: "services:form.errors.sector" } };
    return null;
  },
  search: {
    kind: "service",
    folder: "services",
    body: (s) => [...writtenTexts(s.eligibility), ...writtenTexts(s.requirements), s.address ?? ""].join("\n"),
    facets: (s) => ({ sectors: s.sector_code ? [s.sector_code] : [], ...placeFacet(s) }),
  },
};

/** A service's commands (`index`, `create`, `update`, `setStatus`: see `publishableCommands`). */
export const serviceCommands = publishableCommands(SERVICE);
