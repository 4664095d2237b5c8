import type { Generated } from "kysely";
import type { ContentLocale, EditedRecord, Json, JsonWithDefault, Timestamp, TranslatedText } from "./columns.ts";

/** Whether a piece of content is visible to the public. */
export type PublicationStatus = "draft" | "published";
export type EventKind = "informative_session" | "sector_meeting" | "training" | "other";
export type EventOrganisationRole = "organiser" | "participant";
export type RecommendationStatus = "open" | "in_progress" | "done" | "rejected";
export type OpportunityKind = "job" | "internship" | "training" | "scholarship" | "grant";

/** What every stored picture records after its files (migration 0011's image columns): its size, alt text and place. */
interface ImageColumns {
  width: number;
  height: number;
  alt: Json<TranslatedText>;
  sort_order: Generated<number>;
  created_at: Timestamp;
}

/** An image of a news item: resized copies, metadata stripped, alt text required. */
export interface NewsImageTable extends ImageColumns {
  id: Generated<number>;
  news_item_id: number;
  large_file_id: string;
  thumb_file_id: string;
}

/** An informative session, sector meeting, training or other event. */
export interface EventTable extends EditedRecord {
  id: Generated<number>;
  slug: string;
  kind: EventKind;
  title: Json<TranslatedText>;
  summary: JsonWithDefault<TranslatedText>;
  /** Markdown. */
  agenda: JsonWithDefault<TranslatedText>;
  /** Markdown. */
  minutes: JsonWithDefault<TranslatedText>;
  original_locale: ContentLocale;
  starts_at: Date;
  ends_at: Date | null;
  kas_code: string | null;
  address: string | null;
  /** The organisation that owns the record (its members edit it). */
  organisation_id: number;
  status: Generated<PublicationStatus>;
  published_at: Date | null;
  source_note: string | null;
}

export interface EventOrganisationTable {
  event_id: number;
  organisation_id: number;
  role: EventOrganisationRole;
}

/** A photo of an event in three sizes (EXIF stripped). */
export interface EventPhotoTable extends ImageColumns {
  id: Generated<number>;
  event_id: number;
  large_file_id: string;
  medium_file_id: string;
  thumb_file_id: string;
}

export interface EventDocumentTable {
  id: Generated<number>;
  event_id: number;
  file_id: string;
  title: Json<TranslatedText>;
  created_at: Timestamp;
}

/** A recommendation made at a meeting, owned by an organisation, tracked to a due date. */
export interface RecommendationTable extends EditedRecord {
  id: Generated<number>;
  event_id: number;
  text: Json<TranslatedText>;
  original_locale: ContentLocale;
  owner_organisation_id: number;
  /** ISO date (yyyy-mm-dd). */
  due_date: string;
  measure_id: number | null;
  status: Generated<RecommendationStatus>;
  /** Required when rejected; optional note otherwise. */
  status_note: string | null;
  status_changed_at: Timestamp;
}

/** A service for community members. */
export interface ServiceTable extends EditedRecord {
  id: Generated<number>;
  slug: string;
  title: Json<TranslatedText>;
  /** Its own Serbian Cyrillic title, shown to sr-cyrl readers instead of the transliterated Serbian title (decision 037). */
  title_sr_cyrl: Generated<string | null>;
  /** What it is. */
  summary: Json<TranslatedText>;
  /** Who can use it. */
  eligibility: JsonWithDefault<TranslatedText>;
  /** What to bring. */
  requirements: JsonWithDefault<TranslatedText>;
  hours: JsonWithDefault<TranslatedText>;
  original_locale: ContentLocale;
  kas_code: string | null;
  address: string | null;
  online_url: string | null;
  sector_code: string | null;
  organisation_id: number;
  status: Generated<PublicationStatus>;
  published_at: Date | null;
}

/** A job, internship, training, scholarship or grant, with a deadline. */
export interface OpportunityTable extends EditedRecord {
  id: Generated<number>;
  slug: string;
  kind: OpportunityKind;
  title: Json<TranslatedText>;
  summary: Json<TranslatedText>;
  eligibility: JsonWithDefault<TranslatedText>;
  original_locale: ContentLocale;
  kas_code: string | null;
  url: string | null;
  /** ISO date (yyyy-mm-dd): the last day to apply. */
  deadline: string;
  organisation_id: number;
  status: Generated<PublicationStatus>;
  published_at: Date | null;
}

/** Tables of news images, events, recommendations, services and opportunities (issue 8). */
export interface ClearingHouseTables {
  news_image: NewsImageTable;
  event: EventTable;
  event_organisation: EventOrganisationTable;
  event_photo: EventPhotoTable;
  event_document: EventDocumentTable;
  recommendation: RecommendationTable;
  service: ServiceTable;
  opportunity: OpportunityTable;
  service_generation: ServiceGenerationTable;
}

/** The services' generation (migration 0064): bumped by a trigger on every write to `service` (decision 078). */
export interface ServiceGenerationTable {
  id: Generated<boolean>;
  generation: string;
}
