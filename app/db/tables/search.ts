import type { Generated } from "kysely";
import type { ContentLocale, Json, JsonWithDefault, Timestamp, TranslatedText } from "./columns.ts";

/** One searchable item (a document, news item, event, service, opportunity, organisation, project, measure…). */
export interface SearchEntryTable {
  /** What it is: `document`, `news`, `event`, `service`, `opportunity`, `organisation`, `project`, `measure`, `strategy`… */
  kind: string;
  /** Its identifier in its own table, as text. */
  ref_id: string;
  title: Json<TranslatedText>;
  summary: JsonWithDefault<TranslatedText>;
  /** Plain text for snippets (e.g. a document's extracted text), in whatever languages it has. */
  body: Generated<string>;
  /** Where it is shown: the path after the locale, e.g. `news/some-slug`. */
  path: string;
  original_locale: ContentLocale | null;
  /** The search forms of the words of title, summary and body (searchIndexText, decision 038). */
  search_text: string;
  search_vector: Generated<string>;
  /** The search forms of the words of title and summary only (ranking, title matches). */
  head_text: string;
  head_vector: Generated<string>;
  sectors: Generated<string[]>;
  municipalities: Generated<string[]>;
  communities: Generated<string[]>;
  published_at: Timestamp | null;
  is_public: Generated<boolean>;
  updated_at: Timestamp;
}

export interface SearchTables {
  search_entry: SearchEntryTable;
  place_search_document: PlaceSearchDocumentView;
}

/**
 * The view `place_search_document` (migration 0060): the search document of each municipality and
 * settlement, from which the municipalities module builds their search entries. Read only.
 */
export interface PlaceSearchDocumentView {
  kind: "municipality" | "settlement";
  /** The KAS code of a municipality, the id of a settlement, as text. */
  ref_id: string;
  kas_code: string;
  title: Json<TranslatedText>;
  /** A settlement's Serbian Cyrillic name (its Serbian title, in Latin letters); null for a municipality. */
  name_cyrl: string | null;
  body: string;
  path: string;
  original_locale: ContentLocale | null;
}
