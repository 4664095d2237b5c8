import { formatDate } from "#app/i18n/format.ts";
import type { Locale } from "#app/i18n/locales.ts";
import { localize } from "#app/i18n/translated-text.ts";
import type { OpportunityView } from "./opportunities.queries.server.ts";

/** An opportunity as a card shows it (the list and the home page): its kind, its deadline dated for the reader, its title. */
export function opportunityCard(o: OpportunityView, locale: Locale) {
  return {
    slug: o.slug,
    kind: o.kind,
    isDemo: o.isDemo,
    deadline: o.deadline,
    deadlineLabel: formatDate(`${o.deadline}T12:00:00Z`, locale),
    title: localize(o.title, locale, o.originalLocale),
  };
}
