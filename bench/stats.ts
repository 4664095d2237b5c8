/** The value below which `p` per cent of the samples fall (nearest rank); NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** The middle value (mean of the two middle values for an even count); NaN for no samples. */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return Number.isInteger(middle) ? (sorted[middle - 1]! + sorted[middle]!) / 2 : sorted[Math.floor(middle)]!;
}

/** Figures the app puts in Server-Timing: `db;dur=1.2;desc="3 queries", app;dur=4.5`. */
export interface ServerTiming {
  dbMs: number | null;
  queries: number | null;
  appMs: number | null;
}

/** Reads the app's Server-Timing header; absent metrics are null. */
export function parseServerTiming(header: string | null): ServerTiming {
  const timing: ServerTiming = { dbMs: null, queries: null, appMs: null };
  if (!header) return timing;
  for (const metric of header.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)) {
    const [name, ...params] = metric.split(";").map((part) => part.trim());
    const values = new Map(
      params.map((param) => {
        const at = param.indexOf("=");
        return [param.slice(0, at), param.slice(at + 1).replace(/^"|"$/g, "")] as const;
      }),
    );
    const duration = values.has("dur") ? Number(values.get("dur")) : null;
    if (name === "db") {
      timing.dbMs = duration;
      const count = /^(\d+) quer/.exec(values.get("desc") ?? "");
      timing.queries = count ? Number(count[1]) : null;
    } else if (name === "app") {
      timing.appMs = duration;
    }
  }
  return timing;
}

/**
 * A plain-text table with right-aligned numbers, for the terminal and for pasting into Markdown
 * code blocks. `decimals` fixes the decimals of a column; otherwise whole numbers print as such
 * and others with one decimal. NaN prints as "–".
 */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
  decimals: readonly (number | undefined)[] = [],
): string {
  const cells = [
    header,
    ...rows.map((row) => row.map((cell, i) => (typeof cell === "number" ? formatNumber(cell, decimals[i]) : cell))),
  ];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i]?.length ?? 0)));
  const isNumeric = header.map((_, i) =>
    rows.every((row) => typeof row[i] === "number" || /^[\d.–-]+$/.test(String(row[i]))),
  );
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => (isNumeric[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(cells[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

function formatNumber(value: number, decimals: number | undefined): string {
  if (Number.isNaN(value)) return "–";
  if (decimals !== undefined) return value.toFixed(decimals);
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
