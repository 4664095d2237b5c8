import { data } from "react-router";
import { isLocale } from "#app/i18n/locales.ts";
import { localizedString } from "#app/i18n/translated-text.ts";
import { buildCalendar, calendarHeaders } from "../calendar.server.ts";
import { getEvent } from "../events.queries.server.ts";
import type { Route } from "./+types/event-ics";
import { requireSlugParam } from "#app/services/ids.ts";

/** `/{lang}/events/:slug/calendar.ics`: one published event as iCalendar. */
export async function loader({ params, context }: Route.LoaderArgs) {
  const slug = requireSlugParam(params.slug);
  if (!isLocale(params.lang)) throw data(null, { status: 404 });
  const event = await getEvent(context.db, { slug });
  if (!event) throw data(null, { status: 404 });
  const body = buildCalendar([event], {
    locale: params.lang,
    publicUrl: context.publicUrl,
    name: localizedString(event.title, params.lang, event.originalLocale),
  });
  return new Response(body, { headers: calendarHeaders(`${event.slug}.ics`) });
}
