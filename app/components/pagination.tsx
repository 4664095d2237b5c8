import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";

/** Page numbers to show around the current page: first, last, and two either side. */
export function pageWindow(page: number, pageCount: number): (number | "gap")[] {
  const pages = new Set(
    [1, pageCount, page - 2, page - 1, page, page + 1, page + 2].filter((p) => p >= 1 && p <= pageCount),
  );
  const sorted = [...pages].sort((a, b) => a - b);
  const out: (number | "gap")[] = [];
  sorted.forEach((p, i) => {
    const previous = sorted[i - 1];
    if (previous !== undefined && p - previous > 1) out.push("gap");
    out.push(p);
  });
  return out;
}

/**
 * Links to other pages of a list; keeps the other query parameters. Plain links: no JavaScript
 * needed. Pass `totalLabel` formatted by the loader (decision 010: no Intl while rendering).
 */
export function Pagination({
  page,
  pageSize,
  total,
  totalLabel,
  search,
}: {
  page: number;
  pageSize: number;
  total: number;
  totalLabel?: string;
  search: string;
}) {
  const { t } = useTranslation("core");
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const hrefFor = (target: number) => {
    const params = new URLSearchParams(search);
    if (target === 1) params.delete("page");
    else params.set("page", String(target));
    const query = params.toString();
    return query ? `?${query}` : "?";
  };
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <div className="mt-6 flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
      <p className="text-sm text-slate-700">
        {t("pagination.summary", { from, to, total: totalLabel ?? String(total) })}
      </p>
      {pageCount > 1 ? (
        <nav aria-label={t("pagination.label")}>
          <ul className="flex flex-wrap items-center gap-1">
            {page > 1 ? (
              <li>
                <StepLink to={hrefFor(page - 1)} rel="prev" label={t("pagination.previous")} />
              </li>
            ) : null}
            {pageWindow(page, pageCount).map((p, i) =>
              p === "gap" ? (
                <li key={`gap-${i}`} aria-hidden="true" className="px-2">
                  …
                </li>
              ) : (
                <li key={p}>
                  {p === page ? (
                    <span
                      aria-current="page"
                      className="inline-block rounded bg-brand-700 px-3 py-2 font-semibold text-white"
                    >
                      <span className="sr-only">{t("pagination.page", { page: p })}</span>
                      <span aria-hidden="true">{p}</span>
                    </span>
                  ) : (
                    <Link
                      to={hrefFor(p)}
                      className="inline-block rounded px-3 py-2 ring-1 ring-slate-300"
                      aria-label={t("pagination.page", { page: p })}
                    >
                      {p}
                    </Link>
                  )}
                </li>
              ),
            )}
            {page < pageCount ? (
              <li>
                <StepLink to={hrefFor(page + 1)} rel="next" label={t("pagination.next")} />
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </div>
  );
}

/**
 * The pager under a list at the current address: the page the loader read, its total (and how it is
 * written), the other query parameters kept. Every paged list of the site and the workspace uses it.
 */
export function ListPagination({
  list,
  pageSize,
}: {
  list: { page: number; total: number; totalLabel?: string };
  pageSize: number;
}) {
  const location = useLocation();
  return (
    <Pagination
      page={list.page}
      pageSize={pageSize}
      total={list.total}
      totalLabel={list.totalLabel}
      search={location.search}
    />
  );
}

/** The link to the previous or the next page. */
function StepLink({ to, rel, label }: { to: string; rel: "prev" | "next"; label: string }) {
  return (
    <Link to={to} rel={rel} className="inline-block rounded px-3 py-2 ring-1 ring-slate-300">
      {label}
    </Link>
  );
}
