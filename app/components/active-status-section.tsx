import { Form } from "react-router";
import { Button } from "./button.tsx";
import { CsrfField } from "./csrf-field.tsx";

/**
 * The section of a workspace record (a user, an organisation) that deactivates it or brings it
 * back: a heading, what the change does, and a form posting `intent` (`deactivate`/`reactivate`)
 * with the record's `version`. The texts are the caller's, already translated, for the record's
 * current state.
 */
export function ActiveStatusSection({
  headingId,
  heading,
  help,
  buttonLabel,
  isActive,
  version,
}: {
  headingId: string;
  heading: string;
  help: string;
  buttonLabel: string;
  isActive: boolean;
  version: number;
}) {
  return (
    <section aria-labelledby={headingId} className="mb-10 max-w-2xl">
      <h2 id={headingId} className="mb-2">
        {heading}
      </h2>
      <p className="mb-4">{help}</p>
      <Form method="post">
        <CsrfField />
        <input type="hidden" name="intent" value={isActive ? "deactivate" : "reactivate"} />
        <input type="hidden" name="version" value={version} />
        <Button variant={isActive ? "danger" : "primary"}>{buttonLabel}</Button>
      </Form>
    </section>
  );
}
