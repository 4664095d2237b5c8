import { useTranslation } from "react-i18next";
import { Button } from "#app/components/button.tsx";
import { IntentForm } from "#app/components/intent-form.tsx";
import { EditMeta, FileField, type TranslatedErrors } from "./plan-form-fields.tsx";

/** Uploading a filled template (plain multipart POST, works without JavaScript). */
export function ImportForm({
  version,
  adopted,
  errors,
  label,
}: {
  version: number | null;
  adopted: boolean;
  errors: TranslatedErrors;
  label: string;
}) {
  const { t } = useTranslation("planning");
  return (
    <IntentForm intent="import" encType="multipart/form-data" noValidate>
      {version !== null ? (
        <EditMeta version={version} adopted={adopted} values={{}} errors={errors} idPrefix="import-" />
      ) : null}
      <FileField
        id="file"
        name="file"
        label={t("import.file")}
        hint={t("import.fileHint")}
        error={errors.file}
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      />
      <Button variant="secondary">{label}</Button>
    </IntentForm>
  );
}
