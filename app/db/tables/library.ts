import type { Generated } from "kysely";
import type { ContentLocale, EditedRecord, Json, JsonWithDefault, Timestamp, TranslatedText } from "./columns.ts";

/** The kinds of document the library holds. */
export const DOCUMENT_TYPES = ["law", "strategy", "action_plan", "report", "guideline", "research", "form"] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export type DocumentStatus = "draft" | "published";
export type ExtractionStatus = "pending" | "done" | "failed" | "not_supported";

/** A document of the library: metadata, in every language it was written in. */
export interface LibraryDocumentTable extends EditedRecord {
  id: Generated<number>;
  slug: string;
  doc_type: DocumentType;
  /** Part of the plain-language "Know your rights" collection. */
  is_know_your_rights: Generated<boolean>;
  title: Json<TranslatedText>;
  summary: JsonWithDefault<TranslatedText>;
  original_locale: ContentLocale;
  /** The issuing organisation, whose members keep the document up to date. */
  organisation_id: number;
  /** The date the document was issued (adopted, signed, published by its issuer). */
  issued_on: string;
  status: Generated<DocumentStatus>;
  published_at: Timestamp | null;
}

export interface LibraryDocumentSectorTable {
  document_id: number;
  sector_code: string;
}

export interface LibraryDocumentCommunityTable {
  document_id: number;
  community_code: string;
}

export interface LibraryDocumentMeasureTable {
  document_id: number;
  measure_id: number;
}

/** One language version of a document: its file and the text extracted from it. */
export interface LibraryDocumentFileTable {
  id: Generated<number>;
  document_id: number;
  locale: ContentLocale;
  file_id: string;
  extraction_status: Generated<ExtractionStatus>;
  extracted_text: Generated<string>;
  extracted_at: Timestamp | null;
  created_at: Timestamp;
}

export interface LibraryTables {
  library_document: LibraryDocumentTable;
  library_document_sector: LibraryDocumentSectorTable;
  library_document_community: LibraryDocumentCommunityTable;
  library_document_measure: LibraryDocumentMeasureTable;
  library_document_file: LibraryDocumentFileTable;
}
