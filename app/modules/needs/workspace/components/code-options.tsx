import { useTranslation } from "react-i18next";

/**
 * The options of a select of case statuses or categories, each labelled with the catalog's name
 * for it (`status.<code>`, `category.<code>`): the workspace's queue, case and routing forms.
 */
export function CodeOptions({ codes, kind }: { codes: readonly string[]; kind: "status" | "category" }) {
  const { t } = useTranslation("needs");
  return (
    <>
      {codes.map((code) => (
        <option key={code} value={code}>
          {t(`${kind}.${code}`)}
        </option>
      ))}
    </>
  );
}
