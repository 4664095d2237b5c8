import { useTranslation } from "react-i18next";
import { Form, Link, useLocation } from "react-router";
import { Button } from "#app/components/button.tsx";
import { Card } from "#app/components/card.tsx";
import { Field, Select } from "#app/components/form.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { Pagination } from "#app/components/pagination.tsx";
import { Tag } from "#app/components/tag.tsx";
import { Translated, TranslationNote } from "#app/components/translated.tsx";
import { formatDate, formatNumber } from "#app/i18n/format.ts";
import { localeFromParams } from "#app/i18n/locales.ts";
import { localize } from "#app/i18n/translated-text.ts";
import { listMunicipalities } from "#app/modules/municipalities/municipalities.queries.server.ts";
import { sortByLabel } from "#app/i18n/collation.ts";
import { municipalityName } from "#app/modules/municipalities/municipality-name.ts";
import { todayInKosovo } from "#app/services/kosovo-time.ts";
import { listOpportunities } from "../opportunities.queries.server.ts";
import { OPPORTUNITY_KINDS, OpportunityListQuerySchema } from "../opportunities.schema.ts";
import type { Route } from "./+types/opportunities-index";

const PAGE_SIZE = 20;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const query = OpportunityListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [{ items, total }, municipalities] = await Promise.all([listOpportunities(context.db, { ...query, pageSize: PAGE_SIZE }, todayInKosovo()), listMunicipalities(context.db)]);
  return {
    query: { kind: query.kind ?? "", municipality: query.municipality ?? "", expired: query.expired },
    page: query.page,
    total,
    totalLabel: formatNumber(total, locale),
    municipalities: sortByLabel(municipalities.map((m) => ({ value: m.kasCode, label: municipalityName(m, locale) })), (m) => m.label, locale),
    items: items.map((o) => ({
      slug: o.slug,
      kind: o.kind,
      isDemo: o.isDemo,
      deadline: o.deadline,
      deadlineLabel: formatDate(`${o.deadline}T12:00:00Z`, locale),
      title: localize(o.title, locale, o.originalLocale),
      summary: localize(o.summary, locale, o.originalLocale),
      organisation: localize(o.organisation.name, locale),
      municipality: o.municipality ? municipalityName(o.municipality, locale) : null,
    })),
  };
}

export default function OpportunitiesIndex({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("opportunities");
  const { t: tc } = useTranslation("core");
  const location = useLocation();
  const locale = localeFromParams(params);
  const { query } = loaderData;
  const title = query.expired ? t("index.expiredTitle") : t("index.title");
  return (
    <>
      <PageTitle title={title} />
      <link rel="alternate" type="application/rss+xml" href={`/${locale}/opportunities/feed.rss`} title={t("index.feed")} />
      <PageHeader title={title} lead={t("index.lead")}>
        <p className="mt-2">
          <a href={`/${locale}/opportunities/feed.rss`}>{t("index.feed")}</a>
          {" · "}
          {query.expired ? <Link to={`/${locale}/opportunities`}>{t("index.openLink")}</Link> : <Link to={`/${locale}/opportunities?expired=1`}>{t("index.expiredLink")}</Link>}
        </p>
      </PageHeader>
      <Form method="get" className="mb-6 grid gap-x-4 sm:grid-cols-3 sm:items-end">
        {query.expired ? <input type="hidden" name="expired" value="1" /> : null}
        <Field id="kind" label={t("index.kind")}>
          {(aria) => (
            <Select {...aria} name="kind" defaultValue={query.kind}>
              <option value="">{t("index.anyKind")}</option>
              {OPPORTUNITY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kind.${k}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field id="municipality" label={t("index.municipality")}>
          {(aria) => (
            <Select {...aria} name="municipality" defaultValue={query.municipality}>
              <option value="">{t("index.anyMunicipality")}</option>
              {loaderData.municipalities.map((m) => (
                <option key={m.value} value={m.value}>
                  {m.label}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <div className="mb-5">
          <Button type="submit">{t("index.filter")}</Button>
        </div>
      </Form>
      <p role="status" className="mb-3">
        {t("index.count", { count: loaderData.total, total: loaderData.totalLabel })}
      </p>
      <ul className="grid gap-4 sm:grid-cols-2">
        {loaderData.items.map((o) => (
          <li key={o.slug} className="flex">
            <Card
              to={`/${locale}/opportunities/${o.slug}`}
              title={o.title?.text}
              lang={o.title?.lang}
              meta={
                <>
                  <Tag tone="info">{t(`kind.${o.kind}`)}</Tag>
                  <span>
                    {t("index.deadline")} <time dateTime={o.deadline}>{o.deadlineLabel}</time>
                  </span>
                  {o.isDemo ? <Tag>{tc("demo")}</Tag> : null}
                  <TranslationNote value={o.title} />
                </>
              }
            >
              <Translated value={o.summary} as="p" markedBy={o.title} />
              <p className="mt-1 text-sm">
                <Translated value={o.organisation} />
                {o.organisation && o.municipality ? " · " : null}
                {o.municipality}
              </p>
            </Card>
          </li>
        ))}
      </ul>
      <Pagination page={loaderData.page} pageSize={PAGE_SIZE} total={loaderData.total} totalLabel={loaderData.totalLabel} search={location.search} />
    </>
  );
}
