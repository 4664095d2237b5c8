import { sql, type RawBuilder } from "kysely";
import { camelRow } from "#app/db/camel-row.ts";
import type { Db } from "#app/db/client.server.ts";
import { readPage } from "#app/db/paging.server.ts";
import type { TranslatedText } from "#app/db/schema.ts";
import { INTL_TAG, type Locale } from "#app/i18n/locales.ts";
import { localizedString } from "#app/i18n/translated-text.ts";
import { cyrillicToLatin } from "#app/i18n/transliterate.ts";
import { listMunicipalities } from "#app/modules/municipalities/municipalities.queries.server.ts";
import { municipalityName } from "#app/modules/municipalities/municipality-name.ts";
import {
  listCommunities,
  listOrganisationTypes,
  listSectors,
} from "#app/modules/reference/reference.queries.server.ts";
import type { OrganisationListQuery } from "./organisations.schema.ts";

/** An organisation as the workspace list shows it. */
export interface OrganisationListItem {
  id: number;
  slug: string;
  name: TranslatedText;
  acronym: string | null;
  typeCode: string;
  kasCode: string | null;
  municipality: { nameSq: string; nameSr: string; nameSrCyrl: string } | null;
  isActive: boolean;
  sectors: string[];
  contactCount: number;
  userCount: number;
}

/** One contact person of an organisation. */
export interface OrganisationContact {
  id: number;
  name: string;
  position: string | null;
  email: string | null;
  phone: string | null;
  isFocalPoint: boolean;
}

/** Everything the workspace shows and edits about one organisation. */
export interface OrganisationDetail {
  id: number;
  slug: string;
  name: TranslatedText;
  /** Its own Serbian Cyrillic name (decision 037), or null. */
  nameSrCyrl: string | null;
  acronym: string | null;
  typeCode: string;
  kasCode: string | null;
  description: TranslatedText;
  website: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  /** The IATI organisation identifier, when recorded. */
  iatiIdentifier: string | null;
  isActive: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  sectors: string[];
  communities: string[];
  contacts: OrganisationContact[];
}

/**
 * A search text made comparable: Cyrillic written in Latin, lower case, đ as "dj", accents
 * dropped in SQL by `unaccent` (so "Djakovica", "Đakovica" and "Ђаковица" all match).
 */
export function normaliseSearch(text: string): string {
  return cyrillicToLatin(text)
    .toLowerCase()
    .replace(/đ/g, "dj")
    .replace(/[%_\\]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Every written name, acronym and machine translation of the name, as one searchable text. */
const SEARCHABLE_NAME = sql<string>`unaccent(replace(lower(coalesce(o.acronym, '') || ' ' || coalesce(o.name->>'sq', '') || ' ' || coalesce(o.name->>'sr', '') || ' ' || coalesce(o.name->>'en', '') || ' ' || coalesce(o.name->'machine'->>'sq', '') || ' ' || coalesce(o.name->'machine'->>'sr', '') || ' ' || coalesce(o.name->'machine'->>'en', '')), 'đ', 'dj'))`;

/** The sort key of an organisation: its Albanian name, else English, else Serbian. */
const SORT_NAME = sql<string>`lower(coalesce(o.name->>'sq', o.name->>'en', o.name->>'sr', ''))`;

/** An organisation's sector codes in the sectors' own order, as the column `sectors` of a query over `organisation as o`. */
const SECTORS_IN_ORDER = sql<
  string[]
>`array(select s.sector_code from organisation_sector s join sector r on r.code = s.sector_code where s.organisation_id = o.id order by r.sort_order)`.as(
  "sectors",
);

/**
 * One page of organisations matching the filters, with their municipality, sectors and how many
 * contacts and users they have; and the number of matches. Two queries whatever the page size.
 */
export async function listOrganisations(
  db: Db,
  query: Pick<OrganisationListQuery, "q" | "type" | "municipality" | "status" | "page">,
  pageSize: number,
): Promise<{ items: OrganisationListItem[]; total: number }> {
  const search = normaliseSearch(query.q);
  let base = db.selectFrom("organisation as o");
  if (query.type) base = base.where("o.type_code", "=", query.type);
  if (query.municipality) base = base.where("o.kas_code", "=", query.municipality);
  if (query.status === "active") base = base.where("o.is_active", "=", true);
  if (query.status === "inactive") base = base.where("o.is_active", "=", false);
  if (search) base = base.where(sql<boolean>`${SEARCHABLE_NAME} like '%' || unaccent(${search}) || '%'`);

  const ordered = base
    .leftJoin("municipality as m", "m.kas_code", "o.kas_code")
    .select([
      "o.id",
      "o.slug",
      "o.name",
      "o.acronym",
      "o.type_code",
      "o.kas_code",
      "o.is_active",
      "m.name_sq as municipality_sq",
      "m.name_sr as municipality_sr",
      "m.name_sr_cyrl as municipality_sr_cyrl",
    ])
    .select([
      SECTORS_IN_ORDER,
      sql<number>`(select count(*) from organisation_contact c where c.organisation_id = o.id)`.as("contact_count"),
      sql<number>`(select count(distinct ra.user_id) from role_assignment ra where ra.organisation_id = o.id)`.as(
        "user_count",
      ),
    ])
    .orderBy(SORT_NAME)
    .orderBy("o.id");
  const { rows, total } = await readPage(ordered, base, { page: query.page, pageSize });
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      name: r.name,
      acronym: r.acronym,
      typeCode: r.type_code,
      kasCode: r.kas_code,
      municipality: r.municipality_sq
        ? { nameSq: r.municipality_sq, nameSr: r.municipality_sr ?? "", nameSrCyrl: r.municipality_sr_cyrl ?? "" }
        : null,
      isActive: r.is_active,
      sectors: r.sectors,
      contactCount: Number(r.contact_count),
      userCount: Number(r.user_count),
    })),
  };
}

/** An organisation's stored values as its edit form sends them (empty strings for what it lacks). */
export function organisationFormValues(o: OrganisationDetail) {
  return {
    nameSq: o.name.sq ?? "",
    nameSr: o.name.sr ?? "",
    nameEn: o.name.en ?? "",
    nameSrCyrl: o.nameSrCyrl ?? "",
    acronym: o.acronym ?? "",
    typeCode: o.typeCode,
    kasCode: o.kasCode ?? "",
    descriptionSq: o.description.sq ?? "",
    descriptionSr: o.description.sr ?? "",
    descriptionEn: o.description.en ?? "",
    website: o.website ?? "",
    iatiIdentifier: o.iatiIdentifier ?? "",
    email: o.email ?? "",
    phone: o.phone ?? "",
    address: o.address ?? "",
    sectors: o.sectors,
    communities: o.communities,
  };
}

/** One organisation with its sectors, communities and contacts (one query), or null. */
export async function getOrganisation(db: Db, id: number): Promise<OrganisationDetail | null> {
  const row = await db
    .selectFrom("organisation as o")
    .selectAll("o")
    .select([
      SECTORS_IN_ORDER,
      sql<
        string[]
      >`array(select c.community_code from organisation_community c join community r on r.code = c.community_code where c.organisation_id = o.id order by r.sort_order)`.as(
        "communities",
      ),
      sql<
        OrganisationContact[]
      >`coalesce((select jsonb_agg(jsonb_build_object('id', c.id, 'name', c.name, 'position', c.position, 'email', c.email, 'phone', c.phone, 'isFocalPoint', c.is_focal_point) order by c.is_focal_point desc, c.name, c.id) from organisation_contact c where c.organisation_id = o.id), '[]'::jsonb)`.as(
        "contacts",
      ),
    ])
    .where("o.id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  // The IATI type code is kept for the export only; the rest is the view, renamed.
  const { iati_type_code: _exportOnly, ...detail } = row;
  return camelRow(detail);
}

/** An organisation as offered in a select list. */
export interface OrganisationOption {
  id: number;
  name: TranslatedText;
  acronym: string | null;
  typeCode: string;
  kasCode: string | null;
}

/** Every active organisation, for select lists (one query). */
export async function listOrganisationOptions(db: Db): Promise<OrganisationOption[]> {
  const rows = await db
    .selectFrom("organisation as o")
    .select(["o.id", "o.name", "o.acronym", "o.type_code", "o.kas_code"])
    .where("o.is_active", "=", true)
    .orderBy(SORT_NAME)
    .orderBy("o.id")
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, acronym: r.acronym, typeCode: r.type_code, kasCode: r.kas_code }));
}

/** The names of the given organisations, by id (one query; none for an empty list). */
export async function getOrganisationNames(
  db: Db,
  ids: readonly number[],
): Promise<Map<number, { name: TranslatedText; acronym: string | null }>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom("organisation")
    .select(["id", "name", "acronym"])
    .where("id", "in", unique)
    .execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, acronym: r.acronym }]));
}

/** The Office for Communities and Returns of a municipality, if the directory has one. */
export async function findMunicipalOffice(
  db: Db,
  kasCode: string,
): Promise<{ id: number; name: TranslatedText } | null> {
  const row = await db
    .selectFrom("organisation")
    .select(["id", "name"])
    .where("type_code", "=", "municipality_office")
    .where("kas_code", "=", kasCode)
    .orderBy("id")
    .executeTakeFirst();
  return row ?? null;
}

/** A coded choice with its name in the reader's language, for selects and checkboxes. */
export interface OrganisationChoice {
  value: string;
  label: string;
}

/** A municipality as a choice names it: its KAS code and its names. */
export type MunicipalityChoiceSource = { kasCode: string } & Parameters<typeof municipalityName>[0];

/**
 * The choices the organisation forms and filters offer, named in the reader's language: types,
 * municipalities (alphabetically), sectors and communities (constant number of queries).
 */
export function loadOrganisationChoices(db: Db, locale: Locale): ReturnType<typeof loadOrganisationChoicesWith> {
  return loadOrganisationChoicesWith(db, locale, listMunicipalities);
}

/**
 * The same choices, with the municipalities read by `loadMunicipalities`: for a page that needs no more of
 * them than their names (the public directory).
 */
export async function loadOrganisationChoicesWith(
  db: Db,
  locale: Locale,
  loadMunicipalities: (db: Db) => Promise<MunicipalityChoiceSource[]>,
): Promise<{
  types: OrganisationChoice[];
  municipalities: OrganisationChoice[];
  sectors: OrganisationChoice[];
  communities: OrganisationChoice[];
}> {
  const [types, municipalities, sectors, communities] = await Promise.all([
    listOrganisationTypes(db),
    loadMunicipalities(db),
    listSectors(db),
    listCommunities(db),
  ]);
  const collator = new Intl.Collator(INTL_TAG[locale]);
  return {
    types: types.map((t) => ({ value: t.code, label: localizedString(t.name, locale) })),
    municipalities: municipalities
      .map((m) => ({ value: m.kasCode, label: municipalityName(m, locale) }))
      .sort((a, b) => collator.compare(a.label, b.label)),
    sectors: sectors.map((s) => ({ value: s.code, label: localizedString(s.name, locale) })),
    communities: communities
      .filter((c) => c.code !== "not_declared")
      .map((c) => ({ value: c.code, label: localizedString(c.name, locale) })),
  };
}

/** How many institutions a name search offers to choose from (`findOrganisationsByName`). */
export const NAME_SEARCH_LIMIT = 10;

/** An institution found by its name: as an institution field offers it. */
export interface OrganisationNameMatch {
  id: number;
  name: TranslatedText;
  acronym: string | null;
  /** True when the text is the whole name (in a language) or the acronym, not a part of it. */
  exact: boolean;
}

/** Letters without their marks, for comparing a typed name with a stored one in JavaScript. */
function foldForCompare(text: string): string {
  return normaliseSearch(text).normalize("NFD").replace(/\p{M}/gu, "");
}

/** The label an institution field shows: the name in the reader's language and the acronym. */
export function organisationLabel(o: { name: TranslatedText; acronym: string | null }, locale: Locale): string {
  return `${localizedString(o.name, locale)}${o.acronym ? ` (${o.acronym})` : ""}`;
}

/**
 * True when a typed text names this institution: its label in the reader's language, or one of
 * its names, or its acronym (letter case, accents and the script ignored).
 */
export function textNamesOrganisation(
  text: string,
  o: { name: TranslatedText; acronym: string | null },
  locale: Locale,
): boolean {
  const typed = foldForCompare(text);
  if (!typed) return false;
  const names = [organisationLabel(o, locale), o.acronym, o.name.sq, o.name.sr, o.name.en];
  return names.some((n) => typeof n === "string" && foldForCompare(n) === typed);
}

/**
 * Active organisations whose name (in any language, machine translations included) or acronym
 * contains every word of `text` (Cyrillic read as Latin, accents and letter case ignored: "Ђаковица",
 * "Đakovica" and "djakovica" are one word); exact names and acronyms first, then by name; at most
 * `limit`, and whether there were more. A label as a field shows it ("Name (ACR)") is found too.
 * `within` narrows the search (a condition on the organisation `o`). One query, which reads the
 * directory's active organisations (an index cannot serve an infix match over `unaccent`): paid
 * only when a person types a name, never by a page that carries the chosen id.
 */
export async function findOrganisationsByName(
  db: Db,
  text: string,
  options: { limit?: number; within?: RawBuilder<boolean> } = {},
): Promise<{ matches: OrganisationNameMatch[]; more: boolean }> {
  const limit = options.limit ?? NAME_SEARCH_LIMIT;
  const plain = text.replace(/\p{Cc}/gu, " ").trim();
  const labelled = /^(.*\S)\s*\(([^()]+)\)$/.exec(plain);
  const namePart = normaliseSearch(labelled ? labelled[1]! : plain);
  const acronym = labelled ? normaliseSearch(labelled[2]!) : null;
  const words = [...new Set([...namePart.split(" "), ...(acronym ? acronym.split(" ") : [])])]
    .filter((w) => w.length > 0)
    .slice(0, 8);
  if (words.length === 0) return { matches: [], more: false };
  const patterns = sql`array[${sql.join(words.map((w) => sql`'%' || unaccent(${w}) || '%'`))}]::text[]`;
  const folded = (column: RawBuilder<unknown>) => sql`unaccent(replace(lower(coalesce(${column}, '')), 'đ', 'dj'))`;
  const exactName = sql<boolean>`(unaccent(${namePart}) in (${folded(sql`o.name->>'sq'`)}, ${folded(sql`o.name->>'sr'`)}, ${folded(sql`o.name->>'en'`)}, ${folded(sql`o.acronym`)}))`;
  const exact = acronym ? sql<boolean>`(${exactName} and ${folded(sql`o.acronym`)} = unaccent(${acronym}))` : exactName;
  let query = db
    .selectFrom("organisation as o")
    .select(["o.id", "o.name", "o.acronym"])
    .select(exact.as("exact"))
    .where("o.is_active", "=", true)
    .where(sql<boolean>`${SEARCHABLE_NAME} like all (${patterns})`);
  if (options.within) query = query.where(options.within);
  const rows = await query
    .orderBy(sql`${exact} desc`)
    .orderBy(SORT_NAME)
    .orderBy("o.id")
    .limit(limit + 1)
    .execute();
  return {
    matches: rows.slice(0, limit).map((r) => ({ id: r.id, name: r.name, acronym: r.acronym, exact: r.exact })),
    more: rows.length > limit,
  };
}

/** What an institution field resolved a typed name or a chosen id to (`resolveOrganisation`). */
export type OrganisationResolution =
  /** Nothing typed or chosen. */
  | { kind: "empty" }
  /** One institution: its id and its label in the reader's language. */
  | { kind: "found"; id: number; label: string }
  /** No institution has that name. */
  | { kind: "none"; text: string }
  /** Several have: the first NAME_SEARCH_LIMIT to choose from, and whether there are more. */
  | { kind: "several"; text: string; choices: { id: number; label: string }[]; more: boolean };

/**
 * An institution field's value (decision 056): `id` is the institution chosen before (a hidden
 * field once a name was resolved, or a radio button among several matches), `text` what the field
 * holds. The id wins while the text still names it (or is the search it was chosen from); else the
 * text is searched: one exact name or acronym, or a single match, is found; several are offered.
 * One query when the id stands (by primary key), one more when the text must be searched.
 */
export async function resolveOrganisation(
  db: Db,
  locale: Locale,
  input: { id?: number | null | undefined; text?: string | null | undefined },
  options: { within?: RawBuilder<boolean> } = {},
): Promise<OrganisationResolution> {
  const text = (input.text ?? "")
    .replace(/\p{Cc}/gu, " ")
    .trim()
    .slice(0, 200);
  const id = input.id ?? null;
  if (id !== null) {
    let query = db.selectFrom("organisation as o").select(["o.id", "o.name", "o.acronym"]).where("o.id", "=", id);
    if (options.within) query = query.where(options.within);
    const row = await query.executeTakeFirst();
    if (row && (text === "" || textNamesOrganisation(text, row, locale)))
      return { kind: "found", id: row.id, label: organisationLabel(row, locale) };
    // An id that names no institution (gone, or outside `within`) and nothing typed: nothing chosen.
    if (text === "") return { kind: "empty" };
    const { matches, more } = await findOrganisationsByName(db, text, options);
    const chosen = row ? matches.find((m) => m.id === row.id) : undefined;
    if (chosen) return { kind: "found", id: chosen.id, label: organisationLabel(chosen, locale) };
    return settle(text, matches, more, locale);
  }
  if (text === "") return { kind: "empty" };
  const { matches, more } = await findOrganisationsByName(db, text, options);
  return settle(text, matches, more, locale);
}

function settle(text: string, matches: OrganisationNameMatch[], more: boolean, locale: Locale): OrganisationResolution {
  const exact = matches.filter((m) => m.exact);
  const only = exact.length === 1 ? exact[0] : matches.length === 1 && !more ? matches[0] : undefined;
  if (only) return { kind: "found", id: only.id, label: organisationLabel(only, locale) };
  if (matches.length === 0) return { kind: "none", text };
  return {
    kind: "several",
    text,
    choices: matches.map((m) => ({ id: m.id, label: organisationLabel(m, locale) })),
    more,
  };
}

/** The ids of the organisations with the given slugs, by slug (one query): how the demo seeds find the directory's organisations. */
export async function organisationIdsBySlug(db: Db, slugs: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.selectFrom("organisation").select(["id", "slug"]).where("slug", "in", slugs).execute();
  return new Map(rows.map((o) => [o.slug, o.id]));
}
