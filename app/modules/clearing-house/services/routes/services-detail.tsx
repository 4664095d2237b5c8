import { useTranslation } from "react-i18next";
import { LabelledSection } from "#app/components/labelled-section.tsx";
import { Link } from "react-router";
import { Tag } from "#app/components/tag.tsx";
import { Translated } from "#app/components/translated.tsx";
import { localeFromParams } from "#app/i18n/locales.ts";
import { localize, localizedString, localizeName } from "#app/i18n/translated-text.ts";
import { requireSlugParam } from "#app/services/ids.ts";
import { ItemHeading, ItemTags, TextSection } from "../../publishable/item-page.tsx";
import { Place } from "../../publishable/place.tsx";
import { placeView } from "../../publishable/view-models.ts";
import { getService } from "../services.queries.server.ts";
import { requireItem } from "#app/modules/clearing-house/publishable/editor.server.ts";
import type { Route } from "./+types/services-detail";

export async function loader({ params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const s = requireItem(await getService(context.db, { slug: requireSlugParam(params.slug) }));
  return {
    title: localizeName(s.title, s.titleSrCyrl, locale, s.originalLocale),
    summary: localize(s.summary, locale, s.originalLocale),
    eligibility: localize(s.eligibility, locale, s.originalLocale),
    requirements: localize(s.requirements, locale, s.originalLocale),
    hours: localize(s.hours, locale, s.originalLocale),
    place: placeView(s.municipality, s.address, s.originalLocale, locale),
    onlineUrl: s.onlineUrl,
    sector: s.sectorName ? localizedString(s.sectorName, locale) : null,
    organisation: {
      slug: s.organisation.slug,
      name: localizeName(s.organisation.name, s.organisationNameSrCyrl, locale),
    },
    originalLocale: s.originalLocale,
    isDemo: s.isDemo,
  };
}

export default function ServiceDetail({ loaderData: s, params }: Route.ComponentProps) {
  const { t } = useTranslation("services");
  const locale = localeFromParams(params);
  return (
    <article className="max-w-3xl">
      <ItemHeading title={s.title} kind="services" locale={locale} />
      <ItemTags originalLocale={s.originalLocale} isDemo={s.isDemo}>
        {s.sector ? <Tag tone="info">{s.sector}</Tag> : null}
      </ItemTags>
      <TextSection id="what" heading={t("detail.what")} value={s.summary} />
      <TextSection id="who" heading={t("detail.who")} value={s.eligibility} />
      <TextSection id="bring" heading={t("detail.bring")} value={s.requirements} />
      <LabelledSection id="where" heading={t("detail.where")} className="mt-6">
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
      </LabelledSection>
      <p className="mt-6">
        {t("detail.providedBy")}{" "}
        <Link to={`/${locale}/organizations/${s.organisation.slug}`}>
          <Translated value={s.organisation.name} />
        </Link>
      </p>
    </article>
  );
}
