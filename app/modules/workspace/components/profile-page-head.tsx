import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import type { Locale } from "#app/i18n/locales.ts";

/**
 * The head of a page of one's own profile (password, two-step sign-in): the document title (marked
 * when the form came back with errors), the way back to the profile, then the heading and its lead.
 */
export function ProfilePageHead({
  locale,
  title,
  lead,
  isError,
}: {
  locale: Locale;
  title: string;
  lead: string;
  isError: boolean;
}) {
  const { t } = useTranslation("identity");
  return (
    <>
      <PageTitle title={title} isError={isError} />
      <p className="text-sm">
        <Link to={`/${locale}/workspace/profile`}>{t("profile.back")}</Link>
      </p>
      <PageHeader title={title} lead={lead} />
    </>
  );
}
