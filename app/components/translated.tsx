import { useTranslation } from "react-i18next";
import type { LocalizedText } from "#app/i18n/translated-text.ts";
import { Tag } from "./tag.tsx";

/**
 * The visible mark on content that is not in the reader's language, or was machine-translated,
 * so nobody mistakes a fallback or a machine translation for an official text.
 */
export function TranslationNote({
  value,
  spaced = false,
}: {
  value: Pick<LocalizedText, "isFallback" | "isMachine" | "shownLocale"> | null | undefined;
  spaced?: boolean;
}) {
  const { t } = useTranslation("core");
  if (!value) return null;
  const space = spaced ? " " : null;
  if (value.isMachine)
    return (
      <>
        {space}
        <Tag tone="warning">{t("translation.machine")}</Tag>
      </>
    );
  if (value.isFallback)
    return (
      <>
        {space}
        <Tag tone="info">{t("translation.fallback", { language: t(`languageName.${value.shownLocale}`) })}</Tag>
      </>
    );
  return null;
}

type Marked = Pick<LocalizedText, "isFallback" | "isMachine" | "shownLocale">;

/** True when two texts carry the same mark (so a card shows it once, next to its title). */
export function sameMark(a: Marked, b: Marked): boolean {
  return a.isMachine === b.isMachine && a.isFallback === b.isFallback && a.shownLocale === b.shownLocale;
}

/**
 * A stored text in the language actually shown: inside an element carrying its `lang`, followed by
 * the fallback or machine-translation mark when there is one. The one way pages show user content
 * (issue 15 item 3), so the `lang` and the note cannot be forgotten one without the other.
 * `markedBy`: a text nearby (a card's title) that already shows the same mark, so it is not repeated.
 */
export function Translated({
  value,
  as: Element = "span",
  className,
  markedBy,
}: {
  value: LocalizedText | null | undefined;
  as?: "span" | "p" | "div" | "dd" | "li" | "h2" | "h3";
  className?: string;
  markedBy?: Marked | null;
}) {
  if (!value) return null;
  return (
    <>
      <Element lang={value.lang} className={className}>
        {value.text}
      </Element>
      {markedBy && sameMark(markedBy, value) ? null : <TranslationNote value={value} spaced />}
    </>
  );
}

/**
 * A stored text as a paragraph in its own language (`lang`), without a note of its own: for a summary or a
 * description under a title that already carries the page's translation note. Nothing when there is no text.
 */
export function TextParagraph({
  value,
  className,
}: {
  value: Pick<LocalizedText, "text" | "lang"> | null | undefined;
  className?: string;
}) {
  if (!value) return null;
  return (
    <p className={className} lang={value.lang}>
      {value.text}
    </p>
  );
}
