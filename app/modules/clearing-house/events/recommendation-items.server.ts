import { formatDate, formatNumber } from "#app/i18n/format.ts";
import type { Locale } from "#app/i18n/locales.ts";
import { localize } from "#app/i18n/translated-text.ts";
import type { RecommendationView } from "./events.queries.server.ts";
import type { RecommendationItem } from "./recommendation-list.tsx";
import { organisationLink } from "#app/modules/clearing-house/publishable/view-models.ts";

/** A page of a recommendations list as the pages show it: its number, the total (also formatted) and the items. */
export function recommendationPage(
  page: number,
  found: { items: RecommendationView[]; total: number },
  locale: Locale,
  today: string,
) {
  return {
    page,
    total: found.total,
    totalLabel: formatNumber(found.total, locale),
    items: found.items.map((r) => recommendationItem(r, locale, today)),
  };
}

/** A recommendation formatted for the reader (decision 010: dates formatted in the loader). */
export function recommendationItem(r: RecommendationView, locale: Locale, today: string): RecommendationItem {
  return {
    id: r.id,
    text: localize(r.text, locale, r.originalLocale),
    owner: organisationLink(r.owner, locale),
    dueDate: r.dueDate,
    dueLabel: formatDate(`${r.dueDate}T12:00:00Z`, locale),
    isOverdue: (r.status === "open" || r.status === "in_progress") && r.dueDate < today,
    status: r.status,
    statusNote: r.statusNote,
    measure: r.measure ? { code: r.measure.code, title: localize(r.measure.title, locale) } : null,
    event: { slug: r.eventSlug, title: localize(r.eventTitle, locale, r.eventOriginalLocale) },
    isDemo: r.isDemo,
  };
}
