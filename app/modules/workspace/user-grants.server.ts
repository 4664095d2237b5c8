import type { Db } from "#app/db/client.server.ts";
import { INTL_TAG, type Locale } from "#app/i18n/locales.ts";
import { localizedString } from "#app/i18n/translated-text.ts";
import { listMunicipalities } from "#app/modules/municipalities/municipalities.queries.server.ts";
import { municipalityName } from "#app/modules/municipalities/municipality-name.ts";
import {
  getOrganisationNames,
  listOrganisationOptions,
} from "#app/modules/organisations/organisations.queries.server.ts";
import type { Role } from "#app/services/authorization.ts";

/** A coded choice with its label in the reader's language. */
export interface ScopeChoice {
  value: string;
  label: string;
}

/** Names of the organisations and municipalities roles are held for, and the choices for role forms. */
export interface ScopeNames {
  organisations: Map<number, string>;
  municipalities: Map<string, string>;
  organisationOptions: ScopeChoice[];
  municipalityOptions: ScopeChoice[];
}

/**
 * Loads, in the reader's language, the names of every active organisation and municipality (for
 * selects) and of the organisations the given grants point to (also deactivated ones). A constant
 * number of queries, however many users and roles are shown.
 */
export async function loadScopeNames(
  db: Db,
  locale: Locale,
  grants: readonly { organisationId: number | null }[],
): Promise<ScopeNames> {
  const [options, municipalities] = await Promise.all([listOrganisationOptions(db), listMunicipalities(db)]);
  const organisations = new Map<number, string>();
  const label = (o: { name: Parameters<typeof localizedString>[0]; acronym: string | null }) => {
    const name = localizedString(o.name, locale);
    return o.acronym && !name.includes(o.acronym) ? `${name} (${o.acronym})` : name;
  };
  for (const o of options) organisations.set(o.id, label(o));
  const missing = grants
    .map((g) => g.organisationId)
    .filter((id): id is number => id !== null && !organisations.has(id));
  for (const [id, o] of await getOrganisationNames(db, missing)) organisations.set(id, label(o));
  const collator = new Intl.Collator(INTL_TAG[locale]);
  const municipalityNames = new Map(municipalities.map((m) => [m.kasCode, municipalityName(m, locale)]));
  return {
    organisations,
    municipalities: municipalityNames,
    organisationOptions: options
      .map((o) => ({ value: String(o.id), label: organisations.get(o.id) ?? "" }))
      .sort((a, b) => collator.compare(a.label, b.label)),
    municipalityOptions: [...municipalityNames]
      .map(([value, name]) => ({ value, label: name }))
      .sort((a, b) => collator.compare(a.label, b.label)),
  };
}

/** A role as shown to people: the role, and the organisation and/or municipality it is held for. */
export interface DescribedGrant {
  id: number;
  role: Role;
  organisationId: number | null;
  scope: string | null;
}

/** Puts names on grants: "Municipal officer – Prizren" style scopes, without repeating what the organisation's name says. */
export function describeGrants(
  grants: readonly { id: number; role: Role; organisationId: number | null; kasCode: string | null }[],
  names: Pick<ScopeNames, "organisations" | "municipalities">,
): DescribedGrant[] {
  return grants.map((g) => {
    const organisation = g.organisationId === null ? null : (names.organisations.get(g.organisationId) ?? null);
    const municipality = g.kasCode === null ? null : (names.municipalities.get(g.kasCode) ?? g.kasCode);
    const parts = [
      organisation,
      municipality && !(organisation ?? "").includes(municipality) ? municipality : null,
    ].filter((p): p is string => Boolean(p));
    return { id: g.id, role: g.role, organisationId: g.organisationId, scope: parts.length ? parts.join(", ") : null };
  });
}

/**
 * Only the names the given grants point to (no select lists): the organisations in one query and,
 * when a grant is held for a municipality, the municipalities from the reference list (two more;
 * decision 077). For the dashboard's "my roles".
 */
export async function loadGrantNames(
  db: Db,
  locale: Locale,
  grants: readonly { organisationId: number | null; kasCode?: string | null }[],
): Promise<Pick<ScopeNames, "organisations" | "municipalities">> {
  const ids = grants.map((g) => g.organisationId).filter((id): id is number => id !== null);
  const [found, municipalities] = await Promise.all([
    getOrganisationNames(db, ids),
    grants.some((g) => g.kasCode) ? listMunicipalities(db) : [],
  ]);
  return {
    organisations: new Map(
      [...found].map(([id, o]) => [
        id,
        o.acronym && !localizedString(o.name, locale).includes(o.acronym)
          ? `${localizedString(o.name, locale)} (${o.acronym})`
          : localizedString(o.name, locale),
      ]),
    ),
    municipalities: new Map(municipalities.map((m) => [m.kasCode, municipalityName(m, locale)])),
  };
}
