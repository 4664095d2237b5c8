import ICAL from "ical.js";
import type { Locale } from "#app/i18n/locales.ts";
import { localizedString } from "#app/i18n/translated-text.ts";
import type { EventSummary } from "./events.queries.server.ts";
import { placeLabel } from "#app/modules/clearing-house/publishable/view-models.ts";

/** RFC 5545 §3.1: a content line is at most 75 octets long, not counting the line break. */
const MAX_LINE_OCTETS = 75;
const CRLF = "\r\n";

/**
 * An iCalendar (RFC 5545) document of events, built with ical.js: one VEVENT per event with a
 * stable UID, UTC times, the place and a link to the event page. Events without an end last an hour.
 * Text fields are cleaned for the TEXT value type and lines are folded by {@link serializeCalendar}.
 */
export function buildCalendar(
  events: readonly EventSummary[],
  options: { locale: Locale; publicUrl: string; name: string; now?: Date },
): string {
  const calendar = new ICAL.Component(["vcalendar", [], []]);
  calendar.updatePropertyWithValue("prodid", "-//Community Affairs Platform//Events//EN");
  calendar.updatePropertyWithValue("version", "2.0");
  calendar.updatePropertyWithValue("calscale", "GREGORIAN");
  calendar.updatePropertyWithValue("x-wr-calname", calendarText(options.name));
  const host = new URL(options.publicUrl).host;
  const stamp = ICAL.Time.fromJSDate(options.now ?? new Date(), true);
  for (const e of events) {
    const vevent = new ICAL.Component("vevent");
    const event = new ICAL.Event(vevent);
    event.uid = `event-${e.id}@${host}`;
    event.summary = calendarText(localizedString(e.title, options.locale, e.originalLocale));
    const description = localizedString(e.summary, options.locale, e.originalLocale);
    if (description) event.description = calendarText(description);
    const place = placeLabel(e.municipality, e.address, options.locale);
    if (place) event.location = calendarText(place);
    event.startDate = ICAL.Time.fromJSDate(e.startsAt, true);
    event.endDate = ICAL.Time.fromJSDate(e.endsAt ?? new Date(e.startsAt.getTime() + 3_600_000), true);
    vevent.addPropertyWithValue("dtstamp", stamp);
    vevent.addPropertyWithValue("url", `${options.publicUrl}/${options.locale}/events/${e.slug}`);
    calendar.addSubcomponent(vevent);
  }
  return serializeCalendar(calendar);
}

/**
 * A text value as RFC 5545 TEXT allows it: every line break (CRLF, a bare CR or LF) becomes one LF,
 * which the writer escapes as `\n`; other control characters, which TEXT forbids (only HTAB is
 * allowed), are dropped. Without this a bare CR would reach the file raw and end the content line.
 */
export function calendarText(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed here
  return value.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");
}

/**
 * Writes a component as an iCalendar stream: ical.js writes each property unfolded, and each
 * content line is then folded by {@link foldContentLine}. (ical.js folds itself, but gives the
 * continuation lines 75 octets after the leading space: 76 in all.)
 */
export function serializeCalendar(component: ICAL.Component): string {
  const jcal = component.toJSON() as JCalComponent;
  const designSet = ICAL.design.getDesignSet(jcal[0]);
  return contentLines(jcal, designSet).map(foldContentLine).join(CRLF) + CRLF;
}

type JCalComponent = [string, unknown[][], JCalComponent[]];

function contentLines(component: JCalComponent, designSet: ReturnType<typeof ICAL.design.getDesignSet>): string[] {
  const name = component[0].toUpperCase();
  return [
    `BEGIN:${name}`,
    ...component[1].map((property) => ICAL.stringify.property(property, designSet, true)),
    ...component[2].flatMap((child) => contentLines(child, designSet)),
    `END:${name}`,
  ];
}

/**
 * Folds one content line (RFC 5545 §3.1): no physical line longer than 75 UTF-8 octets, the leading
 * space of a continuation line included, and never inside a multi-octet character.
 */
export function foldContentLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const character of line) {
    const size = Buffer.byteLength(character, "utf8");
    if (octets + size > MAX_LINE_OCTETS) {
      parts.push(current);
      current = " ";
      octets = 1;
    }
    current += character;
    octets += size;
  }
  parts.push(current);
  return parts.join(CRLF);
}

/** The response headers of a calendar download. */
export function calendarHeaders(fileName: string): Record<string, string> {
  return {
    "Content-Type": "text/calendar; charset=utf-8",
    "Content-Disposition": `inline; filename="${fileName}"`,
    "Cache-Control": "public, max-age=300",
  };
}
