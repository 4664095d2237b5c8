import { useTranslation } from "react-i18next";

/** Links to a table's CSV and XLSX downloads (plain links; the files are made on the server). */
export function DownloadLinks({ href, label }: { href: string; label: string }) {
  const { t } = useTranslation("strategies");
  return (
    <p className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm">
      <span>{label}:</span>
      <a href={`${href}?format=csv`} download>
        {t("downloads.csv")}
      </a>
      <a href={`${href}?format=xlsx`} download>
        {t("downloads.xlsx")}
      </a>
    </p>
  );
}
