import type { ReactNode } from "react";

/**
 * Lets the text inside wrap only between words (the site otherwise breaks words anywhere), so a
 * wide table scrolls sideways on a narrow screen instead of breaking names letter by letter.
 */
export function WholeWords({ children }: { children: ReactNode }) {
  return <div className="min-w-0 [overflow-wrap:normal]">{children}</div>;
}
