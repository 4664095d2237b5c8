import type { ComponentProps } from "react";
import { TextField } from "./form-fields.tsx";

/**
 * An e-mail address in its labelled field, named once inside `FormFields`: the input `EmailInput`
 * renders (at most 254 characters, never spell-checked, not filled in by the browser unless
 * `autoComplete` says), with its value and error found by the field's name.
 */
export function EmailField({ autoComplete = "off", ...props }: Omit<ComponentProps<typeof TextField>, "type">) {
  return <TextField type="email" {...props} maxLength={254} autoComplete={autoComplete} spellCheck={false} />;
}
