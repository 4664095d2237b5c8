import { Select } from "#app/components/form.tsx";
import { cyrillicToLatin } from "#app/i18n/transliterate.ts";

/** Lower case, Latin script, no diacritics: "Đakovica", "ђаковица" and "dakovica" compare equal. */
export function foldSettlementName(text: string): string {
  return cyrillicToLatin(text)
    .normalize("NFD")
    .replace(/\p{Mn}/gu, "")
    .replace(/đ/gi, "d")
    .toLowerCase()
    .trim();
}

interface Props {
  /** The ids Field gives its control (id, aria-describedby, aria-invalid). */
  aria: { id: string; "aria-invalid"?: true; "aria-describedby"?: string };
  settlements: readonly { id: string; name: string }[];
  defaultValue: string;
  noneLabel: string;
  filterLabel: string;
  /** "{shown} of {total} settlements", translated with the literal `{shown}` left for the script to fill. */
  shownTemplate: string;
}

/**
 * The settlement list of a municipality. Without JavaScript it is a plain list (the browser's own
 * type-to-find works); the public pages' enhancement script (app/enhance/enhance.client.js) adds a
 * search box above it that narrows the list as the person types, in either script and without
 * diacritics, and keeps the chosen settlement listed. Each option carries its folded name.
 */
export function SettlementPicker({ aria, settlements, defaultValue, noneLabel, filterLabel, shownTemplate }: Props) {
  return (
    <div data-settlement-filter="" data-filter-label={filterLabel} data-shown-template={shownTemplate}>
      <Select {...aria} name="settlement" defaultValue={defaultValue}>
        <option value="">{noneLabel}</option>
        {settlements.map((s) => (
          <option key={s.id} value={s.id} data-fold={foldSettlementName(s.name)}>
            {s.name}
          </option>
        ))}
      </Select>
    </div>
  );
}
