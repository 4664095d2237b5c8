import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Form, Link, useLocation } from "react-router";
import { Button } from "./button.tsx";
import { Field, TextInput } from "./form.tsx";

/*
 * The filter form of the workspace's lists (cases, organisations, users): a GET form that works
 * without JavaScript, laid out in a grid, with the filter button and — when something is
 * filtered — a link back to the whole list. Each filter is a `ChoiceField` or a `SearchField`.
 */

/** A workspace list's filters; keyed by the query string so that going back shows the filters of that page. */
export function WorkspaceFilterForm({
  label,
  clear,
  children,
}: {
  label: string;
  clear?: { to: string; label: string } | null;
  children: ReactNode;
}) {
  const { t } = useTranslation("core");
  const location = useLocation();
  return (
    <Form
      method="get"
      key={location.search}
      role="search"
      aria-label={label}
      className="mb-6 grid gap-x-4 rounded-lg border border-slate-200 bg-slate-50 p-4 sm:grid-cols-2 lg:grid-cols-4"
    >
      {children}
      <div className="flex flex-wrap items-center gap-4 sm:col-span-2 lg:col-span-4">
        <Button>{t("form.filter")}</Button>
        {clear ? <Link to={clear.to}>{clear.label}</Link> : null}
      </div>
    </Form>
  );
}

/** A list's filters as a GET form named by its own heading (the audit log's, the library's); `tone` is its background. */
export function HeadedFilterForm({
  id,
  heading,
  action,
  tone,
  children,
}: {
  id: string;
  heading: string;
  action: string;
  tone: "bg-white" | "bg-slate-50";
  children: ReactNode;
}) {
  return (
    <Form
      method="get"
      action={action}
      className={`mb-6 rounded-lg border border-slate-200 ${tone} p-4`}
      aria-labelledby={id}
    >
      <h2 id={id} className="mb-3 text-lg">
        {heading}
      </h2>
      {children}
    </Form>
  );
}

/** The free-text filter of a list (`q`, at most 100 characters). */
export function SearchField({
  label,
  hint,
  error,
  value,
}: {
  label: string;
  hint?: string;
  error?: string | undefined;
  value: string | undefined;
}) {
  return (
    <Field id="q" label={label} hint={hint} error={error}>
      {(aria) => <TextInput {...aria} type="search" name="q" defaultValue={value} maxLength={100} />}
    </Field>
  );
}
