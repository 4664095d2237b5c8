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

type Without<T> = Omit<T, "name" | "id">;

/** What a control in a named field is given: its id, name and aria wiring. */
type ControlAttributes = { id: string; name: string; "aria-invalid"?: true; "aria-describedby"?: string };

/** Splits a named field's props into the field's and the control's own. */
function splitField<A>(props: NamedField & A): readonly [NamedField, A] {
  const { name, id, label, hint, optional, ...control } = props;
  // What is left once the field's own props are taken out is the control's attributes (A has none of them).
  return [{ name, id, label, hint, optional }, control as unknown as A];
}

/** The labelled `Field` of a named control, its error found by the name; `children` renders the control. */
function NamedFieldOf({
  name,
  id = name,
  label,
  hint,
  optional,
  children,
}: NamedField & { children: (control: ControlAttributes, values: FormFieldValues) => ReactNode }) {
  const { values, errors } = use(FormStateContext);
  return (
    <Field id={id} label={label} hint={hint} error={errors[name]} optional={optional}>
      {(aria) => children({ ...aria, name }, values)}
    </Field>
  );
}

/** A control made a named field: its value, when not given, is read from the form by `valueOf`. */
function namedControl<A extends { defaultValue?: unknown; children?: ReactNode }>(
  Control: (props: A & ControlAttributes) => ReactNode,
  valueOf: (values: FormFieldValues, name: string, attributes: A) => string | string[],
) {
  return function NamedControl(props: NamedField & A) {
    const [field, attributes] = splitField(props);
    return (
      <NamedFieldOf {...field}>
        {(control, values) => (
          <Control
            {...control}
            {...attributes}
            defaultValue={attributes.defaultValue ?? valueOf(values, field.name, attributes)}
          />
        )}
      </NamedFieldOf>
    );
  };
}

/** A text input (or a date, e-mail, URL… input by `type`) in its labelled field. */
export const TextField = namedControl<Without<InputHTMLAttributes<HTMLInputElement>>>(TextInput, fieldValue);

/** A text area in its labelled field. */
export const TextAreaField = namedControl<Without<TextareaHTMLAttributes<HTMLTextAreaElement>>>(TextArea, fieldValue);

/** A native select in its labelled field; its `<option>`s are the children. A multiple select keeps every value. */
export const SelectField = namedControl<Without<SelectHTMLAttributes<HTMLSelectElement>> & { children: ReactNode }>(
  Select,
  (values, name, select) => (select.multiple ? fieldValues(values, name) : fieldValue(values, name)),
);
