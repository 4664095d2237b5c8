import type { InputHTMLAttributes, ReactNode } from "react";
import { Field } from "./form.tsx";

/**
 * A file to upload in its labelled field, with its hint and error (a plain multipart POST: it works
 * without JavaScript). The input's own attributes (`accept`, `required`, `className`) follow its name.
 */
export function FileUploadField({
  id,
  name = id,
  label,
  hint,
  error,
  optional,
  ...input
}: {
  id: string;
  /** The input's `name` when it is not its id. */
  name?: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  optional?: boolean;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name" | "type" | "children">) {
  return (
    <Field id={id} label={label} hint={hint} error={error} optional={optional}>
      {(aria) => <input {...aria} type="file" name={name} {...input} />}
    </Field>
  );
}
