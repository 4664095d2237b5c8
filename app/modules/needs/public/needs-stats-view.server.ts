import { sortByLabel } from "#app/i18n/collation.ts";
import { formatNumber } from "#app/i18n/format.ts";
import type { Locale } from "#app/i18n/locales.ts";
import { localizedString } from "#app/i18n/translated-text.ts";
import { municipalityName } from "#app/modules/municipalities/municipality-name.ts";
import { COMMUNITY_NOT_STATED, type PublicNeedStats, type StatsLayout } from "../needs.stats.server.ts";
import type { PublishedCell } from "./suppression.ts";
import { needsTranslator } from "./translator.server.ts";
import { toCsv } from "#app/services/downloads.server.ts";

/** One row of a published table, ready to show: its label and the count as text (or the reason it is hidden). */
export interface StatsRow {
  key: string;
  label: string;
  state: PublishedCell<string>["state"];
  count: number | null;
  text: string;
}

/** The dimensions the page, the CSV and the API publish, in this order. */
export const STATS_DIMENSIONS = ["category", "municipality", "community", "status"] as const;
export type StatsDimension = (typeof STATS_DIMENSIONS)[number];

/** Labels and formatted numbers for every published table, in the reader's language (decision 010). */
export function statsRows(
  stats: PublicNeedStats,
  layout: StatsLayout,
  locale: Locale,
): Record<StatsDimension, StatsRow[]> {
  const t = needsTranslator(locale);
  const municipalities = new Map(layout.municipalities.map((m) => [m.kasCode, municipalityName(m, locale)]));
  const communities = new Map(layout.communities.map((c) => [c.code, localizedString(c.name, locale)]));
  const row =
    (label: (key: string) => string) =>
    (cell: PublishedCell<string>): StatsRow => ({
      key: cell.key,
      label: label(cell.key),
      state: cell.state,
      count: cell.count,
      text:
        cell.state === "shown"
          ? formatNumber(cell.count ?? 0, locale)
          : cell.state === "fewer_than_5"
            ? t("public.stats.fewerThan5")
            : t("public.stats.withheld"),
    });
  return {
    category: stats.byCategory.cells.map(row((key) => t(`category.${key}`))),
    municipality: sortByLabel(
      stats.byMunicipality.cells.map(row((key) => municipalities.get(key) ?? key)),
      (r) => r.label,
      locale,
    ),
    community: stats.byCommunity.cells.map(
      row((key) =>
        key === COMMUNITY_NOT_STATED ? t("public.stats.communityNotStated") : (communities.get(key) ?? key),
      ),
    ),
    status: stats.byStatus.cells.map(row((key) => t(`status.${key}`))),
  };
}

/** The published tables as CSV (UTF-8 with a byte-order mark for spreadsheet programs): never a count under 5. */
export function statsCsv(rows: Record<StatsDimension, StatsRow[]>): string {
  return toCsv({
    headers: ["dimension", "code", "label", "count", "suppressed"],
    rows: STATS_DIMENSIONS.flatMap((dimension) =>
      rows[dimension].map((r) => [
        dimension,
        r.key,
        r.label,
        r.state === "shown" ? String(r.count) : "",
        r.state === "shown" ? "" : r.state,
      ]),
    ),
  });
}
