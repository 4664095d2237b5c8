import { useTranslation } from "react-i18next";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { isLocale } from "#app/i18n/locales.ts";
import { requireUser } from "#app/services/guards.server.ts";
import type { Route } from "./+types/dashboard";

export function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = isLocale(params.lang) ? params.lang : "sq";
  const actor = requireUser(context, request, locale);
  return { name: actor.name };
}

export default function Dashboard({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("workspace");
  return (
    <>
      <PageTitle title={t("nav.dashboard")} />
      <PageHeader title={t("nav.dashboard")} lead={t("nav.signedInAs", { name: loaderData.name })} />
    </>
  );
}
