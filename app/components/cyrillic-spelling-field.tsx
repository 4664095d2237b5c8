import type { ReactNode } from "react";
import { TextField } from "./form-fields.tsx";

/**
 * The optional Serbian-Cyrillic spelling of a name or title (`nameSrCyrl`, `titleSrCyrl`): a name keeps its
 * own form rather than being transliterated, so an editor may give it. Marked `lang="sr-Cyrl"`; read from
 * the surrounding `FormFields` like every named field.
 */
export function CyrillicSpellingField({ name, label, hint }: { name: string; label: ReactNode; hint: ReactNode }) {
  return <TextField name={name} label={label} hint={hint} optional maxLength={300} lang="sr-Cyrl" />;
}
