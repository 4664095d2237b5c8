import type { ReactNode } from "react";
import { Link } from "react-router";
import { PageTitle } from "./page-title.tsx";

/**
 * The head of a page about one record: the document title (marked when a form on the page was refused),
 * the small link back to where the record is listed, then the heading (`children`), in the record's
 * language when its title is stored content (`lang`). It renders the same elements as the three written out.
 */
export function TitledPageHead({
  title,
  back,
  lang,
  isError,
  children,
}: {
  title: string;
  back: { to: string; label: ReactNode };
  lang?: string;
  isError?: boolean;
  children: ReactNode;
}) {
  return (
    <>
      <PageTitle title={title} isError={isError} />
      <p className="text-sm">
        <Link to={back.to}>{back.label}</Link>
      </p>
      <h1 className="mt-2" lang={lang}>
        {children}
      </h1>
    </>
  );
}
