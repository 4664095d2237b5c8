import { useTranslation } from "react-i18next";
import { DataTable, type Column } from "#app/components/data-table.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { formatNumber, formatPercent } from "#app/i18n/format.ts";
import { LANGUAGE_TAG, LOCALE_AUTONYM, localeFromParams } from "#app/i18n/locales.ts";
import { currentTranslationStatus } from "#app/i18n/translation-status.server.ts";
import type { StatusCounts } from "#app/i18n/translation-status.ts";
import type { Route } from "./+types/translations";

/** A row of the status tables, its figures already written for the reader (decision 010). */
interface StatusRow {
  key: string;
  translated: string;
  reviewed: string | null;
  counts: string;
}

/**
 * The translation status page (decision 043): for every written language, the share of the
 * interface's strings translated and the share reviewed by a person, in all and per module,
 * computed from the shipped catalogs.
 */
export function loader({ params }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const share = (part: number, total: number) => formatPercent(total === 0 ? 1 : part / total, locale);
  const row = (key: string, c: StatusCounts): StatusRow => ({
    key,
    translated: share(c.translated, c.total),
    reviewed: c.reviewed === null ? null : share(c.reviewed, c.total),
    counts: `${formatNumber(c.translated, locale)} / ${formatNumber(c.total, locale)}`,
  });
  return {
    languages: currentTranslationStatus().map((s) => ({
      ...row(s.locale, s),
      locale: s.locale,
      modules: s.modules.map((m) => row(m.namespace, m)),
    })),
  };
}

export default function Translations({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("pages");
  const { t: tc } = useTranslation("core");
  const reviewedCell = (row: StatusRow) => row.reviewed ?? t("translations.notTracked");
  const languageColumns: Column<(typeof loaderData.languages)[number]>[] = [
    {
      key: "language",
      header: t("translations.language"),
      rowHeader: true,
      cell: (row) => (
        <>
          {tc(`languageName.${row.locale}`)} (<span lang={LANGUAGE_TAG[row.locale]}>{LOCALE_AUTONYM[row.locale]}</span>)
        </>
      ),
    },
    { key: "translated", header: t("translations.translated"), numeric: true, cell: (row) => row.translated },
    { key: "counts", header: t("translations.strings"), numeric: true, cell: (row) => row.counts },
    { key: "reviewed", header: t("translations.reviewed"), numeric: true, cell: reviewedCell },
  ];
  const moduleColumns: Column<StatusRow>[] = [
    {
      key: "module",
      header: t("translations.module"),
      rowHeader: true,
      cell: (row) => t(`translations.modules.${row.key}`),
    },
    { key: "translated", header: t("translations.translated"), numeric: true, cell: (row) => row.translated },
    { key: "counts", header: t("translations.strings"), numeric: true, cell: (row) => row.counts },
    { key: "reviewed", header: t("translations.reviewed"), numeric: true, cell: reviewedCell },
  ];
  return (
    <div className="max-w-4xl">
      <PageTitle title={t("translations.title")} description={t("translations.lead")} />
      <h1>{t("translations.title")}</h1>
      <p className="mt-3">{t("translations.lead")}</p>
      <p className="mt-2">{t("translations.reviewExplained")}</p>
      <p className="mt-2">{t("translations.cyrillic")}</p>
      <div className="mt-6">
        <DataTable
          caption={t("translations.overview")}
          columns={languageColumns}
          rows={loaderData.languages}
          rowKey={(row) => row.locale}
        />
      </div>
      <h2 className="mt-8">{t("translations.perModule")}</h2>
      {loaderData.languages.map((language) => (
        <details key={language.locale} className="mt-4">
          <summary className="cursor-pointer font-semibold">{tc(`languageName.${language.locale}`)}</summary>
          <div className="mt-2">
            <DataTable
              caption={t("translations.moduleCaption", { language: tc(`languageName.${language.locale}`) })}
              columns={moduleColumns}
              rows={language.modules}
              rowKey={(row) => row.key}
            />
          </div>
        </details>
      ))}
    </div>
  );
}
