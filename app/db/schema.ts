import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";
import type { ClearingHouseTables } from "./tables/clearing-house.ts";
import type { LibraryTables } from "./tables/library.ts";
import type { NeedsTables } from "./tables/needs.ts";
import type { ProjectTables } from "./tables/projects.ts";
import type { ReportingTables } from "./tables/reporting.ts";
import type { SearchTables } from "./tables/search.ts";
import type { StrategyTables } from "./tables/strategies.ts";
import type { ContentLocale, Json, JsonWithDefault, Timestamp, TranslatedText } from "./tables/columns.ts";

// The column types every table uses live in tables/columns.ts (the per-area table files import them
// from there, not from this file, so that the types form no import cycle); re-exported for everyone else.
export type {
  ContentLocale,
  Json,
  JsonWithDefault,
  RequiredTimestamp,
  Timestamp,
  TranslatedText,
} from "./tables/columns.ts";

export interface MunicipalityTable {
  kas_code: string;
  slug: string;
  name_sq: string;
  name_sr: string;
  name_sr_cyrl: string;
  name_alt: string | null;
  district: Json<TranslatedText>;
  pop_2011: number | null;
  pop_2024: number;
  pop_2024_enumerated: number;
  pop_2024_is_estimate: boolean;
  /** GeoJSON geometry (CRS84). */
  boundary: Json<unknown>;
}

export interface CommunityTable {
  code: string;
  name: Json<TranslatedText>;
  sort_order: number;
  is_majority: boolean;
}

export interface MunicipalityPopulationTable {
  kas_code: string;
  community_code: string;
  year: number;
  population: number;
}

/** One row: bumped by statement-level triggers on every write to the reference tables (migration 0049). */
export interface ReferenceGenerationTable {
  id: Generated<boolean>;
  generation: string;
}

/** One row: bumped by a statement-level trigger on every write to `organisation` (migration 0052). */
export interface OrganisationGenerationTable {
  id: Generated<boolean>;
  generation: string;
}

/** One row: bumped by a statement-level trigger on every write to `news_item` (migration 0061). */
export interface NewsGenerationTable {
  id: Generated<boolean>;
  generation: string;
}

export interface SettlementTable {
  id: number;
  kas_code: string;
  name: string;
  name_ascii: string;
  /** The Serbian Cyrillic name: GeoNames', else from the Serbian Latin name (decision 037); null: only an Albanian name. */
  name_cyrl: string | null;
  alternate_names: string;
  latitude: number;
  longitude: number;
  feature_code: string;
}

export interface SectorTable {
  code: string;
  name: Json<TranslatedText>;
  sort_order: number;
}

export interface OrganisationTypeTable {
  code: string;
  name: Json<TranslatedText>;
  sort_order: number;
}

export interface NewsItemTable {
  id: Generated<number>;
  slug: string;
  title: Json<TranslatedText>;
  summary: JsonWithDefault<TranslatedText>;
  body: Json<TranslatedText>;
  /** The language the item was first written in. */
  original_locale: ContentLocale;
  /** Null while a draft. */
  published_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  source_note: string | null;
  is_demo: Generated<boolean>;
  created_at: Timestamp;
  /** Added by the clearing-house migration: draft → published, author organisation, edit version. */
  status: Generated<"draft" | "published">;
  organisation_id: number | null;
  version: Generated<number>;
  updated_at: Timestamp;
}

export interface PageTable {
  key: string;
  title: Json<TranslatedText>;
  body: Json<TranslatedText>;
  original_locale: ContentLocale;
  updated_at: Timestamp;
}

export type JobStatus = "queued" | "running" | "succeeded" | "failed";

export interface JobTable {
  id: Generated<number>;
  kind: string;
  payload: JsonWithDefault<unknown>;
  status: Generated<JobStatus>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  run_at: Timestamp;
  locked_by: string | null;
  locked_at: Timestamp | null;
  progress_done: Generated<number>;
  progress_total: number | null;
  result: Json<unknown> | null;
  last_error: string | null;
  created_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface StoredFileTable {
  id: string;
  sha256: string;
  media_type: string;
  extension: string;
  size_bytes: number;
  original_name: string;
  created_at: Timestamp;
}

export interface OrganisationTable {
  id: Generated<number>;
  slug: string;
  name: Json<TranslatedText>;
  /** Its own Serbian Cyrillic name, shown to sr-cyrl readers instead of the transliterated Serbian name (decision 037). */
  name_sr_cyrl: Generated<string | null>;
  acronym: string | null;
  type_code: string;
  kas_code: string | null;
  description: JsonWithDefault<TranslatedText>;
  website: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  /** The IATI organisation identifier (registration agency prefix + identifier), when it has one. */
  iati_identifier: Generated<string | null>;
  /** The IATI OrganisationType code as a publisher gave it (kept for the export); null: derived from `type_code`. */
  iati_type_code: Generated<string | null>;
  is_active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OrganisationSectorTable {
  organisation_id: number;
  sector_code: string;
}

export interface OrganisationCommunityTable {
  organisation_id: number;
  community_code: string;
}

export interface OrganisationContactTable {
  id: Generated<number>;
  organisation_id: number;
  name: string;
  position: string | null;
  email: string | null;
  phone: string | null;
  is_focal_point: Generated<boolean>;
}

export interface AppUserTable {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  preferred_locale: Generated<string>;
  languages: Generated<string[]>;
  email_verified_at: Date | null;
  totp_secret: string | null;
  totp_enabled_at: Date | null;
  /** The last accepted TOTP time step (replay protection); null until a code was accepted. */
  totp_last_step: number | null;
  failed_sign_ins: Generated<number>;
  locked_until: Date | null;
  is_active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RoleAssignmentTable {
  id: Generated<number>;
  user_id: string;
  role: string;
  organisation_id: number | null;
  kas_code: string | null;
  created_at: Timestamp;
}

export interface UserSessionTable {
  /** SHA-256 of the session token; the token itself is only in the reader's cookie. */
  id: string;
  user_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Date;
  two_factor_verified: Generated<boolean>;
  user_agent: string | null;
  ip: string | null;
}

export interface AuthTokenTable {
  /** SHA-256 of the single-use token sent by e-mail. */
  id: string;
  purpose: string;
  user_id: string | null;
  email: string;
  data: JsonWithDefault<Record<string, unknown>>;
  expires_at: Date;
  used_at: Date | null;
  created_at: Timestamp;
}

export interface RateLimitTable {
  key: string;
  window_start: Date;
  hits: number;
}

export interface MailOutboxTable {
  id: Generated<number>;
  to_address: string;
  subject: string;
  text_body: string;
  status: Generated<"queued" | "sent" | "held" | "failed">;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Date | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  occurred_at: Timestamp;
  actor_user_id: string | null;
  actor_label: string;
  organisation_id: number | null;
  action: string;
  subject_type: string;
  subject_id: string;
  diff: JsonWithDefault<Record<string, { before: unknown; after: unknown }>>;
  request_id: string | null;
}

/**
 * Every table the application reads or writes. The tables of the later modules are declared in
 * `app/db/tables/<module>.ts`, one file per module, and joined here.
 */
export interface Database
  extends
    SearchTables,
    StrategyTables,
    NeedsTables,
    LibraryTables,
    ClearingHouseTables,
    ProjectTables,
    ReportingTables {
  municipality: MunicipalityTable;
  community: CommunityTable;
  municipality_population: MunicipalityPopulationTable;
  reference_generation: ReferenceGenerationTable;
  organisation_generation: OrganisationGenerationTable;
  news_generation: NewsGenerationTable;
  settlement: SettlementTable;
  sector: SectorTable;
  organisation_type: OrganisationTypeTable;
  news_item: NewsItemTable;
  page: PageTable;
  job: JobTable;
  stored_file: StoredFileTable;
  organisation: OrganisationTable;
  organisation_sector: OrganisationSectorTable;
  organisation_community: OrganisationCommunityTable;
  organisation_contact: OrganisationContactTable;
  app_user: AppUserTable;
  role_assignment: RoleAssignmentTable;
  user_session: UserSessionTable;
  auth_token: AuthTokenTable;
  rate_limit: RateLimitTable;
  mail_outbox: MailOutboxTable;
  audit_log: AuditLogTable;
}

export type Municipality = Selectable<MunicipalityTable>;
export type NewMunicipality = Insertable<MunicipalityTable>;
export type Community = Selectable<CommunityTable>;
export type Sector = Selectable<SectorTable>;
export type NewsItem = Selectable<NewsItemTable>;
export type NewNewsItem = Insertable<NewsItemTable>;
export type Job = Selectable<JobTable>;
export type JobUpdate = Updateable<JobTable>;
export type StoredFile = Selectable<StoredFileTable>;
