import type { ReactNode } from "react";

/**
 * The words to search for: a label and a search input posting `q` (at most 200 characters). The site
 * header's small box and the search page's form both send their words to the search page this way; each
 * gives its own look (`labelClassName`, `inputClassName`).
 */
export function SearchQueryInput({
  id,
  label,
  labelClassName,
  inputClassName,
  defaultValue,
}: {
  id: string;
  label: ReactNode;
  labelClassName: string;
  inputClassName: string;
  defaultValue?: string;
}) {
  return (
    <>
      <label htmlFor={id} className={labelClassName}>
        {label}
      </label>
      <input id={id} name="q" type="search" defaultValue={defaultValue} maxLength={200} className={inputClassName} />
    </>
  );
}
