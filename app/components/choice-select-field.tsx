import type { ComponentProps, ReactNode } from "react";
import { OptionList } from "./form.tsx";
import { SelectField } from "./form-fields.tsx";

/** One choice of a select: its value and its label. */
type Choice = { value: string; label: string };

/**
 * A named select (the form kit's `SelectField`) whose choices are a list: first, when `emptyLabel` is
 * given, the choice of none or any (value ""), then one `<option>` per choice in `options`, then any
 * `<option>`s written out as children. It renders what the select with those options written out renders.
 */
export function ChoiceSelectField({
  emptyLabel,
  options = [],
  children,
  ...field
}: Omit<ComponentProps<typeof SelectField>, "children"> & {
  emptyLabel?: string;
  options?: readonly Choice[];
  children?: ReactNode;
}) {
  return (
    <SelectField {...field}>
      {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
      <OptionList options={options} />
      {children}
    </SelectField>
  );
}
