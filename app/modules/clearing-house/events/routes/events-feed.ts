import { data } from "react-router";
import { isLocale } from "#app/i18n/locales.ts";
import { feedTranslator } from "#app/modules/clearing-house/publishable/feed-translator.server.ts";
import { buildCalendar, calendarHeaders } from "../calendar.server.ts";
import { listEventsForCalendar } from "../events.queries.server.ts";
import type { Route } from "./+types/events-feed";

/** `/{lang}/events/feed.ics`: the latest 500 published events, as iCalendar (one query). */
export async function loader({ params, context }: Route.LoaderArgs) {
  if (!isLocale(params.lang)) throw data(null, { status: 404 });
  const locale = params.lang;
  const events = await listEventsForCalendar(context.db);
  const name = `${feedTranslator(locale, "core")("platform.name")}: ${feedTranslator(locale, "events")("index.title")}`;
  return new Response(buildCalendar(events, { locale, publicUrl: context.publicUrl, name }), {
    headers: calendarHeaders("events.ics"),
  });
}
