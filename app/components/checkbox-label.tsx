import type { InputHTMLAttributes, ReactNode } from "react";

/**
 * A checkbox inside its label, so the words are part of what one clicks: `className` lays out the label,
 * `boxClassName` sizes the box, and the other props are the checkbox's own (`name`, `value`,
 * `defaultChecked`…, kept in the order given). It renders the same label and input as written out.
 */
export function CheckboxLabel({
  className,
  boxClassName = "h-5 w-5",
  children,
  ...checkbox
}: Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "className" | "children"> & {
  className: string;
  boxClassName?: string;
  children: ReactNode;
}) {
  return (
    <label className={className}>
      <input type="checkbox" {...checkbox} className={boxClassName} />
      {children}
    </label>
  );
}

/** One option of a list of checkboxes whose labels may wrap: the box sits at the label's first line. */
export function OptionCheckbox({
  name,
  option,
  checked,
}: {
  name: string;
  option: { value: string; label: string };
  checked: boolean;
}) {
  return (
    <CheckboxLabel
      className="flex items-start gap-2"
      boxClassName="mt-1 h-5 w-5"
      name={name}
      value={option.value}
      defaultChecked={checked}
    >
      <span>{option.label}</span>
    </CheckboxLabel>
  );
}
