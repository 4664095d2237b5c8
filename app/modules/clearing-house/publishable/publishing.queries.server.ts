import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import type { ContentLocale, TranslatedText } from "#app/db/schema.ts";
import { localizedString } from "#app/i18n/translated-text.ts";
import type { Locale } from "#app/i18n/locales.ts";
import type { PublicationStatus } from "#app/db/tables/clearing-house.ts";
import { isMemberOf } from "#app/modules/organisations/organisations.policy.ts";
import { isCoordinator, organisationsOf, type Actor } from "#app/services/authorization.ts";
import type { ContentKind } from "./content-kinds.ts";

/** An item in the workspace's publishing list. */
export interface EditableItem {
  kind: ContentKind;
  id: number;
  slug: string;
  title: TranslatedText;
  originalLocale: ContentLocale;
  status: PublicationStatus;
  organisationId: number | null;
  organisationName: TranslatedText | null;
  updatedAt: Date;
}

/** The organisations the actor writes for: null means every one (coordinators). */
export function writableOrganisationIds(actor: Actor): number[] | null {
  if (isCoordinator(actor)) return null;
  return organisationsOf(actor).filter((id) => isMemberOf(actor, id));
}

/**
 * The news, events, services and opportunities of the given organisations (every one when null),
 * latest change first, at most 300. One query (a union over the four tables).
 */
export async function listEditableContent(
  db: Db,
  organisationIds: readonly number[] | null,
  kind?: ContentKind,
): Promise<EditableItem[]> {
  if (organisationIds !== null && organisationIds.length === 0) return [];
  const scope = organisationIds === null ? sql`true` : sql`x.organisation_id in (${sql.join(organisationIds)})`;
  const kindFilter = kind ? sql`x.kind = ${kind}` : sql`true`;
  const rows = await sql<{
    kind: ContentKind;
    id: number;
    slug: string;
    title: TranslatedText;
    original_locale: ContentLocale;
    status: PublicationStatus;
    organisation_id: number | null;
    organisation_name: TranslatedText | null;
    updated_at: Date;
  }>`
    select x.*, o.name as organisation_name from (
      select 'news' as kind, id, slug, title, original_locale, status, organisation_id, updated_at from news_item
      union all select 'events', id, slug, title, original_locale, status, organisation_id, updated_at from event
      union all select 'services', id, slug, title, original_locale, status, organisation_id, updated_at from service
      union all select 'opportunities', id, slug, title, original_locale, status, organisation_id, updated_at from opportunity
    ) x left join organisation o on o.id = x.organisation_id
    where ${scope} and ${kindFilter}
    order by x.updated_at desc, x.kind, x.id desc
    limit 300`.execute(db);
  return rows.rows.map((r) => ({
    kind: r.kind,
    id: r.id,
    slug: r.slug,
    title: r.title,
    originalLocale: r.original_locale,
    status: r.status,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    updatedAt: new Date(r.updated_at),
  }));
}

/** The organisations offered in the content forms: the person's own, or every active one for coordinators; one query. */
export async function loadWritableOrganisationOptions(
  db: Db,
  actor: Actor,
  locale: Locale,
): Promise<{ value: string; label: string }[]> {
  const ids = writableOrganisationIds(actor);
  if (ids !== null && ids.length === 0) return [];
  let query = db.selectFrom("organisation").select(["id", "name", "acronym"]).where("is_active", "=", true);
  if (ids !== null) query = query.where("id", "in", ids);
  const rows = await query.orderBy(sql`lower(coalesce(name->>'sq', name->>'en', name->>'sr', ''))`).execute();
  return rows.map((r) => ({
    value: String(r.id),
    label: localizedString(r.name, locale) + (r.acronym ? ` (${r.acronym})` : ""),
  }));
}
