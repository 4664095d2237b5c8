import { Form } from "react-router";
import { Button } from "#app/components/button.tsx";
import { CsrfField } from "#app/components/csrf-field.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";

/**
 * A page that only offers one button, because what it does changes data and so takes a POST
 * (signing out, confirming an e-mail address from its link).
 */
export function OneButtonPage({ title, lead, submit }: { title: string; lead: string; submit: string }) {
  return (
    <div className="max-w-xl">
      <PageTitle title={title} />
      <PageHeader title={title} lead={lead} />
      <Form method="post">
        <CsrfField />
        <Button>{submit}</Button>
      </Form>
    </div>
  );
}
