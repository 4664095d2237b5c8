import { useTranslation } from "react-i18next";
import { Form, useLocation } from "react-router";
import { Button } from "#app/components/button.tsx";
import { Card } from "#app/components/card.tsx";
import { Field, Select } from "#app/components/form.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { Pagination } from "#app/components/pagination.tsx";
import { Tag } from "#app/components/tag.tsx";
import { formatNumber } from "#app/i18n/format.ts";
import { localeFromParams } from "#app/i18n/locales.ts";
import { localize, localizedString, localizeName } from "#app/i18n/translated-text.ts";
import { municipalityName } from "#app/modules/municipalities/municipality-name.ts";
import { loadOrganisationChoices } from "#app/modules/organisations/organisations.queries.server.ts";
import { listDirectory } from "../directory.queries.server.ts";
import { DirectoryQuerySchema } from "../directory.schema.ts";
import type { Route } from "./+types/directory-index";

const PAGE_SIZE = 24;
const FILTERS = ["type", "sector", "community", "municipality"] as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const query = DirectoryQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [{ items, total }, choices] = await Promise.all([listDirectory(context.db, query, PAGE_SIZE), loadOrganisationChoices(context.db, locale)]);
  return {
    query: { type: query.type ?? "", sector: query.sector ?? "", community: query.community ?? "", municipality: query.municipality ?? "" },
    choices: { type: choices.types, sector: choices.sectors, community: choices.communities, municipality: choices.municipalities },
    page: query.page,
    total,
    totalLabel: formatNumber(total, locale),
    items: items.map((o) => ({
      slug: o.slug,
      name: localizeName(o.name, o.nameSrCyrl, locale),
      acronym: o.acronym,
      type: localizedString(o.typeName, locale),
      municipality: o.municipality ? municipalityName(o.municipality, locale) : null,
      description: localize(o.description, locale),
      sectors: o.sectors.map((s) => localizedString(s, locale)),
    })),
  };
}

export default function DirectoryIndex({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("directory");
  const location = useLocation();
  const locale = localeFromParams(params);
  return (
    <>
      <PageTitle title={t("index.title")} />
      <PageHeader title={t("index.title")} lead={t("index.lead")} />
      <Form method="get" className="mb-6 grid gap-x-4 sm:grid-cols-2 lg:grid-cols-5 lg:items-end">
        {FILTERS.map((filter) => (
          <Field key={filter} id={filter} label={t(`index.filters.${filter}`)}>
            {(aria) => (
              <Select {...aria} name={filter} defaultValue={loaderData.query[filter]}>
                <option value="">{t("index.any")}</option>
                {loaderData.choices[filter].map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        ))}
        <div className="mb-5">
          <Button type="submit">{t("index.filter")}</Button>
        </div>
      </Form>
      <p role="status" className="mb-3">
        {t("index.count", { count: loaderData.total, total: loaderData.totalLabel })}
      </p>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {loaderData.items.map((o) => (
          <li key={o.slug} className="flex">
            <Card
              to={`/${locale}/organizations/${o.slug}`}
              title={o.acronym ? `${o.name?.text ?? ""} (${o.acronym})` : o.name?.text}
              lang={o.name?.lang}
              meta={
                <>
                  <Tag tone="info">{o.type}</Tag>
                  {o.municipality ? <span>{o.municipality}</span> : null}
                </>
              }
            >
              {o.description ? (
                <p lang={o.description.lang} className="line-clamp-3">
                  {o.description.text}
                </p>
              ) : null}
              {o.sectors.length ? <p className="mt-1 text-sm">{o.sectors.join(" · ")}</p> : null}
            </Card>
          </li>
        ))}
      </ul>
      <Pagination page={loaderData.page} pageSize={PAGE_SIZE} total={loaderData.total} totalLabel={loaderData.totalLabel} search={location.search} />
    </>
  );
}
