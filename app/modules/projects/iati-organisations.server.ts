import type { Db } from "#app/db/client.server.ts";
import type { TranslatedText } from "#app/db/schema.ts";
import { organisationSlugBase } from "#app/modules/organisations/organisations.commands.server.ts";
import { recordAudit, type AuditContext } from "#app/services/audit.server.ts";
import { uniqueSlug } from "#app/services/slugs.server.ts";
import { splitAcronym } from "./iati-matching.server.ts";
import { PLATFORM_ORGANISATION_PREFIX } from "./public-projects.queries.server.ts";

/*
 * Organisations created by an IATI import (issue 14): the importer decided in the preview that an
 * organisation the registry did not match is new. It is created with the identifier and the IATI
 * OrganisationType the file gave (both written back unchanged by the export), a platform type
 * derived from them, and its names as given. The `project.import` rule covers it: the importer may
 * import the file, so may add the organisations it names.
 */

/** The platform's organisation type for an IATI OrganisationType and the roles the organisation has in the file. */
export function platformTypeOfIati(iatiType: string, roles: string[]): string {
  const funds = roles.some((r) => r === "1" || r === "3");
  switch (iatiType) {
    case "10":
    case "11":
    case "15":
      return funds ? "donor" : "agency";
    case "40":
    case "21":
      return funds && iatiType === "21" ? "donor" : "international_organisation";
    case "22":
    case "23":
    case "24":
      return "cso";
    case "60":
      return funds ? "donor" : "cso";
    default:
      return "other";
  }
}

/** A name's language for the registry: names are proper names, kept as written; the first one stands as the English name when no platform language is marked. */
function namesOf(names: string[]): { name: TranslatedText; acronym: string | null } {
  const first = names[0] ?? "";
  const split = splitAcronym(first);
  return {
    name: { en: split.name.slice(0, 300) || first.slice(0, 300) },
    acronym: split.acronym?.slice(0, 30) ?? null,
  };
}

/** Creates one organisation an import names (audit `organisation.create`, reason `iati-import`); returns its id. */
export async function createImportedOrganisation(
  trx: Db,
  audit: AuditContext,
  input: { ref: string | null; names: string[]; iatiTypeCode: string; platformTypeCode: string },
): Promise<number> {
  const { name, acronym } = namesOf(input.names.length ? input.names : [input.ref ?? "?"]);
  // The platform's own XK-CAP-<slug> references (its exports) are not identifiers: the slug comes back, the identifier stays empty.
  const platformSlug = input.ref?.toUpperCase().startsWith(PLATFORM_ORGANISATION_PREFIX)
    ? input.ref.slice(PLATFORM_ORGANISATION_PREFIX.length).toLowerCase()
    : null;
  const identifier = platformSlug === null ? input.ref : null;
  const base =
    platformSlug && /^[a-z0-9-]{1,80}$/.test(platformSlug)
      ? platformSlug
      : organisationSlugBase({ en: name.en ?? null });
  const slug = await uniqueSlug(trx, "organisation", base);
  const columns = {
    slug,
    name,
    acronym,
    type_code: input.platformTypeCode,
    iati_identifier: identifier,
    iati_type_code: input.iatiTypeCode,
  };
  const { id } = await trx.insertInto("organisation").values(columns).returning("id").executeTakeFirstOrThrow();
  await recordAudit(trx, audit, {
    action: "organisation.create",
    subjectType: "organisation",
    subjectId: id,
    before: null,
    after: { ...columns, reason: "iati-import" },
  });
  return id;
}
