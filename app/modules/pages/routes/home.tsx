import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LabelledSection } from "#app/components/labelled-section.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { Tag } from "#app/components/tag.tsx";
import { TranslationNote } from "#app/components/translated.tsx";
import { formatDate, formatDateTime, formatNumber, formatPercent, isoDate } from "#app/i18n/format.ts";
import { localeFromParams } from "#app/i18n/locales.ts";
import { localize, type LocalizedText } from "#app/i18n/translated-text.ts";
import { getNationalFigures } from "#app/modules/municipalities/municipalities.queries.server.ts";
import { listLatestNews } from "#app/modules/clearing-house/news/news.queries.server.ts";
import { listNextEvents } from "#app/modules/clearing-house/events/events.queries.server.ts";
import { Place } from "#app/modules/clearing-house/publishable/place.tsx";
import { placeView } from "#app/modules/clearing-house/publishable/view-models.ts";
import { todayInKosovo } from "#app/services/kosovo-time.ts";
import { listClosingOpportunities } from "#app/modules/clearing-house/opportunities/opportunities.queries.server.ts";
import { opportunityCard } from "#app/modules/clearing-house/opportunities/opportunity-card.ts";
import { NewsCardItem } from "#app/modules/clearing-house/news/news-card.tsx";
import type { Route } from "./+types/home";

export async function loader({ params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const [figures, news, events, opportunities] = await Promise.all([
    getNationalFigures(context.db),
    listLatestNews(context.db, 3),
    listNextEvents(context.db, 3),
    listClosingOpportunities(context.db, 3, todayInKosovo()),
  ]);
  const share = figures.population2024 > 0 ? figures.nonMajorityPopulation2024 / figures.population2024 : 0;
  // Numbers and dates are formatted here, on the server: browsers without Albanian locale data
  // would format them differently and break hydration (decision 010).
  return {
    figures: {
      municipalities: formatNumber(figures.municipalityCount, locale),
      population: formatNumber(figures.population2024, locale),
      nonMajority: formatNumber(figures.nonMajorityPopulation2024, locale),
      nonMajorityShare: formatPercent(share, locale),
      nonMajorityCommunityCount: figures.nonMajorityCommunityCount,
      settlements: formatNumber(figures.settlementCount, locale),
    },
    news: news.map((n) => ({
      slug: n.slug,
      isDemo: n.isDemo,
      publishedAt: isoDate(n.publishedAt),
      publishedLabel: formatDate(n.publishedAt, locale),
      title: localize(n.title, locale, n.originalLocale),
      summary: localize(n.summary, locale, n.originalLocale),
    })),
    events: events.map((e) => ({
      slug: e.slug,
      isDemo: e.isDemo,
      startsAt: e.startsAt.toISOString(),
      startsLabel: formatDateTime(e.startsAt, locale),
      place: placeView(e.municipality, e.address, e.originalLocale, locale),
      title: localize(e.title, locale, e.originalLocale),
    })),
    opportunities: opportunities.map((o) => opportunityCard(o, locale)),
  };
}

/** The two ways in at the top of the home page: submitting a need (the first), and following one. */
const WAY_IN_LOOK = {
  primary: {
    link: "block min-h-11 rounded-md bg-brand-700 px-4 py-3 text-white no-underline hover:bg-brand-800 hover:text-white",
    hint: "block text-sm text-brand-50",
  },
  secondary: {
    link: "block min-h-11 rounded-md border-2 border-brand-700 bg-white px-4 py-3 text-brand-800 no-underline hover:bg-brand-50 hover:text-brand-800",
    hint: "block text-sm text-slate-700",
  },
};

export default function Home({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("pages");
  const { t: tc } = useTranslation("core");
  const { t: to } = useTranslation("opportunities");
  const locale = localeFromParams(params);
  const { figures } = loaderData;
  const stats = [
    {
      key: "municipalities",
      value: figures.municipalities,
      label: t("home.figures.municipalities"),
      to: `/${locale}/municipalities`,
    },
    { key: "population", value: figures.population, label: t("home.figures.population") },
    {
      key: "nonMajority",
      value: figures.nonMajority,
      label: t("home.figures.nonMajority", {
        share: figures.nonMajorityShare,
        count: figures.nonMajorityCommunityCount,
      }),
    },
    { key: "settlements", value: figures.settlements, label: t("home.figures.settlements") },
  ];
  const needs = `/${locale}/needs`;
  const waysIn = [
    { to: `${needs}/new`, look: "primary", title: t("home.wayIn.submit"), hint: t("home.wayIn.submitHint") },
    { to: `${needs}/track`, look: "secondary", title: t("home.wayIn.follow"), hint: t("home.wayIn.followHint") },
  ] as const;
  return (
    <>
      <PageTitle title={tc("nav.home")} description={tc("platform.description")} />
      <section aria-labelledby="home-title" className="rounded-lg bg-brand-50 p-6">
        <h1 id="home-title">{tc("platform.name")}</h1>
        <nav aria-labelledby="home-way-in" className="mt-4">
          <h2 id="home-way-in" className="sr-only">
            {t("home.wayIn.heading")}
          </h2>
          <ul className="grid gap-3 sm:grid-cols-2">
            {waysIn.map((way) => (
              <li key={way.to}>
                <Link to={way.to} className={WAY_IN_LOOK[way.look].link}>
                  <span className="block text-lg font-semibold">{way.title}</span>
                  <span className={WAY_IN_LOOK[way.look].hint}>{way.hint}</span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <p className="mt-3 max-w-3xl text-lg">{t("home.intro")}</p>
        <ul className="mt-4 grid max-w-3xl gap-2 ps-5 sm:grid-cols-2 [&>li]:list-disc">
          <li>
            <Link to={`/${locale}/projects/3w`}>{t("home.jobs.coordinate")}</Link>
          </li>
          <li>
            <Link to={`/${locale}/strategies`}>{t("home.jobs.monitor")}</Link>
          </li>
          <li>
            <Link to={`/${locale}/needs/new`}>{t("home.jobs.needs")}</Link>
          </li>
          <li>
            <Link to={`/${locale}/library`}>{t("home.jobs.library")}</Link>
          </li>
        </ul>
        <p className="mt-4">
          <Link to={`/${locale}/about`}>{t("home.aboutLink")}</Link>
        </p>
      </section>

      <LabelledSection id="home-start" heading={t("home.start.title")} className="mt-8">
        <p className="mt-2">{t("home.start.lead")}</p>
        <ol className="mt-3 list-decimal space-y-2 ps-5">
          <li>
            <Link to={`/${locale}/strategies`}>{t("home.start.strategy")}</Link> — {t("home.start.strategyWhy")}
          </li>
          <li>
            <Link to={`/${locale}/projects/3w`}>{t("home.start.threeW")}</Link> — {t("home.start.threeWWhy")}
          </li>
          <li>
            <Link to={`/${locale}/needs`}>{t("home.start.needs")}</Link> — {t("home.start.needsWhy")}
          </li>
        </ol>
      </LabelledSection>

      <LabelledSection id="home-figures" heading={t("home.figures.title")} className="mt-8">
        <dl className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {stats.map((s) => (
            <div key={s.key} className="flex flex-col-reverse rounded-lg border border-slate-200 p-4">
              <dt className="text-sm text-slate-700">{s.to ? <Link to={s.to}>{s.label}</Link> : s.label}</dt>
              <dd className="text-3xl font-bold tabular-nums text-brand-800">{s.value}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-2 text-sm text-slate-600">{t("home.figures.source")}</p>
      </LabelledSection>

      <HomeSection
        id="home-news"
        heading={t("home.latestNews")}
        all={{ to: `/${locale}/news`, label: t("home.allNews") }}
        className="mt-8"
      >
        <ul className="mt-3 grid gap-4 md:grid-cols-3">
          {loaderData.news.map((item) => (
            <NewsCardItem key={item.slug} item={item} locale={locale} />
          ))}
        </ul>
      </HomeSection>

      <div className="mt-8 grid gap-8 md:grid-cols-2">
        <HomeSection
          id="home-events"
          heading={t("home.upcomingEvents")}
          all={{ to: `/${locale}/events`, label: t("home.allEvents") }}
        >
          {loaderData.events.length === 0 ? <p className="mt-3">{t("home.noUpcomingEvents")}</p> : null}
          <ul className="mt-3 divide-y divide-slate-200 border-y border-slate-200">
            {loaderData.events.map((e) => (
              <HomeListItem key={e.slug} to={`/${locale}/events/${e.slug}`} title={e.title}>
                <time dateTime={e.startsAt}>{e.startsLabel}</time>
                {e.place ? (
                  <>
                    {" · "}
                    <Place place={e.place} />
                  </>
                ) : null}{" "}
                {e.isDemo ? <Tag>{tc("demo")}</Tag> : null}
              </HomeListItem>
            ))}
          </ul>
        </HomeSection>
        <HomeSection
          id="home-opportunities"
          heading={t("home.openOpportunities")}
          all={{ to: `/${locale}/opportunities`, label: t("home.allOpportunities") }}
        >
          {loaderData.opportunities.length === 0 ? <p className="mt-3">{t("home.noOpportunities")}</p> : null}
          <ul className="mt-3 divide-y divide-slate-200 border-y border-slate-200">
            {loaderData.opportunities.map((o) => (
              <HomeListItem key={o.slug} to={`/${locale}/opportunities/${o.slug}`} title={o.title}>
                {to(`kind.${o.kind}`)} · {to("index.deadline")}: <time dateTime={o.deadline}>{o.deadlineLabel}</time>{" "}
                {o.isDemo ? <Tag>{tc("demo")}</Tag> : null}
              </HomeListItem>
            ))}
          </ul>
        </HomeSection>
      </div>
    </>
  );
}

/** A section of the home page: its heading with the link to the whole list beside it, then its content. */
function HomeSection({
  id,
  heading,
  all,
  className,
  children,
}: {
  id: string;
  heading: string;
  all: { to: string; label: string };
  className?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className={className}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={id}>{heading}</h2>
        <Link to={all.to}>{all.label}</Link>
      </div>
      {children}
    </section>
  );
}

/** An event or an opportunity in a list of the home page: its title linking to its page, then a line about it. */
function HomeListItem({ to, title, children }: { to: string; title: LocalizedText | null; children: ReactNode }) {
  return (
    <li className="py-3">
      <Link to={to} lang={title?.lang} className="font-semibold">
        {title?.text}
      </Link>
      <TranslationNote value={title} spaced />
      <p className="text-sm text-slate-700">{children}</p>
    </li>
  );
}
