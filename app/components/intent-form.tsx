import type { ComponentProps } from "react";
import { Form } from "react-router";
import { CsrfField } from "./csrf-field.tsx";

type IntentFormProps = Omit<ComponentProps<typeof Form>, "method"> & {
  /** The action's intent this form posts. */
  intent: string;
  /** Hidden values the action needs with it (a record's version, the id of the item), in this order. */
  values?: Record<string, string | number>;
};

/**
 * A post form for one intent of a page's action (a page with several forms posts them all to its one
 * action): the CSRF field, the intent and the hidden values, then the form's own fields.
 */
export function IntentForm({ intent, values = {}, children, ...props }: IntentFormProps) {
  return (
    <Form method="post" {...props}>
      <CsrfField />
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(values).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
    </Form>
  );
}
