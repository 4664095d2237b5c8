import { useTranslation } from "react-i18next";
import { BackLink } from "#app/components/back-link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { localeFromParams } from "#app/i18n/locales.ts";
import { DocumentList } from "../components/document-list.tsx";
import { loadLibraryList } from "../library-page.server.ts";
import type { Route } from "./+types/library-know-your-rights";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  return loadLibraryList(context.db, request, locale, { knowYourRights: true });
}

export default function KnowYourRights({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("library");
  const locale = localeFromParams(params);
  return (
    <>
      <PageTitle title={t("kyr.title")} />
      <BackLink to={`/${locale}/library`}>{t("detail.backToLibrary")}</BackLink>
      <PageHeader title={t("kyr.title")} lead={t("kyr.lead")}>
        <ul className="mt-3 max-w-3xl list-disc space-y-1 ps-5">
          <li>{t("kyr.point1")}</li>
          <li>{t("kyr.point2")}</li>
          <li>{t("kyr.point3")}</li>
        </ul>
      </PageHeader>
      <DocumentList data={loaderData} locale={locale} action={`/${locale}/library/know-your-rights`} />
    </>
  );
}
