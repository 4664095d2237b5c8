import type { ReactNode } from "react";

/**
 * A list of items, each drawn by `children` (an `li` with its key), or when there are none a paragraph that
 * says so: an empty `ul` is never shown.
 */
export function ListOrNone<T>({
  items,
  none,
  className,
  children,
}: {
  items: readonly T[];
  none: ReactNode;
  className: string;
  children: (item: T, index: number) => ReactNode;
}) {
  if (items.length === 0) return <p>{none}</p>;
  return <ul className={className}>{items.map(children)}</ul>;
}
