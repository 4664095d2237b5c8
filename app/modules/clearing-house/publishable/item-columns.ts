import { municipalityNameColumns } from "#app/db/municipality-columns.ts";
import type { ContentLocale, TranslatedText } from "#app/db/schema.ts";
import type { PublicationStatus } from "#app/db/tables/clearing-house.ts";
import { placeNamesOf, type PlaceNames } from "./view-models.ts";

/*
 * The columns and view fields that the services' and the opportunities' reads share (their lists, pages, feed and
 * API): one column list and one mapper for what is the same, so that each kind writes out only its own fields.
 */

/** The columns of a published item that every view of one shows. */
const ITEM_COLUMNS = ["id", "slug", "title", "summary", "original_locale", "kas_code", "is_demo"] as const;

/**
 * The item columns (`ITEM_COLUMNS`) under a query's alias for the item's table, with its municipality's names
 * (the `municipality` table joined as `m`): what `itemOf` reads back.
 */
export function itemColumns<A extends string>(alias: A) {
  const own = ITEM_COLUMNS.map((column) => `${alias}.${column}` as const);
  return [...own, ...municipalityNameColumns("m")];
}

/** A row selected with `itemColumns`. */
export interface ItemRow {
  id: number;
  slug: string;
  title: TranslatedText;
  summary: TranslatedText;
  original_locale: ContentLocale;
  kas_code: string | null;
  is_demo: boolean;
  name_sq: string | null;
  name_sr: string | null;
  name_sr_cyrl: string | null;
}

/** What every view of a published item shows, as `itemOf` reads it. */
export interface ItemView {
  id: number;
  slug: string;
  title: TranslatedText;
  summary: TranslatedText;
  originalLocale: ContentLocale;
  kasCode: string | null;
  municipality: PlaceNames | null;
  isDemo: boolean;
}

/** The shared part of an item's view (`ItemView`) from a row selected with `itemColumns`. */
export function itemOf(row: ItemRow): ItemView {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    originalLocale: row.original_locale,
    kasCode: row.kas_code,
    municipality: placeNamesOf(row),
    isDemo: row.is_demo,
  };
}

/** An organisation as the view of an item it owns names it. */
export interface ItemOwner {
  id: number;
  slug: string;
  name: TranslatedText;
}

/** What the views of items owned by an organisation and edited in the workspace (services, opportunities) share. */
export interface OwnedItemView extends ItemView {
  organisation: ItemOwner;
  status: PublicationStatus;
  version: number;
}

/**
 * The item columns (`itemColumns`) with the item's status and version and its owning organisation's id, slug and
 * name (the `organisation` table joined as `o`): what `itemOf` and `ownerOf` read back.
 */
export function ownedItemColumns<A extends string>(alias: A) {
  return [
    ...itemColumns(alias),
    `${alias}.status` as const,
    `${alias}.version` as const,
    "o.id as organisation_id",
    "o.slug as organisation_slug",
    "o.name as organisation_name",
  ] as const;
}

/** The owning organisation of a row selected with `ownedItemColumns`. */
export function ownerOf(row: {
  organisation_id: number;
  organisation_slug: string;
  organisation_name: TranslatedText;
}): ItemOwner {
  return { id: row.organisation_id, slug: row.organisation_slug, name: row.organisation_name };
}
