import type { ReactNode } from "react";
import { FieldErrorLine } from "#app/components/field-error-line.tsx";

/** A labelled checkbox with an optional hint and error, wired with `aria-describedby`. */
export function Checkbox({
  name,
  label,
  hint,
  error,
  defaultChecked,
}: {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  defaultChecked?: boolean;
}) {
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  return (
    <div className={`mb-4 ${error ? "border-s-4 border-red-700 ps-3" : ""}`}>
      <FieldErrorLine id={`${name}-error`} error={error} />
      <div className="flex items-start gap-3">
        <input
          type="checkbox"
          id={name}
          name={name}
          defaultChecked={defaultChecked}
          aria-invalid={error ? true : undefined}
          aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
          className="mt-1 h-6 w-6 shrink-0"
        />
        <label htmlFor={name} className="font-semibold">
          {label}
        </label>
      </div>
      {hint ? (
        <p id={hintId} className="ms-9 text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** A group of radio buttons in a fieldset with its legend, hint and error. */
export function RadioGroup({
  name,
  legend,
  options,
  defaultValue,
  error,
}: {
  name: string;
  legend: ReactNode;
  options: { value: string; label: ReactNode; hint?: ReactNode }[];
  defaultValue?: string;
  error?: string;
}) {
  const errorId = error ? `${name}-error` : undefined;
  return (
    <fieldset className={`mb-5 ${error ? "border-s-4 border-red-700 ps-3" : ""}`} aria-describedby={errorId}>
      <legend className="font-semibold">{legend}</legend>
      <FieldErrorLine id={`${name}-error`} error={error} />
      {options.map((option, index) => (
        <div key={option.value} className="mt-2 flex items-start gap-3">
          <input
            type="radio"
            id={index === 0 ? name : `${name}-${option.value}`}
            name={name}
            value={option.value}
            defaultChecked={defaultValue === option.value}
            aria-describedby={option.hint ? `${name}-${option.value}-hint` : undefined}
            className="mt-1 h-6 w-6 shrink-0"
          />
          <div>
            <label htmlFor={index === 0 ? name : `${name}-${option.value}`}>{option.label}</label>
            {option.hint ? (
              <p id={`${name}-${option.value}-hint`} className="text-sm text-slate-600">
                {option.hint}
              </p>
            ) : null}
          </div>
        </div>
      ))}
    </fieldset>
  );
}
