import { useTranslation } from "react-i18next";

/**
 * The error line of a field or a group of choices, with the hidden "Error:" prefix for screen
 * readers (what `Field` writes under its label); nothing when there is no error.
 */
export function FieldErrorLine({ id, error }: { id: string; error?: string }) {
  const { t } = useTranslation("core");
  if (!error) return null;
  return (
    <p id={id} className="font-semibold text-red-800">
      <span className="sr-only">{t("form.errorPrefix")} </span>
      {error}
    </p>
  );
}
