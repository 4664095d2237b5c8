import type { ReactNode } from "react";
import { LabelledSection } from "#app/components/labelled-section.tsx";
import { useTranslation } from "react-i18next";
import { TitledPageHead } from "#app/components/titled-page-head.tsx";
import { Tag } from "#app/components/tag.tsx";
import { TranslationNote } from "#app/components/translated.tsx";
import type { Locale } from "#app/i18n/locales.ts";
import type { LocalizedText } from "#app/i18n/translated-text.ts";
import type { ContentKind } from "./content-kinds.ts";

/*
 * The parts every public page of a publishable item shares (decision 048): the way back to its
 * list and its title, the line of tags under it (the language it was written in, demo, the
 * translation note), and its text sections.
 */

/**
 * The page title, the link back to the kind's list and the item's title in the language shown. The kind's own
 * catalog names its list (`index.title`, the page title of an item without one) and the way back (`detail.back`).
 */
export function ItemHeading({
  title,
  kind,
  locale,
}: {
  title: LocalizedText | null;
  kind: ContentKind;
  locale: Locale;
}) {
  const { t: tk } = useTranslation(kind);
  return (
    <TitledPageHead
      title={title?.text ?? tk("index.title")}
      back={{ to: `/${locale}/${kind}`, label: tk("detail.back") }}
      lang={title?.lang}
    >
      {title?.text}
    </TitledPageHead>
  );
}

/** "Written in Albanian": the item's original language. */
export function OriginalLanguageTag({ locale }: { locale: string }) {
  const { t } = useTranslation("core");
  return <Tag tone="neutral">{t("translation.original", { language: t(`languageName.${locale}`) })}</Tag>;
}

/**
 * The line of tags under an item's title: the kind's own first (`children`: its kind, sector, date…), then
 * the language it was written in, "demo" for demo content and the note on a translation shown (`note`).
 */
export function ItemTags({
  originalLocale,
  isDemo,
  note,
  muted = false,
  children,
}: {
  originalLocale: string;
  isDemo: boolean;
  note?: LocalizedText | null;
  muted?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation("core");
  return (
    <div className={`mt-3 flex flex-wrap items-center gap-2 text-sm${muted ? " text-slate-700" : ""}`}>
      {children}
      <OriginalLanguageTag locale={originalLocale} />
      {isDemo ? <Tag>{t("demo")}</Tag> : null}
      <TranslationNote value={note} />
    </div>
  );
}

/**
 * A section of the item's text under its heading, with its `lang` and fallback note: plain text, or Markdown
 * rendered on the server (`html`: an event's agenda and minutes); nothing when the text is empty.
 */
export function TextSection({
  id,
  heading,
  value,
}: {
  id: string;
  heading: string;
  value: (LocalizedText & { html?: string }) | null;
}) {
  if (!value) return null;
  return (
    <LabelledSection id={id} heading={heading} className="mt-6">
      <TranslationNote value={value} />
      {value.html === undefined ? (
        <p className="whitespace-pre-line" lang={value.lang}>
          {value.text}
        </p>
      ) : (
        <div className="prose-content" lang={value.lang} dangerouslySetInnerHTML={{ __html: value.html }} />
      )}
    </LabelledSection>
  );
}

/**
 * Where an item taken from another site came from (`sourceNote`, recorded in English), at the foot of its page
 * under the kind's `detail.source`; nothing for an item written here.
 */
export function SourceNote({ kind, note }: { kind: "events" | "news"; note: string | null }) {
  const { t: tk } = useTranslation(kind);
  if (!note) return null;
  return (
    <p className="mt-8 border-t border-slate-200 pt-4 text-sm text-slate-600">
      {tk("detail.source")} <span lang="en">{note}</span>
    </p>
  );
}
