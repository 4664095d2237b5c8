import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { Tag } from "#app/components/tag.tsx";
import { Translated } from "#app/components/translated.tsx";
import { formatDateTime } from "#app/i18n/format.ts";
import { localeFromParams } from "#app/i18n/locales.ts";
import { localize } from "#app/i18n/translated-text.ts";
import { municipalityChoices, pageCounts } from "#app/modules/clearing-house/publishable/list-page.server.ts";
import { ItemKindFilter, KindListFilters } from "#app/modules/clearing-house/publishable/list-page.tsx";
import { ItemCards } from "#app/modules/clearing-house/publishable/item-cards.tsx";
import { ListPagination } from "#app/components/pagination.tsx";
import { listEvents, listLatestPastEvents } from "../events.queries.server.ts";
import { EVENT_KINDS, EventListQuerySchema } from "../events.schema.ts";
import { aroundNames, OrganisationNames } from "../components/organisation-name.tsx";
import { Place } from "#app/modules/clearing-house/publishable/place.tsx";
import { organisationLink, placeView } from "#app/modules/clearing-house/publishable/view-models.ts";
import type { Route } from "./+types/events-index";

const PAGE_SIZE = 12;
/** Past events shown when none are upcoming. */
const LATEST_PAST_COUNT = 3;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const query = EventListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  // The latest past events (same filters) are read alongside, so the page never opens on an empty
  // list when nothing is ahead, and the page's query count does not depend on the data.
  const [{ items, total }, municipalities, past] = await Promise.all([
    listEvents(context.db, { ...query, organisationId: query.organisation, pageSize: PAGE_SIZE }),
    municipalityChoices(context.db, locale),
    query.when === "upcoming" && query.page === 1
      ? listLatestPastEvents(context.db, { ...query, organisationId: query.organisation }, LATEST_PAST_COUNT)
      : null,
  ]);
  const latestPast = total === 0 && past ? past : [];
  const toView = (e: (typeof items)[number]) => ({
    slug: e.slug,
    kind: e.kind,
    isDemo: e.isDemo,
    startsAt: e.startsAt.toISOString(),
    startsLabel: formatDateTime(e.startsAt, locale),
    place: placeView(e.municipality, e.address, e.originalLocale, locale),
    organisers: e.organisers.map((o) => organisationLink(o, locale)),
    title: localize(e.title, locale, e.originalLocale),
    summary: localize(e.summary, locale, e.originalLocale),
  });
  return {
    query: { when: query.when, kind: query.kind ?? "", municipality: query.municipality ?? "" },
    ...pageCounts(query.page, total, locale),
    municipalities,
    items: items.map(toView),
    latestPast: latestPast.map(toView),
  };
}

/** "Organised by …" with each organiser's name in its own language. */
function OrganisedBy({
  organisers,
  locale,
}: {
  organisers: Route.ComponentProps["loaderData"]["items"][number]["organisers"];
  locale: string;
}) {
  const { t } = useTranslation("events");
  const [before, after] = aroundNames((values) => t("detail.organisedBy", values));
  return (
    <p className="text-sm">
      {before}
      <OrganisationNames organisations={organisers} locale={locale} linked={false} />
      {after}
    </p>
  );
}

/** Events as cards: date, kind, place, organisers and summary. */
function EventCards({ items, locale }: { items: Route.ComponentProps["loaderData"]["items"]; locale: string }) {
  const { t } = useTranslation("events");
  return (
    <ItemCards
      items={items}
      locale={locale}
      kind="events"
      className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3"
      tags={(e) => (
        <>
          <time dateTime={e.startsAt}>{e.startsLabel}</time>
          <Tag tone="info">{t(`kind.${e.kind}`)}</Tag>
        </>
      )}
    >
      {(e) => (
        <>
          {e.place ? (
            <p>
              <Place place={e.place} />
            </p>
          ) : null}
          {e.organisers.length ? <OrganisedBy organisers={e.organisers} locale={locale} /> : null}
          <Translated value={e.summary} as="p" className="mt-1" markedBy={e.title} />
        </>
      )}
    </ItemCards>
  );
}

export default function EventsIndex({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("events");
  const locale = localeFromParams(params);
  const { query } = loaderData;
  return (
    <>
      <PageTitle title={t("index.title")} />
      <link rel="alternate" type="text/calendar" href={`/${locale}/events/feed.ics`} title={t("index.calendarFeed")} />
      <PageHeader title={t("index.title")} lead={t("index.lead")}>
        <p className="mt-2">
          <a href={`/${locale}/events/feed.ics`}>{t("index.calendarFeed")}</a>
          {" · "}
          <Link to={`/${locale}/recommendations`}>{t("index.recommendationsLink")}</Link>
        </p>
      </PageHeader>
      <nav aria-label={t("index.whenLabel")} className="mb-4">
        <ul className="flex flex-wrap gap-2">
          {(["upcoming", "past"] as const).map((when) => (
            <li key={when}>
              {when === query.when ? (
                <span
                  aria-current="page"
                  className="inline-block rounded bg-brand-700 px-3 py-2 font-semibold text-white"
                >
                  {t(`index.when.${when}`)}
                </span>
              ) : (
                <Link className="inline-block rounded px-3 py-2" to={`/${locale}/events?when=${when}`}>
                  {t(`index.when.${when}`)}
                </Link>
              )}
            </li>
          ))}
        </ul>
      </nav>
      <KindListFilters kind="events" list={loaderData} municipality={query.municipality}>
        <input type="hidden" name="when" value={query.when} />
        <ItemKindFilter kind="events" kinds={EVENT_KINDS} value={query.kind} />
      </KindListFilters>
      <EventCards items={loaderData.items} locale={locale} />
      {loaderData.latestPast.length > 0 ? (
        <section aria-labelledby="events-latest-past" className="mt-6">
          <h2 id="events-latest-past">{t("index.latestPast")}</h2>
          <p className="mb-3">
            <Link to={`/${locale}/events?when=past`}>{t("index.allPast")}</Link>
          </p>
          <EventCards items={loaderData.latestPast} locale={locale} />
        </section>
      ) : null}
      <ListPagination list={loaderData} pageSize={PAGE_SIZE} />
    </>
  );
}
