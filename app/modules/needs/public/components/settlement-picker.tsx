import { useId, useState, useSyncExternalStore } from "react";
import { Select } from "#app/components/form.tsx";
import { cyrillicToLatin } from "#app/i18n/transliterate.ts";

/** Lower case, Latin script, no diacritics: "Đakovica", "ђаковица" and "dakovica" compare equal. */
function fold(text: string): string {
  return cyrillicToLatin(text)
    .normalize("NFD")
    .replace(/\p{Mn}/gu, "")
    .replace(/đ/gi, "d")
    .toLowerCase()
    .trim();
}

const subscribeNever = () => () => {};

interface Props {
  /** The ids Field gives its control (id, aria-describedby, aria-invalid). */
  aria: { id: string; "aria-invalid"?: true; "aria-describedby"?: string };
  settlements: readonly { id: string; name: string }[];
  defaultValue: string;
  noneLabel: string;
  filterLabel: string;
  /** "{shown} of {total} settlements", already translated. */
  shownLabel: (shown: number) => string;
}

/**
 * The settlement list of a municipality. Without JavaScript it is a plain list (the browser's own
 * type-to-find works); with JavaScript a search box above it narrows the list as the person types,
 * in either script and without diacritics, and keeps the chosen settlement listed.
 */
export function SettlementPicker({ aria, settlements, defaultValue, noneLabel, filterLabel, shownLabel }: Props) {
  // False in the server's HTML (no search box that could not work without JavaScript), true once hydrated.
  const enhanced = useSyncExternalStore(subscribeNever, () => true, () => false);
  const [query, setQuery] = useState("");
  const [selected, setSelected] = useState(defaultValue);
  const filterId = useId();
  const needle = fold(query);
  const shown = needle ? settlements.filter((s) => s.id === selected || fold(s.name).includes(needle)) : settlements;
  return (
    <>
      {enhanced ? (
        <div className="mb-2">
          <label htmlFor={filterId} className="block text-sm">
            {filterLabel}
          </label>
          <input
            id={filterId}
            type="search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            autoComplete="off"
            className="mt-1 block w-full max-w-sm rounded border border-slate-500 bg-white px-3 py-2 text-base"
          />
          <p className="mt-1 text-sm text-slate-700" aria-live="polite">
            {needle ? shownLabel(shown.length) : ""}
          </p>
        </div>
      ) : null}
      <Select {...aria} name="settlement" value={selected} onChange={(event) => setSelected(event.currentTarget.value)}>
        <option value="">{noneLabel}</option>
        {shown.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </Select>
    </>
  );
}
