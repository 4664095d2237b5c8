import type { ColumnType, Generated } from "kysely";

/** Locales in which content can be stored. Serbian Cyrillic is never stored: it is derived from `sr`. */
export type ContentLocale = "sq" | "sr" | "en" | "tr" | "bs" | "rom";

/**
 * A translatable text as stored in a jsonb column: one entry per language written by a person,
 * and under `machine` the translations made by a machine, kept apart so they can be marked.
 */
export type TranslatedText = Partial<Record<ContentLocale, string>> & {
  machine?: Partial<Record<ContentLocale, string>>;
};

export type Json<T> = ColumnType<T, T, T>;
/** A jsonb column with a default: optional on insert. */
export type JsonWithDefault<T> = ColumnType<T, T | undefined, T>;
/** A timestamptz column with a default: optional on insert. */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A required timestamptz column. */
export type RequiredTimestamp = ColumnType<Date, Date | string, Date | string>;

/**
 * The columns an editable record of the platform ends with (migrations' `addEditedRecordColumns`):
 * `is_demo` flags content invented for the demo (never presented as real), `version` detects
 * concurrent edits, and both times default to now.
 */
export interface EditedRecord {
  is_demo: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
