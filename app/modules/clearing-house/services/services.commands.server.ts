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

/** Writes (or removes) a service's search index entry to match its state. */
export const indexService = (trx: Db, id: number): Promise<void> => indexPublishable(SERVICE, trx, id);

/** Creates a service as a draft of the chosen organisation. */
export const createService = (
  db: Db,
  audit: AuditContext,
  input: ServiceFormInput,
): Promise<CommandResult<SavedRecord>> => createPublishable(SERVICE, db, audit, input);

/** Changes a service; a stale version is a 409. */
export const updateService = (
  db: Db,
  audit: AuditContext,
  id: number,
  input: ServiceFormInput,
): Promise<CommandResult<SavedRecord>> => updatePublishable(SERVICE, db, audit, id, input);

/** Publishes a service or takes it back to draft. */
export const setServiceStatus = (
  db: Db,
  audit: AuditContext,
  id: number,
  status: PublicationStatus,
): Promise<CommandResult<SavedRecord>> => setPublishableStatus(SERVICE, db, audit, id, status);
