import type { ReactNode } from "react";

/**
 * One fact of a record in a definition list (`<dl>`, laid out by the page): its term in bold, then its value,
 * with the value's `lang` when it is stored content. It renders the same `<dt>` and `<dd>` as written out.
 */
export function Fact({
  term,
  className,
  lang,
  children,
}: {
  term: ReactNode;
  className?: string;
  lang?: string;
  children: ReactNode;
}) {
  return (
    <>
      <dt className="font-semibold">{term}</dt>
      <dd className={className} lang={lang}>
        {children}
      </dd>
    </>
  );
}
