import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { Tag } from "#app/components/tag.tsx";
import { Translated } from "#app/components/translated.tsx";
import { localeFromParams } from "#app/i18n/locales.ts";
import { localize } from "#app/i18n/translated-text.ts";
import { municipalityName } from "#app/modules/municipalities/municipality-name.ts";
import { todayInKosovo } from "#app/services/kosovo-time.ts";
import { ItemCards } from "../../publishable/item-cards.tsx";
import { municipalityChoices, pageCounts } from "../../publishable/list-page.server.ts";
import { ItemKindFilter, KindListFilters } from "../../publishable/list-page.tsx";
import { ListPagination } from "#app/components/pagination.tsx";
import { listOpportunities } from "../opportunities.queries.server.ts";
import { opportunityCard } from "../opportunity-card.ts";
import { OPPORTUNITY_KINDS, OpportunityListQuerySchema } from "../opportunities.schema.ts";
import type { Route } from "./+types/opportunities-index";

const PAGE_SIZE = 20;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const query = OpportunityListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [{ items, total }, municipalities] = await Promise.all([
    listOpportunities(context.db, { ...query, pageSize: PAGE_SIZE }, todayInKosovo()),
    municipalityChoices(context.db, locale),
  ]);
  return {
    query: { kind: query.kind ?? "", municipality: query.municipality ?? "", expired: query.expired },
    ...pageCounts(query.page, total, locale),
    municipalities,
    items: items.map((o) => ({
      ...opportunityCard(o, locale),
      summary: localize(o.summary, locale, o.originalLocale),
      organisation: localize(o.organisation.name, locale),
      municipality: o.municipality ? municipalityName(o.municipality, locale) : null,
    })),
  };
}

export default function OpportunitiesIndex({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("opportunities");
  const locale = localeFromParams(params);
  const { query } = loaderData;
  const title = query.expired ? t("index.expiredTitle") : t("index.title");
  return (
    <>
      <PageTitle title={title} />
      <link
        rel="alternate"
        type="application/rss+xml"
        href={`/${locale}/opportunities/feed.rss`}
        title={t("index.feed")}
      />
      <PageHeader title={title} lead={t("index.lead")}>
        <p className="mt-2">
          <a href={`/${locale}/opportunities/feed.rss`}>{t("index.feed")}</a>
          {" · "}
          {query.expired ? (
            <Link to={`/${locale}/opportunities`}>{t("index.openLink")}</Link>
          ) : (
            <Link to={`/${locale}/opportunities?expired=1`}>{t("index.expiredLink")}</Link>
          )}
        </p>
      </PageHeader>
      <KindListFilters kind="opportunities" list={loaderData} municipality={query.municipality}>
        {query.expired ? <input type="hidden" name="expired" value="1" /> : null}
        <ItemKindFilter kind="opportunities" kinds={OPPORTUNITY_KINDS} value={query.kind} />
      </KindListFilters>
      <ItemCards
        items={loaderData.items}
        locale={locale}
        kind="opportunities"
        tags={(o) => (
          <>
            <Tag tone="info">{t(`kind.${o.kind}`)}</Tag>
            <span>
              {t("index.deadline")} <time dateTime={o.deadline}>{o.deadlineLabel}</time>
            </span>
          </>
        )}
      >
        {(o) => (
          <>
            <Translated value={o.summary} as="p" markedBy={o.title} />
            <p className="mt-1 text-sm">
              <Translated value={o.organisation} />
              {o.organisation && o.municipality ? " · " : null}
              {o.municipality}
            </p>
          </>
        )}
      </ItemCards>
      <ListPagination list={loaderData} pageSize={PAGE_SIZE} />
    </>
  );
}
