import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import { PageTitle } from "#app/components/page-title.tsx";
import { Tag } from "#app/components/tag.tsx";
import { Translated, TranslationNote } from "#app/components/translated.tsx";
import { localeFromParams } from "#app/i18n/locales.ts";
import { localize, localizedString, localizeName } from "#app/i18n/translated-text.ts";
import { Place } from "#app/modules/events/place.tsx";
import { placeView } from "#app/modules/events/view-models.ts";
import { getService } from "../services.queries.server.ts";
import type { Route } from "./+types/services-detail";
import { requireSlugParam } from "#app/services/ids.ts";

export async function loader({ params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const slug = requireSlugParam(params.slug);
  const s = await getService(context.db, { slug });
  if (!s) throw data(null, { status: 404 });
  return {
    title: localizeName(s.title, s.titleSrCyrl, locale, s.originalLocale),
    summary: localize(s.summary, locale, s.originalLocale),
    eligibility: localize(s.eligibility, locale, s.originalLocale),
    requirements: localize(s.requirements, locale, s.originalLocale),
    hours: localize(s.hours, locale, s.originalLocale),
    place: placeView(s.municipality, s.address, s.originalLocale, locale),
    onlineUrl: s.onlineUrl,
    sector: s.sectorName ? localizedString(s.sectorName, locale) : null,
    organisation: { slug: s.organisation.slug, name: localizeName(s.organisation.name, s.organisationNameSrCyrl, locale) },
    originalLocale: s.originalLocale,
    isDemo: s.isDemo,
  };
}

export default function ServiceDetail({ loaderData: s, params }: Route.ComponentProps) {
  const { t } = useTranslation("services");
  const { t: tc } = useTranslation("core");
  const locale = localeFromParams(params);
  const block = (id: string, heading: string, value: typeof s.summary) =>
    value ? (
      <section aria-labelledby={id} className="mt-6">
        <h2 id={id}>{heading}</h2>
        <TranslationNote value={value} />
        <p className="whitespace-pre-line" lang={value.lang}>
          {value.text}
        </p>
      </section>
    ) : null;
  return (
    <article className="max-w-3xl">
      <PageTitle title={s.title?.text ?? t("index.title")} />
      <p className="text-sm">
        <Link to={`/${locale}/services`}>{t("detail.back")}</Link>
      </p>
      <h1 className="mt-2" lang={s.title?.lang}>
        {s.title?.text}
      </h1>
      <div className="mt-3 flex flex-wrap items-center gap-2 text-sm">
        {s.sector ? <Tag tone="info">{s.sector}</Tag> : null}
        <Tag tone="neutral">{tc("translation.original", { language: tc(`languageName.${s.originalLocale}`) })}</Tag>
        {s.isDemo ? <Tag>{tc("demo")}</Tag> : null}
      </div>
      {block("what", t("detail.what"), s.summary)}
      {block("who", t("detail.who"), s.eligibility)}
      {block("bring", t("detail.bring"), s.requirements)}
      <section aria-labelledby="where" className="mt-6">
        <h2 id="where">{t("detail.where")}</h2>
        {s.onlineUrl ? (
          <p>
            <a href={s.onlineUrl} rel="noopener noreferrer nofollow">
              {t("detail.online")}
            </a>{" "}
            <span className="text-sm text-slate-600">({s.onlineUrl})</span>
          </p>
        ) : null}
        {s.place ? (
          <p>
            <Place place={s.place} />
          </p>
        ) : null}
        {s.hours ? (
          <p>
            <span className="font-semibold">{t("detail.hours")}:</span> <Translated value={s.hours} />
          </p>
        ) : null}
      </section>
      <p className="mt-6">
        {t("detail.providedBy")} <Link to={`/${locale}/organizations/${s.organisation.slug}`}>
          <Translated value={s.organisation.name} />
        </Link>
      </p>
    </article>
  );
}
