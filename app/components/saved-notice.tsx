import type { ReactNode } from "react";

/** The notice's look on most workspace pages: a green bar at the start, the words in bold. */
const EMPHASISED = "mb-6 rounded border-s-4 border-emerald-700 bg-emerald-50 p-4 font-semibold text-emerald-900";

/**
 * The box telling the reader that what they did was saved, when post/redirect/get brings them back
 * to the page (`?saved=`) or the action answers: announced to screen readers as a status. A page
 * keeps its element (`p`, or `div`) and, where it differs, its own look (`className`); the words
 * are the caller's, already translated.
 */
export function SavedNotice({
  as: Element = "p",
  className = EMPHASISED,
  children,
}: {
  as?: "p" | "div";
  className?: string;
  children: ReactNode;
}) {
  return (
    <Element role="status" className={className}>
      {children}
    </Element>
  );
}
