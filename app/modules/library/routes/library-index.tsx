import { useTranslation } from "react-i18next";
import { PageHeader, PageHeaderLink } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { localeFromParams } from "#app/i18n/locales.ts";
import { DocumentList } from "../components/document-list.tsx";
import { loadLibraryList } from "../library-page.server.ts";
import type { Route } from "./+types/library-index";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  return loadLibraryList(context.db, request, locale, { knowYourRights: false });
}

export default function LibraryIndex({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("library");
  const locale = localeFromParams(params);
  return (
    <>
      <PageTitle title={t("index.title")} />
      <PageHeader title={t("index.title")} lead={t("index.lead")}>
        <PageHeaderLink to={`/${locale}/library/know-your-rights`}>{t("index.knowYourRightsLink")}</PageHeaderLink>
      </PageHeader>
      <DocumentList data={loaderData} locale={locale} action={`/${locale}/library`} />
    </>
  );
}
