import type { ReactNode } from "react";
import { Link } from "react-router";

/** A linked summary of one item; the whole heading is the link, so the card stays one tab stop. */
export function Card({
  title,
  to,
  meta,
  children,
  lang,
}: {
  title: ReactNode;
  to: string;
  meta?: ReactNode;
  children?: ReactNode;
  lang?: string;
}) {
  return (
    <article className="flex flex-col rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      {meta ? <div className="mb-2 flex flex-wrap items-center gap-2 text-sm text-slate-600">{meta}</div> : null}
      <h3 className="text-base sm:text-lg" lang={lang}>
        <Link to={to}>{title}</Link>
      </h3>
      {children ? <div className="mt-2 text-slate-700">{children}</div> : null}
    </article>
  );
}
