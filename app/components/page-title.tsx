import { useTranslation } from "react-i18next";

/** Sets the document title as "Page – Platform" (React hoists `<title>` into the head). */
export function PageTitle({ title, isError = false }: { title: string; isError?: boolean }) {
  const { t } = useTranslation("core");
  const page = isError ? t("form.errorTitlePrefix", { title }) : title;
  return <title>{`${page} – ${t("platform.name")}`}</title>;
}
