import { useTranslation } from "react-i18next";
import { ColumnHeads } from "#app/components/column-heads.tsx";
import { displayValue, systemJobOf, type AuditChange } from "../audit-entry.ts";

function Value({ value }: { value: unknown }) {
  const { t } = useTranslation("audit");
  const text = displayValue(value);
  if (text === null) return <span className="whitespace-nowrap text-slate-600">{t("changes.empty")}</span>;
  return <span className="block max-h-60 overflow-auto font-mono text-xs break-words whitespace-pre-wrap">{text}</span>;
}

/** The table's columns: the field, its value before and after. */
const COLUMNS = ["field", "before", "after"] as const;

/** The before/after table of one audit record's changed fields. */
export function AuditChangesTable({ changes, caption }: { changes: AuditChange[]; caption: string }) {
  const { t } = useTranslation("audit");
  return (
    <table className="mt-2 w-full min-w-[18rem] border-collapse text-sm">
      <caption className="sr-only">{caption}</caption>
      <ColumnHeads
        rowClassName="border-b border-slate-400"
        cellClassName="px-2 py-1 text-left whitespace-nowrap"
        labels={COLUMNS.map((column) => t(`changes.${column}`))}
      />
      <tbody>
        {changes.map((change) => (
          <tr key={change.field} className="border-b border-slate-200 align-top">
            <th scope="row" className="px-2 py-1 text-left font-mono text-xs font-medium whitespace-nowrap">
              {change.field}
            </th>
            <td className="px-2 py-1">
              <Value value={change.before} />
            </td>
            <td className="px-2 py-1">
              <Value value={change.after} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The changes of one record behind a disclosure (`<details>`: works without JavaScript), or a
 * plain note when nothing but the action itself was recorded.
 */
export function AuditChangesDisclosure({ changes, open = false }: { changes: AuditChange[]; open?: boolean }) {
  const { t } = useTranslation("audit");
  const summary = t("changes.summary", { count: changes.length });
  if (changes.length === 0) return <span className="text-slate-600">{summary}</span>;
  return (
    <details open={open}>
      <summary className="cursor-pointer text-brand-800">{summary}</summary>
      <AuditChangesTable changes={changes} caption={t("changes.caption")} />
    </details>
  );
}

/** Who made the change, as recorded at the time; "anonymous" (a signed-out visitor) in the reader's language. */
export function AuditActor({ label, userId }: { label: string; userId: string | null }) {
  const { t } = useTranslation("audit");
  if (userId === null && label === "anonymous") return <>{t("actor.anonymous")}</>;
  const job = systemJobOf(label, userId);
  if (job !== null) return <>{t("actor.system", { job })}</>;
  return <>{label}</>;
}
