import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Fact } from "#app/components/fact.tsx";
import { Tag } from "#app/components/tag.tsx";
import { TranslationNote } from "#app/components/translated.tsx";
import { formatDate } from "#app/i18n/format.ts";
import { localeFromParams } from "#app/i18n/locales.ts";
import { localize } from "#app/i18n/translated-text.ts";
import { municipalityName } from "#app/modules/municipalities/municipality-name.ts";
import { todayInKosovo } from "#app/services/kosovo-time.ts";
import { ItemHeading, ItemTags, TextSection } from "../../publishable/item-page.tsx";
import { getOpportunity } from "../opportunities.queries.server.ts";
import { requireItem } from "#app/modules/clearing-house/publishable/editor.server.ts";
import type { Route } from "./+types/opportunities-detail";
import { requireSlugParam } from "#app/services/ids.ts";

export async function loader({ params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const o = requireItem(await getOpportunity(context.db, { slug: requireSlugParam(params.slug) }));
  return {
    kind: o.kind,
    title: localize(o.title, locale, o.originalLocale),
    summary: localize(o.summary, locale, o.originalLocale),
    eligibility: localize(o.eligibility, locale, o.originalLocale),
    deadline: o.deadline,
    deadlineLabel: formatDate(`${o.deadline}T12:00:00Z`, locale),
    isExpired: o.deadline < todayInKosovo(),
    url: o.url,
    municipality: o.municipality ? municipalityName(o.municipality, locale) : null,
    organisation: { slug: o.organisation.slug, name: localize(o.organisation.name, locale) },
    originalLocale: o.originalLocale,
    isDemo: o.isDemo,
  };
}

export default function OpportunityDetail({ loaderData: o, params }: Route.ComponentProps) {
  const { t } = useTranslation("opportunities");
  const locale = localeFromParams(params);
  return (
    <article className="max-w-3xl">
      <ItemHeading title={o.title} kind="opportunities" locale={locale} />
      <ItemTags originalLocale={o.originalLocale} isDemo={o.isDemo} note={o.title}>
        <Tag tone="info">{t(`kind.${o.kind}`)}</Tag>
        {o.isExpired ? <Tag tone="danger">{t("detail.expired")}</Tag> : null}
      </ItemTags>
      <dl className="mt-4 grid gap-x-4 gap-y-2 sm:grid-cols-[10rem_1fr]">
        <Fact term={t("index.deadline")}>
          <time dateTime={o.deadline}>{o.deadlineLabel}</time>
        </Fact>
        <Fact term={t("detail.postedBy")}>
          <Link to={`/${locale}/organizations/${o.organisation.slug}`} lang={o.organisation.name?.lang}>
            {o.organisation.name?.text}
          </Link>
          <TranslationNote value={o.organisation.name} spaced />
        </Fact>
        <Fact term={t("index.municipality")}>{o.municipality ?? t("detail.anywhere")}</Fact>
      </dl>
      <TextSection id="what" heading={t("detail.what")} value={o.summary} />
      <TextSection id="who" heading={t("detail.who")} value={o.eligibility} />
      {o.url ? (
        <p className="mt-6">
          <a href={o.url} rel="noopener noreferrer nofollow">
            {t("detail.apply")}
          </a>
        </p>
      ) : null}
    </article>
  );
}
