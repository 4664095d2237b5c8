import { useTranslation } from "react-i18next";
import { Form, useLocation } from "react-router";
import { Button } from "#app/components/button.tsx";
import { Card } from "#app/components/card.tsx";
import { Field, Select } from "#app/components/form.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { Pagination } from "#app/components/pagination.tsx";
import { Tag } from "#app/components/tag.tsx";
import { Translated, TranslationNote } from "#app/components/translated.tsx";
import { formatNumber } from "#app/i18n/format.ts";
import { localeFromParams } from "#app/i18n/locales.ts";
import { localize, localizedString, localizeName } from "#app/i18n/translated-text.ts";
import { Place } from "#app/modules/events/place.tsx";
import { placeView } from "#app/modules/events/view-models.ts";
import { listMunicipalities } from "#app/modules/municipalities/municipalities.queries.server.ts";
import { sortByLabel } from "#app/i18n/collation.ts";
import { municipalityName } from "#app/modules/municipalities/municipality-name.ts";
import { listSectors } from "#app/modules/reference/reference.queries.server.ts";
import { listServices } from "../services.queries.server.ts";
import { ServiceListQuerySchema } from "../services.schema.ts";
import type { Route } from "./+types/services-index";

const PAGE_SIZE = 20;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const query = ServiceListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [{ items, total }, sectors, municipalities] = await Promise.all([listServices(context.db, { ...query, pageSize: PAGE_SIZE }), listSectors(context.db), listMunicipalities(context.db)]);
  return {
    query: { sector: query.sector ?? "", municipality: query.municipality ?? "" },
    page: query.page,
    total,
    totalLabel: formatNumber(total, locale),
    sectors: sectors.map((s) => ({ value: s.code, label: localizedString(s.name, locale) })),
    municipalities: sortByLabel(municipalities.map((m) => ({ value: m.kasCode, label: municipalityName(m, locale) })), (m) => m.label, locale),
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
  const { t: tc } = useTranslation("core");
  const location = useLocation();
  const locale = localeFromParams(params);
  const { query } = loaderData;
  return (
    <>
      <PageTitle title={t("index.title")} />
      <PageHeader title={t("index.title")} lead={t("index.lead")} />
      <Form method="get" className="mb-6 grid gap-x-4 sm:grid-cols-3 sm:items-end">
        <Field id="sector" label={t("index.sector")}>
          {(aria) => (
            <Select {...aria} name="sector" defaultValue={query.sector}>
              <option value="">{t("index.anySector")}</option>
              {loaderData.sectors.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
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
        {loaderData.items.map((s) => (
          <li key={s.slug} className="flex">
            <Card
              to={`/${locale}/services/${s.slug}`}
              title={s.title?.text}
              lang={s.title?.lang}
              meta={
                <>
                  {s.sector ? <Tag tone="info">{s.sector}</Tag> : null}
                  {s.isOnline ? <Tag tone="success">{t("index.online")}</Tag> : null}
                  {s.isDemo ? <Tag>{tc("demo")}</Tag> : null}
                  <TranslationNote value={s.title} />
                </>
              }
            >
              <Translated value={s.summary} as="p" markedBy={s.title} />
              {s.place ? (
                <p className="mt-1 text-sm">
                  <Place place={s.place} />
                </p>
              ) : null}
            </Card>
          </li>
        ))}
      </ul>
      <Pagination page={loaderData.page} pageSize={PAGE_SIZE} total={loaderData.total} totalLabel={loaderData.totalLabel} search={location.search} />
    </>
  );
}
