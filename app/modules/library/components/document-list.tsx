import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { HeadedFilterForm } from "#app/components/filter-form.tsx";
import { Button } from "#app/components/button.tsx";
import { OptionList, Select } from "#app/components/form.tsx";
import { ListPagination } from "#app/components/pagination.tsx";
import { Tag } from "#app/components/tag.tsx";
import { TextParagraph, TranslationNote } from "#app/components/translated.tsx";
import type { Locale } from "#app/i18n/locales.ts";
import type { LibraryListData } from "../library-page.server.ts";
import { LIBRARY_PAGE_SIZE } from "../library.constants.ts";
import { DOCUMENT_TYPES } from "../library.schema.ts";

const LANGUAGES = ["sq", "sr", "en"] as const;

function FilterSelect({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string | undefined;
  options: { value: string; label: string }[];
}) {
  const { t } = useTranslation("library");
  return (
    <div>
      <label htmlFor={`filter-${name}`} className="block text-sm font-semibold">
        {label}
      </label>
      <Select id={`filter-${name}`} name={name} defaultValue={value ?? ""}>
        <option value="">{t("index.any")}</option>
        <OptionList options={options} />
      </Select>
    </div>
  );
}

/** The filters (a GET form: works without JavaScript), the documents and the pagination of a library list. */
export function DocumentList({ data, locale, action }: { data: LibraryListData; locale: Locale; action: string }) {
  const { t } = useTranslation("library");
  const { t: tc } = useTranslation("core");
  const { query, options } = data;
  const issuer = query.issuer ? String(query.issuer) : undefined;
  const year = query.year ? String(query.year) : undefined;
  const types = DOCUMENT_TYPES.map((type) => ({ value: type, label: t(`types.${type}`) }));
  const languages = LANGUAGES.map((l) => ({ value: l, label: tc(`languageName.${l}`) }));
  /** The list's filters by a document's own fields, each with "any" first. */
  const filters = [
    { name: "type", label: t("index.type"), value: query.type, options: types },
    { name: "issuer", label: t("index.issuer"), value: issuer, options: options.issuers },
    { name: "sector", label: t("index.sector"), value: query.sector, options: options.sectors },
    { name: "community", label: t("index.community"), value: query.community, options: options.communities },
    { name: "year", label: t("index.year"), value: year, options: options.years },
    { name: "language", label: t("index.language"), value: query.language, options: languages },
  ];
  return (
    <>
      <HeadedFilterForm id="library-filters" heading={t("index.filters")} action={action} tone="bg-white">
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {filters.map((filter) => (
            <FilterSelect key={filter.name} {...filter} />
          ))}
          <div>
            <label htmlFor="filter-sort" className="block text-sm font-semibold">
              {t("index.sort")}
            </label>
            <Select id="filter-sort" name="sort" defaultValue={query.sort}>
              <option value="date">{t("index.sortDate")}</option>
              <option value="title">{t("index.sortTitle")}</option>
            </Select>
          </div>
          <div className="flex items-end">
            <Button type="submit">{t("index.apply")}</Button>
          </div>
        </div>
      </HeadedFilterForm>
      {data.items.length === 0 ? <p>{t("index.empty")}</p> : null}
      <ul className="space-y-4">
        {data.items.map((item) => (
          <li key={item.slug}>
            <article className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <div className="mb-2 flex flex-wrap items-center gap-2 text-sm text-slate-700">
                <Tag tone="info">{t(`types.${item.docType}`)}</Tag>
                {item.isKnowYourRights ? <Tag tone="success">{t("index.knowYourRightsTag")}</Tag> : null}
                <time dateTime={item.issuedOn}>{item.issuedLabel}</time>
                {item.issuer ? (
                  <Link to={item.issuerHref} lang={item.issuer.lang}>
                    {item.issuer.text}
                  </Link>
                ) : null}
                {item.isDemo ? <Tag>{tc("demo")}</Tag> : null}
                <TranslationNote value={item.title} />
              </div>
              <h3 className="text-base sm:text-lg" lang={item.title?.lang}>
                <Link to={`/${locale}/library/${item.slug}`}>{item.title?.text}</Link>
              </h3>
              <TextParagraph value={item.summary} className="mt-2 text-slate-700" />
              {item.locales.length ? (
                <p className="mt-2 text-sm text-slate-700">
                  {t("index.filesIn")} {item.locales.map((l) => tc(`languageName.${l}`)).join(", ")}
                </p>
              ) : null}
            </article>
          </li>
        ))}
      </ul>
      <ListPagination
        list={{ page: query.page, total: data.total, totalLabel: data.totalLabel }}
        pageSize={LIBRARY_PAGE_SIZE}
      />
    </>
  );
}
