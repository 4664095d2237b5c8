import { useTranslation } from "react-i18next";
import type { WorkbookError } from "../plan-workbook.server.ts";

/** The problems found in an uploaded template, one line each: sheet, row, column, and what is wrong, in the reader's language. */
export function ImportErrors({ errors }: { errors: WorkbookError[] }) {
  const { t } = useTranslation("planning");
  if (errors.length === 0) return null;
  return (
    <section
      aria-labelledby="import-errors-heading"
      className="mb-8 rounded border-4 border-red-700 p-4"
      tabIndex={-1}
      id="import-errors"
    >
      <h2 id="import-errors-heading" className="text-lg text-red-800">
        {t("import.errorsHeading", { count: errors.length })}
      </h2>
      <p className="mb-2">{t("import.nothingWritten")}</p>
      <ol className="list-decimal ps-6">
        {errors.map((e, i) => (
          <li key={i} className="break-words">
            <span className="font-semibold">
              {e.column
                ? t("import.where", { sheet: e.sheet, row: e.row, column: e.column, letter: e.columnLetter ?? "" })
                : t("import.whereRow", { sheet: e.sheet, row: e.row })}
            </span>{" "}
            {t(e.key, e.params ?? {})}
          </li>
        ))}
      </ol>
    </section>
  );
}
