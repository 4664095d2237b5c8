import type { Locale } from "#app/i18n/locales.ts";
import { formatNumber } from "#app/i18n/format.ts";
import type { CoordinationView } from "./coordination.queries.server.ts";
import { ACTIVITY_STATUSES, type ProjectFilter } from "./projects.schema.ts";
import { dateRange, formatMoney, namesFor, projectsTranslator, textOf, type Choices } from "./projects.view.server.ts";

/** The filter form's options and current values, labelled for the reader. */
export function filterOptions(
  choices: Choices,
  view: Pick<CoordinationView, "donors">,
  filter: ProjectFilter,
  locale: Locale,
) {
  const names = namesFor(choices, locale);
  const t = projectsTranslator(locale);
  return {
    values: {
      sector: filter.sector ?? "",
      municipality: filter.municipality ?? "",
      community: filter.community ?? "",
      donor: filter.donor ? String(filter.donor) : "",
      year: filter.year ? String(filter.year) : "",
      status: filter.status ?? "",
    },
    sectors: names.sortedOptions(choices.sectors.map((s) => ({ value: s.code, label: names.sector(s.code) }))),
    municipalities: names.sortedOptions(
      choices.municipalities.map((m) => ({ value: m.kasCode, label: names.municipality(m.kasCode) })),
    ),
    communities: choices.communities.map((c) => ({ value: c.code, label: names.community(c.code) })),
    donors: names.sortedOptions(
      view.donors.map((d) => {
        const name = textOf(d.name, locale);
        return { value: String(d.id), label: name.text, lang: name.isFallback ? name.lang : undefined };
      }),
    ),
    statuses: ACTIVITY_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
  };
}

/** The table's rows with every text formatted (decision 010). */
export function tableRows(view: Pick<CoordinationView, "rows">, choices: Choices, locale: Locale) {
  const names = namesFor(choices, locale);
  const t = projectsTranslator(locale);
  return view.rows.map((r) => {
    const title = textOf(r.title, locale, r.originalLocale);
    return {
      id: r.id,
      href: `/${locale}/projects/${r.id}`,
      title,
      funders: r.funders.map((f) => textOf(f, locale)),
      implementers: r.implementers.map((f) => textOf(f, locale)),
      where: names.municipalities(r.municipalities).join(", ") || t("table.national"),
      sectors: names.sectors(r.sectors).join(", "),
      communities: names.communities(r.communities).join(", "),
      status: t(`status.${r.activityStatus}`),
      dates: dateRange(r.starts, r.ends, locale),
      budget: formatMoney(r.budget, r.currency, locale) ?? t("table.noBudget"),
    };
  });
}

/** The summary line's figures. */
export function summaryOf(view: Pick<CoordinationView, "total" | "budgetEur" | "otherCurrency">, locale: Locale) {
  return {
    total: view.total,
    totalText: formatNumber(view.total, locale),
    budget: formatMoney(view.budgetEur, "EUR", locale),
    otherCurrency: view.otherCurrency,
    otherCurrencyText: formatNumber(view.otherCurrency, locale),
  };
}
