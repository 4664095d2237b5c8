import { INTL_TAG, type Locale } from "./locales.ts";
import { latinToCyrillic } from "./transliterate.ts";

const numberFormats = new Map<string, Intl.NumberFormat>();

/** Formats a number for the reader's language (cached per locale and options). */
export function formatNumber(value: number, locale: Locale, options: Intl.NumberFormatOptions = {}): string {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(INTL_TAG[locale], options);
    numberFormats.set(key, format);
  }
  return format.format(value);
}

/** Formats a share (0–1) as a percentage with one decimal. */
export function formatPercent(share: number, locale: Locale): string {
  return formatNumber(share, locale, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/**
 * Formats a value already in percent (0–100, as indicators and budget shares store it) with the
 * locale's percent sign and spacing: "18%", "77,8%" — never a hand-written " %".
 */
export function formatPercentValue(percent: number, locale: Locale, maximumFractionDigits = 1): string {
  return formatNumber(percent / 100, locale, { style: "percent", maximumFractionDigits });
}

/** ISO date (YYYY-MM-DD) for `<time datetime>`. */
export function isoDate(value: Date | string): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return date.toISOString().slice(0, 10);
}

// Month names are written here rather than taken from the runtime's Intl data: many browsers
// (and Debian's Chromium) have no Albanian data, so the same date would read differently on the
// server and in the browser and break hydration (decision 010). Serbian Cyrillic is transliterated.
// Romani has no data in any runtime; its month names are those of Kosovo Romani (decision 043).
const MONTHS: Record<Exclude<Locale, "sr-cyrl">, readonly string[]> = {
  sq: [
    "janar",
    "shkurt",
    "mars",
    "prill",
    "maj",
    "qershor",
    "korrik",
    "gusht",
    "shtator",
    "tetor",
    "nëntor",
    "dhjetor",
  ],
  sr: [
    "januar",
    "februar",
    "mart",
    "april",
    "maj",
    "jun",
    "jul",
    "avgust",
    "septembar",
    "oktobar",
    "novembar",
    "decembar",
  ],
  en: [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
  ],
  tr: ["Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık"],
  bs: [
    "januar",
    "februar",
    "mart",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "septembar",
    "oktobar",
    "novembar",
    "decembar",
  ],
  rom: [
    "januari",
    "februari",
    "marti",
    "aprili",
    "maji",
    "juni",
    "juli",
    "augusti",
    "septembri",
    "oktobri",
    "novembri",
    "decembri",
  ],
};

const kosovoParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Belgrade",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

interface KosovoParts {
  year: number;
  month: number;
  day: number;
  hour: string;
  minute: string;
}

/**
 * The fields of moments already seen, by their time in milliseconds: `formatToParts` in a time zone
 * costs several microseconds a call, and a page formats the same few dates (a plan's periods, a
 * list's days) many times. A moment's fields never change; the map is emptied when it is full.
 */
const seenParts = new Map<number, KosovoParts>();
const SEEN_PARTS_LIMIT = 10_000;

/** The calendar and clock fields of a moment in Kosovo's time zone, as numbers. */
function partsInKosovo(value: Date | string): KosovoParts {
  const time = (typeof value === "string" ? new Date(value) : value).getTime();
  const seen = seenParts.get(time);
  if (seen) return seen;
  const parts = Object.fromEntries(kosovoParts.formatToParts(time).map((p) => [p.type, p.value]));
  const fields: KosovoParts = {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: parts.hour ?? "00",
    minute: parts.minute ?? "00",
  };
  // An invalid date (NaN) is not kept: formatToParts throws for it, as before.
  if (seenParts.size >= SEEN_PARTS_LIMIT) seenParts.clear();
  seenParts.set(time, fields);
  return fields;
}

/**
 * Formats a date (long form, no time) for the reader's language, in Kosovo's time zone:
 * "29 janar 2025", "29. januar 2025.", "29. јануар 2025.", "29 January 2025", "29 Ocak 2025",
 * "29. januar 2025." (Bosnian), "29 januari 2025" (Romani). The same in every
 * browser and on the server.
 */
export function formatDate(value: Date | string, locale: Locale): string {
  const { year, month, day } = partsInKosovo(value);
  const language = locale === "sr-cyrl" ? "sr" : locale;
  const name = MONTHS[language][month - 1] ?? "";
  if (language === "bs") return `${day}. ${name} ${year}.`;
  if (language === "sr") {
    const text = `${day}. ${name} ${year}.`;
    return locale === "sr-cyrl" ? latinToCyrillic(text) : text;
  }
  return `${day} ${name} ${year}`;
}

/**
 * Formats a moment to the minute, in Kosovo's time zone and a 24-hour clock: "29.01.2025 10:04" in
 * Albanian and Serbian (either script), "29/01/2025 10:04" in English. The one style of a date
 * with its time everywhere on the platform (pages, lists, e-mails); seconds are for machines
 * (`<time datetime>`, the audit's ISO timestamps), not for readers.
 */
export function formatDateTime(value: Date | string, locale: Locale): string {
  const { year, month, day, hour, minute } = partsInKosovo(value);
  const dd = String(day).padStart(2, "0");
  const mm = String(month).padStart(2, "0");
  const date = locale === "en" ? `${dd}/${mm}/${year}` : `${dd}.${mm}.${year}`;
  return `${date} ${hour}:${minute}`;
}
