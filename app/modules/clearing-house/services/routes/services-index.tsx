import { useTranslation } from "react-i18next";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { Tag } from "#app/components/tag.tsx";
import { Translated } from "#app/components/translated.tsx";
import { localeFromParams } from "#app/i18n/locales.ts";
import { localize, localizedString, localizeName } from "#app/i18n/translated-text.ts";
import { listSectors } from "#app/modules/reference/reference.queries.server.ts";
import { ChoiceField } from "../../publishable/content-fields.tsx";
import { ItemCards } from "../../publishable/item-cards.tsx";
import { municipalityChoices, pageCounts } from "../../publishable/list-page.server.ts";
import { KindListFilters } from "../../publishable/list-page.tsx";
import { ListPagination } from "#app/components/pagination.tsx";
import { Place } from "../../publishable/place.tsx";
import { placeView } from "../../publishable/view-models.ts";
import { listServices } from "../services.queries.server.ts";
import { ServiceListQuerySchema } from "../services.schema.ts";
import type { Route } from "./+types/services-index";

const PAGE_SIZE = 20;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const query = ServiceListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [{ items, total }, sectors, municipalities] = await Promise.all([
    listServices(context.db, { ...query, pageSize: PAGE_SIZE }),
    listSectors(context.db),
    municipalityChoices(context.db, locale),
  ]);
  return {
    query: { sector: query.sector ?? "", municipality: query.municipality ?? "" },
    ...pageCounts(query.page, total, locale),
    sectors: sectors.map((s) => ({ value: s.code, label: localizedString(s.name, locale) })),
    municipalities,
    items: items.map((s) => ({
      slug: s.slug,
      isDemo: s.isDemo,
      title: localizeName(s.title, s.titleSrCyrl, locale, s.originalLocale),
      summary: localize(s.summary, locale, s.originalLocale),
      place: s.onlineUrl ? null : placeView(s.municipality, s.address, s.originalLocale, locale),
      isOnline: s.onlineUrl !== null,
      sector: s.sectorName ? localizedString(s.sectorName, locale) : null,
    })),
  };
}

export default function ServicesIndex({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("services");
  const locale = localeFromParams(params);
  const { query } = loaderData;
  return (
    <>
      <PageTitle title={t("index.title")} />
      <PageHeader title={t("index.title")} lead={t("index.lead")} />
      <KindListFilters kind="services" list={loaderData} municipality={query.municipality}>
        <ChoiceField
          id="sector"
          label={t("index.sector")}
          emptyLabel={t("index.anySector")}
          options={loaderData.sectors}
          value={query.sector}
        />
      </KindListFilters>
      <ItemCards
        items={loaderData.items}
        locale={locale}
        kind="services"
        tags={(s) => (
          <>
            {s.sector ? <Tag tone="info">{s.sector}</Tag> : null}
            {s.isOnline ? <Tag tone="success">{t("index.online")}</Tag> : null}
          </>
        )}
      >
        {(s) => (
          <>
            <Translated value={s.summary} as="p" markedBy={s.title} />
            {s.place ? (
              <p className="mt-1 text-sm">
                <Place place={s.place} />
              </p>
            ) : null}
          </>
        )}
      </ItemCards>
      <ListPagination list={loaderData} pageSize={PAGE_SIZE} />
    </>
  );
}
