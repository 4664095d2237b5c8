import type { ReactNode } from "react";
import { ErrorSummary, type FieldErrors } from "./form.tsx";
import { PageHeader } from "./page-header.tsx";
import { PageTitle } from "./page-title.tsx";

/**
 * The head of a page that is one form: the document title (marked as an error when the form was
 * refused), its children (the `BackLink` to where the form was opened from, if any), the heading
 * with its lead and the summary of the form's errors. It renders the same elements as the four
 * written out.
 */
export function FormPageHead({
  title,
  lead,
  errors,
  fieldIds,
  children,
}: {
  title: string;
  lead?: string;
  errors: FieldErrors;
  fieldIds?: Record<string, string>;
  children?: ReactNode;
}) {
  return (
    <>
      <PageTitle title={title} isError={Object.keys(errors).length > 0} />
      {children}
      <PageHeader title={title} lead={lead} />
      <ErrorSummary errors={errors} fieldIds={fieldIds} />
    </>
  );
}
