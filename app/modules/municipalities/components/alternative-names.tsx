import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { LANGUAGE_TAG, type Locale } from "#app/i18n/locales.ts";
import { latinToCyrillic } from "#app/i18n/transliterate.ts";
import type { AlternativeNameGroup } from "../alternative-names.ts";

const KNOWN_LANGUAGES = new Set(["sq", "sr", "en", "tr", "bs", "rom"]);

/** The `lang` of a name in a language, and the name as a reader of this locale sees it (Serbian in Cyrillic for Cyrillic readers). */
function nameForReader(
  name: string,
  language: string | null,
  locale: Locale,
): { text: string; lang: string | undefined } {
  if (language === "sr")
    return locale === "sr-cyrl"
      ? { text: latinToCyrillic(name), lang: LANGUAGE_TAG["sr-cyrl"] }
      : { text: name, lang: LANGUAGE_TAG.sr };
  return { text: name, lang: language ?? undefined };
}

/** Other names a municipality is known by, each tagged with its language and why it is used. */
export function AlternativeNames({ groups, locale }: { groups: AlternativeNameGroup[]; locale: Locale }) {
  const { t } = useTranslation("municipalities");
  const { t: tc } = useTranslation("core");
  return (
    <ul className="space-y-1">
      {groups.map((group) => {
        const language = group.language
          ? KNOWN_LANGUAGES.has(group.language)
            ? tc(`languageName.${group.language}`)
            : group.language
          : null;
        const note = group.note ? t(`detail.alternativeNames.notes.${group.note}`) : null;
        return (
          <li key={group.names.join("/")}>
            {group.names.map((name, index) => {
              const shown = nameForReader(name, group.language, locale);
              return (
                <Fragment key={name}>
                  {index > 0 ? " / " : null}
                  <span lang={shown.lang}>{shown.text}</span>
                </Fragment>
              );
            })}
            {language ? (
              <span className="text-slate-700">
                {" "}
                {note
                  ? t("detail.alternativeNames.languageAndNote", { language, note })
                  : t("detail.alternativeNames.language", { language })}
                {group.otherNote ? (
                  <>
                    {" "}
                    <span lang="en">{group.otherNote}</span>
                  </>
                ) : null}
              </span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
