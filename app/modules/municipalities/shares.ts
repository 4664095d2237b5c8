import { formatNumber, formatPercent } from "#app/i18n/format.ts";
import type { Locale } from "#app/i18n/locales.ts";

/**
 * Upper limits of the map's colour classes, as shares of the population. They are fixed rather
 * than computed from the data so that the maps of different communities can be compared, and the
 * limits fall on figures that matter in law and practice: 5 % and 10 % (thresholds of the laws on
 * languages and on local self-government) and 50 % (a majority). The low classes are finer
 * because most communities live in small numbers in most municipalities.
 */
export const SHARE_BREAKS = [0.005, 0.02, 0.05, 0.1, 0.5] as const;

/**
 * Fill of each class from the lowest to the highest share (ColorBrewer YlGnBu, six classes:
 * sequential, readable with the common colour-vision deficiencies and in greyscale).
 */
export const SHARE_CLASS_COLOURS = ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494"] as const;

/** The class of a municipality where the community has no members at all: drawn hatched, not coloured. */
export const NO_MEMBERS_CLASS = 0;

/** A community's share of a population (0 when the population is empty). */
export function shareOf(count: number, total: number): number {
  return total > 0 ? count / total : 0;
}

/**
 * The colour class of a community's count in a population: 0 when it has no members, else 1–6
 * by the share, each class including its lower limit (exactly 5 % is in "5–10 %").
 */
export function shareClass(count: number, total: number): number {
  if (count <= 0) return NO_MEMBERS_CLASS;
  const share = shareOf(count, total);
  return 1 + SHARE_BREAKS.filter((limit) => share >= limit).length;
}

/** One class of the legend: its index (1–6), its limits (the last has no upper limit) and its fill. */
export interface ShareClassRange {
  index: number;
  lower: number;
  upper: number | null;
  colour: string;
}

/** The coloured classes in order, for the legend. */
export function shareClassRanges(): ShareClassRange[] {
  const limits = [0, ...SHARE_BREAKS];
  return SHARE_CLASS_COLOURS.map((colour, i) => ({
    index: i + 1,
    lower: limits[i] ?? 0,
    upper: SHARE_BREAKS[i] ?? null,
    colour,
  }));
}

/** The fill of a class; the no-members class has none (it is hatched). */
export function shareClassColour(index: number): string | null {
  if (index === NO_MEMBERS_CLASS) return null;
  return SHARE_CLASS_COLOURS[Math.min(index, SHARE_CLASS_COLOURS.length) - 1] ?? null;
}

/** A class limit as a short percentage: "0.5 %", "2 %", "50 %" in the reader's conventions. */
export function formatShareLimit(share: number, locale: Locale): string {
  return formatNumber(share, locale, { style: "percent", minimumFractionDigits: 0, maximumFractionDigits: 1 });
}

/**
 * A share as a percentage with one decimal. A share that is not zero but would round to 0.0 %
 * is shown as "<0.1 %", so a small community is never mistaken for an absent one.
 */
export function formatShare(share: number, locale: Locale): string {
  if (share > 0 && share < 0.0005) return `<${formatPercent(0.001, locale)}`;
  return formatPercent(share, locale);
}

/** Census categories that are not a community ("others", "not declared"). */
const NOT_A_COMMUNITY = new Set(["other", "not_declared"]);

/**
 * The non-majority community with the most members in the given municipalities (the first in
 * the census order on a tie), or null when there is none: the community the map shows first.
 */
export function largestNonMajorityCommunity(
  communities: readonly { code: string; isMajority: boolean }[],
  populations: readonly Record<string, number>[],
): string | null {
  let best: { code: string; total: number } | null = null;
  for (const community of communities) {
    if (community.isMajority || NOT_A_COMMUNITY.has(community.code)) continue;
    const total = populations.reduce((sum, byCommunity) => sum + (byCommunity[community.code] ?? 0), 0);
    if (!best || total > best.total) best = { code: community.code, total };
  }
  return best?.code ?? null;
}
