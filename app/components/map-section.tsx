import type { AnchorHTMLAttributes, ReactNode } from "react";
import { Link } from "react-router";
import type { Column } from "./data-table.tsx";

/**
 * The content of a section showing a map of the municipalities (the municipality index, the 3W page): its
 * heading and hint, a link that skips the map's many areas to the table with the same figures
 * (`#<skipTo>`), then on wide screens the map's figure with its caption beside what explains it
 * (`children`: a legend, the table). The section element around it is the page's.
 */
export function MapSection({
  headingId,
  heading,
  hint,
  skipTo,
  skipLabel,
  map,
  captionId,
  caption,
  children,
}: {
  headingId: string;
  heading: ReactNode;
  hint: ReactNode;
  skipTo: string;
  skipLabel: ReactNode;
  /** The map: an SVG named by its caption (`captionId`). */
  map: ReactNode;
  captionId: string;
  caption: ReactNode;
  children: ReactNode;
}) {
  return (
    <>
      <h2 id={headingId}>{heading}</h2>
      <p className="mt-1 text-sm text-slate-700">{hint}</p>
      <a href={`#${skipTo}`} className="sr-only focus:not-sr-only focus:mt-2 focus:inline-block">
        {skipLabel}
      </a>
      <div className="mt-4 grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <figure className="mx-auto w-full max-w-xl">
          {map}
          <figcaption id={captionId} className="mt-2 text-sm text-slate-700">
            {caption}
          </figcaption>
        </figure>
        {children}
      </div>
    </>
  );
}

/**
 * A link to a page of the site: the router's `Link`, or a plain `<a>` where there is no router — in HTML
 * rendered once and kept (decision 057); public pages do not hydrate, so both navigate alike.
 */
export function PageLink({
  to,
  plain = false,
  ...props
}: { to: string; plain?: boolean } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href">) {
  return plain ? <a href={to} {...props} /> : <Link to={to} {...props} />;
}

/**
 * A table's first column: each row's name, linking to its page, as the row's header (the municipalities on
 * the municipality index and on the 3W page). `plain`: a plain `<a>`, as `PageLink` says.
 */
export function nameLinkColumn<Row extends { href: string; name: string }>(
  header: ReactNode,
  plain = false,
): Column<Row> {
  return {
    key: "name",
    header,
    rowHeader: true,
    cell: (row) => (
      <PageLink to={row.href} plain={plain} className="inline-flex min-h-11 items-center">
        {row.name}
      </PageLink>
    ),
  };
}
