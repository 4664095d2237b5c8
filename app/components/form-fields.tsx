import {
  createContext,
  use,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";
import { Field, Select, TextArea, TextInput, type FieldErrors } from "./form.tsx";

/*
 * A form's fields named once each. `<FormFields values errors>` gives the fields inside it the form's
 * submitted (or stored) values and its translated errors; `<TextField name="startDate" label=… />` then
 * renders the labelled `Field` with its hint and error, and the control with its name and value, as a
 * `Field` written out by hand would. The value and error are found by the field's name.
 */

/** Submitted or stored values by field name; several for a multiple select or a set of checkboxes. */
export type FormFieldValues = Readonly<Record<string, string | readonly string[] | null | undefined>>;

interface FormState {
  values: FormFieldValues;
  errors: FieldErrors;
}

const FormStateContext = createContext<FormState>({ values: {}, errors: {} });

/** Gives the fields inside it their form's values and errors. */
export function FormFields({ values, errors, children }: FormState & { children: ReactNode }) {
  return <FormStateContext value={{ values, errors }}>{children}</FormStateContext>;
}

/** The value of a field as one string: the first of several, "" when there is none. */
export function fieldValue(values: FormFieldValues, name: string): string {
  const value = values[name];
  return (typeof value === "string" ? value : value?.[0]) ?? "";
}

/** The values of a multi-valued field; a single value counts as a list of one. */
export function fieldValues(values: FormFieldValues, name: string): string[] {
  const value = values[name];
  if (value === null || value === undefined || value === "") return [];
  return typeof value === "string" ? [value] : [...value];
}

/** What every named field takes besides its control's own attributes. */
interface NamedField {
  /** The control's `name`, and the key of its value and error. */
  name: string;
  /** The control's `id` when it is not the name. */
  id?: string;
  label: ReactNode;
  hint?: ReactNode;
  optional?: boolean;
}

type Without<T> = Omit<T, "name" | "id" | "children">;

/** The form state and the error of one field. */
function useFieldState(name: string) {
  const { values, errors } = use(FormStateContext);
  return { values, error: errors[name] };
}

/** A text input (or a date, e-mail, URL… input by `type`) in its labelled field. */
export function TextField({
  name,
  id = name,
  label,
  hint,
  optional,
  defaultValue,
  ...input
}: NamedField & Without<InputHTMLAttributes<HTMLInputElement>>) {
  const { values, error } = useFieldState(name);
  return (
    <Field id={id} label={label} hint={hint} error={error} optional={optional}>
      {(aria) => <TextInput {...aria} name={name} {...input} defaultValue={defaultValue ?? fieldValue(values, name)} />}
    </Field>
  );
}

/** A text area in its labelled field. */
export function TextAreaField({
  name,
  id = name,
  label,
  hint,
  optional,
  defaultValue,
  ...area
}: NamedField & Without<TextareaHTMLAttributes<HTMLTextAreaElement>>) {
  const { values, error } = useFieldState(name);
  return (
    <Field id={id} label={label} hint={hint} error={error} optional={optional}>
      {(aria) => <TextArea {...aria} name={name} {...area} defaultValue={defaultValue ?? fieldValue(values, name)} />}
    </Field>
  );
}

/** A native select in its labelled field; its `<option>`s are the children. A multiple select keeps every value. */
export function SelectField({
  name,
  id = name,
  label,
  hint,
  optional,
  defaultValue,
  children,
  ...select
}: NamedField & Without<SelectHTMLAttributes<HTMLSelectElement>> & { children: ReactNode }) {
  const { values, error } = useFieldState(name);
  const value = defaultValue ?? (select.multiple ? fieldValues(values, name) : fieldValue(values, name));
  return (
    <Field id={id} label={label} hint={hint} error={error} optional={optional}>
      {(aria) => (
        <Select {...aria} name={name} {...select} defaultValue={value}>
          {children}
        </Select>
      )}
    </Field>
  );
}
