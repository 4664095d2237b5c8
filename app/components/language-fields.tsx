import { LANGUAGE_TAG, type Locale } from "#app/i18n/locales.ts";
import { TextAreaField, TextField } from "./form-fields.tsx";

/**
 * One optional field per written language of a translatable text, named `<prefix>Sq`, `<prefix>Sr`,
 * `<prefix>En` (by the `locales` given) and written in its language (`lang`), inside the form's
 * `FormFields`: a line each, or with `multiline` a text area (of `rows` lines when given).
 */
export function LanguageFields<L extends Locale>({
  prefix,
  locales,
  label,
  multiline,
  rows,
  maxLength,
}: {
  prefix: string;
  locales: readonly L[];
  label: (locale: L) => string;
  multiline?: boolean;
  rows?: number;
  maxLength: number;
}) {
  return (
    <>
      {locales.map((locale) => {
        const name = `${prefix}${locale[0]!.toUpperCase()}${locale.slice(1)}`;
        const lang = LANGUAGE_TAG[locale];
        return multiline ? (
          <TextAreaField
            key={name}
            name={name}
            label={label(locale)}
            optional
            maxLength={maxLength}
            rows={rows}
            lang={lang}
          />
        ) : (
          <TextField key={name} name={name} label={label(locale)} optional maxLength={maxLength} lang={lang} />
        );
      })}
    </>
  );
}
