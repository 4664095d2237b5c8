import { translatedValue } from "../publishable/content-form.ts";
import {
  checkOrganisationAndPlace,
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
    title: translatedValue(input, "title"),
    title_sr_cyrl: input.titleSrCyrl?.normalize("NFC") ?? null,
    summary: translatedValue(input, "summary"),
    eligibility: translatedValue(input, "eligibility"),
    requirements: translatedValue(input, "requirements"),
    hours: translatedValue(input, "hours"),
    original_locale: input.originalLocale,
    kas_code: input.kasCode,
    address: input.address,
    online_url: input.onlineUrl,
    sector_code: input.sectorCode,
    organisation_id: input.organisationId,
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
    entry: (s) => ({
      title: s.title,
      summary: s.summary,
      body: [...writtenTexts(s.eligibility), ...writtenTexts(s.requirements), s.address ?? ""].join("\n"),
      path: `services/${s.slug}`,
      originalLocale: s.original_locale,
      sectors: s.sector_code ? [s.sector_code] : [],
      municipalities: s.kas_code ? [s.kas_code] : [],
      publishedAt: s.published_at,
    }),
  },
};

const serviceCommands = publishableCommands(SERVICE);

/** Writes (or removes) a service's search index entry to match its state. */
export const indexService = serviceCommands.index;

/** Creates a service as a draft of the chosen organisation. */
export const createService = serviceCommands.create;

/** Changes a service; a stale version is a 409. */
export const updateService = serviceCommands.update;

/** Publishes a service or takes it back to draft. */
export const setServiceStatus = serviceCommands.setStatus;
