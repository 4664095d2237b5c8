import { useTranslation } from "react-i18next";
import { Card } from "#app/components/card.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { Tag } from "#app/components/tag.tsx";
import { localeFromParams } from "#app/i18n/locales.ts";
import { localize, localizedString, localizeName } from "#app/i18n/translated-text.ts";
import { municipalityName } from "#app/modules/municipalities/municipality-name.ts";
import { ChoiceField } from "#app/modules/clearing-house/publishable/content-fields.tsx";
import { pageCounts } from "#app/modules/clearing-house/publishable/list-page.server.ts";
import { FilterForm, ResultCount } from "#app/modules/clearing-house/publishable/list-page.tsx";
import { ListPagination } from "#app/components/pagination.tsx";
import type { Locale } from "#app/i18n/locales.ts";
import { keptDirectoryPage } from "../directory-kept.server.ts";
import { listDirectory, loadDirectoryChoices } from "../directory.queries.server.ts";
import { DirectoryQuerySchema, type DirectoryQuery } from "../directory.schema.ts";
import type { Route } from "./+types/directory-index";

const PAGE_SIZE = 24;
const FILTERS = ["type", "sector", "community", "municipality"] as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const query = DirectoryQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return keptDirectoryPage(context.db, locale, query, () => directoryPage(context.db, locale, query));
}

/** The list page's data: one page of entries and the filters' choices (five statements; kept, decision 077). */
async function directoryPage(db: Route.LoaderArgs["context"]["db"], locale: Locale, query: DirectoryQuery) {
  const [{ items, total }, choices] = await Promise.all([
    listDirectory(db, query, PAGE_SIZE),
    loadDirectoryChoices(db, locale),
  ]);
  return {
    query: {
      type: query.type ?? "",
      sector: query.sector ?? "",
      community: query.community ?? "",
      municipality: query.municipality ?? "",
    },
    choices: {
      type: choices.types,
      sector: choices.sectors,
      community: choices.communities,
      municipality: choices.municipalities,
    },
    ...pageCounts(query.page, total, locale),
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
  const locale = localeFromParams(params);
  return (
    <>
      <PageTitle title={t("index.title")} />
      <PageHeader title={t("index.title")} lead={t("index.lead")} />
      <FilterForm
        submitLabel={t("index.filter")}
        className="mb-6 grid gap-x-4 sm:grid-cols-2 lg:grid-cols-5 lg:items-end"
      >
        {FILTERS.map((filter) => (
          <ChoiceField
            key={filter}
            id={filter}
            label={t(`index.filters.${filter}`)}
            emptyLabel={t("index.any")}
            options={loaderData.choices[filter]}
            value={loaderData.query[filter]}
          />
        ))}
      </FilterForm>
      <ResultCount>{t("index.count", { count: loaderData.total, total: loaderData.totalLabel })}</ResultCount>
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
      <ListPagination list={loaderData} pageSize={PAGE_SIZE} />
    </>
  );
}
