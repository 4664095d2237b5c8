import ICAL from "ical.js";
import type { Locale } from "#app/i18n/locales.ts";
import { localizedString } from "#app/i18n/translated-text.ts";
import type { EventSummary } from "./events.queries.server.ts";
import { placeLabel } from "./view-models.ts";

/**
 * An iCalendar (RFC 5545) document of events, built with ical.js: one VEVENT per event with a
 * stable UID, UTC times, the place and a link to the event page. Events without an end last an hour.
 */
export function buildCalendar(events: readonly EventSummary[], options: { locale: Locale; publicUrl: string; name: string; now?: Date }): string {
  const calendar = new ICAL.Component(["vcalendar", [], []]);
  calendar.updatePropertyWithValue("prodid", "-//Community Affairs Platform//Events//EN");
  calendar.updatePropertyWithValue("version", "2.0");
  calendar.updatePropertyWithValue("calscale", "GREGORIAN");
  calendar.updatePropertyWithValue("x-wr-calname", options.name);
  const host = new URL(options.publicUrl).host;
  const stamp = ICAL.Time.fromJSDate(options.now ?? new Date(), true);
  for (const e of events) {
    const vevent = new ICAL.Component("vevent");
    const event = new ICAL.Event(vevent);
    event.uid = `event-${e.id}@${host}`;
    event.summary = localizedString(e.title, options.locale, e.originalLocale);
    const description = localizedString(e.summary, options.locale, e.originalLocale);
    if (description) event.description = description;
    const place = placeLabel(e.municipality, e.address, options.locale);
    if (place) event.location = place;
    event.startDate = ICAL.Time.fromJSDate(e.startsAt, true);
    event.endDate = ICAL.Time.fromJSDate(e.endsAt ?? new Date(e.startsAt.getTime() + 3_600_000), true);
    vevent.addPropertyWithValue("dtstamp", stamp);
    vevent.addPropertyWithValue("url", `${options.publicUrl}/${options.locale}/events/${e.slug}`);
    calendar.addSubcomponent(vevent);
  }
  return calendar.toString();
}

/** The response headers of a calendar download. */
export function calendarHeaders(fileName: string): Record<string, string> {
  return {
    "Content-Type": "text/calendar; charset=utf-8",
    "Content-Disposition": `inline; filename="${fileName}"`,
    "Cache-Control": "public, max-age=300",
  };
}
