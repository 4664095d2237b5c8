import { Link } from "react-router";
import { TranslationNote } from "#app/components/translated.tsx";
import type { LocalizedText } from "#app/i18n/translated-text.ts";

/**
 * A link named by a translated title (a strategy, a plan, a report): the title in the language it is shown in,
 * followed by the note saying so when that is not the page's language.
 */
export function TitleLink({ href, title }: { href: string; title: LocalizedText | null | undefined }) {
  return (
    <>
      <Link to={href} lang={title?.lang}>
        {title?.text}
      </Link>
      <TranslationNote value={title} spaced />
    </>
  );
}
