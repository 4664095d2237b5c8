import { Fragment } from "react";

/** A range of figures such as "2017–2021" or "1-3": a browser may break a line after its dash. */
const FIGURE_RANGE = /(\d[\d.,]*\s?[–—-]\s?\d[\d.,]*)/;

/**
 * Renders text that may name a period or a range of figures ("Plan 2017–2021") so that the range
 * never breaks across lines (the dash is a line-break opportunity); the rest wraps between words.
 */
export function KeepFiguresTogether({ text }: { text: string | undefined | null }) {
  if (!text) return null;
  const parts = text.split(FIGURE_RANGE);
  if (parts.length === 1) return <>{text}</>;
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <span key={i} className="whitespace-nowrap">
            {part}
          </span>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}
