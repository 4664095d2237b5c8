import type { ReactNode } from "react";

/** One row of a `TermList`: a term and its value. */
export interface TermRow {
  key: string;
  term: string;
  value: ReactNode;
}

/**
 * A record's fields as a description list: each term beside its value from small screens up, under it on a
 * phone (an audit entry, an outbox message). `valueClassName` styles the values (long codes may break).
 */
export function TermList({ rows, valueClassName = "min-w-0" }: { rows: readonly TermRow[]; valueClassName?: string }) {
  return (
    <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[12rem_1fr]">
      {rows.map((row) => (
        <div key={row.key} className="contents">
          <dt className="font-semibold">{row.term}</dt>
          <dd className={valueClassName}>{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}
