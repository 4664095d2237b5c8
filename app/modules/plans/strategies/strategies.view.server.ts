import { formatNumber, formatPercent } from "#app/i18n/format.ts";
import type { Locale } from "#app/i18n/locales.ts";
import { localize, type LocalizedText } from "#app/i18n/translated-text.ts";
import { municipalityName } from "#app/modules/municipalities/municipality-name.ts";
import type { MeasureStatus, Progress, Spent } from "../progress.server.ts";
import type { MunicipalityNames, OrganisationRef } from "../strategies.queries.server.ts";

/*
 * Turns query results into the strings the pages show (decision 010: numbers are formatted in
 * loaders). Progress, status and spending keep their "not yet reported" kind, so a page can never
 * show a figure that was not reported.
 */

/** Euro without cents, for the reader's locale ("€ 12,000", "12.000 €"). */
export function formatEuro(amount: number, locale: Locale): string {
  return formatNumber(amount, locale, {
    style: "currency",
    currency: "EUR",
    maximumFractionDigits: 0,
    minimumFractionDigits: 0,
  });
}

/** Progress as the pages show it. */
export type ProgressView =
  | { kind: "not_reported" }
  | {
      kind: "reported";
      percent: number;
      shareLabel: string;
      budgetShareLabel: string | null;
      completed: number;
      reported: number;
      counted: number;
      cycleLabel: string;
    };

export function progressView(progress: Progress, locale: Locale): ProgressView {
  if (progress.kind === "not_reported") return { kind: "not_reported" };
  return {
    kind: "reported",
    percent: Math.round(progress.share * 1000) / 10,
    shareLabel: formatPercent(progress.share, locale),
    budgetShareLabel:
      progress.budgetWeightedShare === null ? null : formatPercent(progress.budgetWeightedShare, locale),
    completed: progress.completed,
    reported: progress.reported,
    counted: progress.counted,
    cycleLabel: progress.cycleLabel,
  };
}

/** Money spent as the pages show it. */
export type SpentView = { kind: "not_reported" } | { kind: "reported"; label: string; cycleLabel: string };

export function spentView(spent: Spent, locale: Locale): SpentView {
  return spent.kind === "not_reported"
    ? spent
    : { kind: "reported", label: formatEuro(spent.amount, locale), cycleLabel: spent.cycleLabel };
}

/** A measure's status as the pages show it (the label comes from the catalog by `status`). */
export type StatusView = MeasureStatus;

/** An organisation's name for the reader, with its acronym. */
export function organisationView(
  org: OrganisationRef,
  locale: Locale,
): { id: number; name: LocalizedText | null; acronym: string | null } {
  return { id: org.id, name: localize(org.name, locale), acronym: org.acronym };
}

/** A municipality's name and page for the reader. */
export function municipalityView(
  m: MunicipalityNames,
  locale: Locale,
): { kasCode: string; name: string; href: string } {
  return {
    kasCode: m.kasCode,
    name: municipalityName(m, locale),
    href: `/${locale}/municipalities/${m.kasCode}-${m.slug}`,
  };
}

/** "2017–2021". */
export function periodLabel(start: number, end: number): string {
  return start === end ? String(start) : `${start}–${end}`;
}

/** How many measures a group has (a plan, a sector, an objective) and their planned budget, as the pages show them. */
export function measureFigureLabels(
  count: number,
  planned: number,
  locale: Locale,
): { measureCountLabel: string; plannedLabel: string } {
  return { measureCountLabel: formatNumber(count, locale), plannedLabel: formatEuro(planned, locale) };
}
