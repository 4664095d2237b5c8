import type { ReactNode } from "react";

/** One row of a record's details: a term and its value. */
export interface DetailRow {
  key: string;
  term: string;
  value: ReactNode;
}

/**
 * A record's details as a definition list: each term beside its value in a 12rem column from the
 * small breakpoint on, stacked on a phone. `breakWords` lets long values (ids, addresses) wrap.
 */
export function DetailRows({ rows, breakWords = false }: { rows: DetailRow[]; breakWords?: boolean }) {
  return (
    <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[12rem_1fr]">
      {rows.map((row) => (
        <div key={row.key} className="contents">
          <dt className="font-semibold">{row.term}</dt>
          <dd className={breakWords ? "min-w-0 break-words" : "min-w-0"}>{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}
