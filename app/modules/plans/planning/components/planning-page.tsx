import type { ReactNode } from "react";
import { SavedNotice as SavedBox } from "#app/components/saved-notice.tsx";
import { useTranslation } from "react-i18next";
import { BackLink } from "#app/components/back-link.tsx";
import { Button } from "#app/components/button.tsx";
import { ErrorSummary } from "#app/components/form.tsx";
import { IntentForm } from "#app/components/intent-form.tsx";
import { LabelledSection } from "#app/components/labelled-section.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import {
  EditMeta,
  fieldErrors,
  type FormValues,
  type PlanItemFormProps,
  type TranslatedErrors,
} from "./plan-form-fields.tsx";

/*
 * The parts the planning workspace's pages share: a section of a page, the notice of what was
 * saved, the help after a conflict, and the page that edits one item of a plan (an objective, a
 * measure, an indicator): its head, its edit form's section and its section removing the item.
 */

/** A section of a planning page named by its heading (`id` is the heading's); narrow unless given another class. */
export function PlanningSection({
  id,
  heading,
  className = "mb-10 max-w-3xl",
  children,
}: {
  id: string;
  heading: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <LabelledSection id={id} heading={heading} className={className} headingClassName="mb-3">
      {children}
    </LabelledSection>
  );
}

/** What the last form of the page saved (`planning:saved.<key>`), or nothing. */
export function SavedNotice({ saved }: { saved: string | null | false }) {
  const { t } = useTranslation("planning");
  return saved ? <SavedBox>{t(`saved.${saved}`)}</SavedBox> : null;
}

/** After a refusal because someone saved the plan in between (409): what to do now. */
export function ConflictHelp({ errors }: { errors: Partial<Record<string, string>> | undefined }) {
  const { t } = useTranslation("planning");
  return errors?.form === "planning:errors.editedByOthers" ? (
    <p className="mb-6 max-w-2xl rounded bg-amber-50 p-4 text-amber-900">{t("form.conflictHelp")}</p>
  ) : null;
}

/** The section removing an item of a plan: its heading, what goes with it, the reason on an adopted plan, the button. */
function RemoveItemSection({
  heading,
  lead,
  label,
  version,
  adopted,
  errors,
}: {
  heading: string;
  lead?: string;
  label: string;
  version: number;
  adopted: boolean;
  errors: TranslatedErrors;
}) {
  return (
    <PlanningSection id="remove-heading" heading={heading}>
      {lead ? <p className="mb-3">{lead}</p> : null}
      <IntentForm intent="remove" noValidate>
        <EditMeta version={version} adopted={adopted} values={{}} errors={errors} idPrefix="remove-" />
        <Button variant="secondary">{label}</Button>
      </IntentForm>
    </PlanningSection>
  );
}

/** What the action of an item's page answered to a refused form: which form, its errors (translation keys), its values. */
export interface ItemFormAnswer {
  intent: string;
  errors: Partial<Record<string, string>>;
  values: FormValues;
}

/**
 * The page editing one item of a plan (an objective, a measure, an indicator): its head (the document
 * title, the way back, the heading, what was saved, the error summary, where the reason's field is the
 * removal form's when that form was refused, and the help after a conflict), what it shows before the
 * forms (`children`), then, when the reader may edit (`canEdit`), the section with the edit form and the
 * section removing the item. The refused form (`answer.intent`) shows the errors and
 * the values submitted; the edit form shows the stored values otherwise.
 */
export function ItemEditPage({
  title,
  back,
  saved,
  answer,
  fields,
  repeated,
  item,
  canEdit = true,
  editHeading,
  editForm,
  remove,
  children,
}: {
  title: string;
  back: { to: string; label: string };
  saved?: string | null | false;
  answer: ItemFormAnswer | undefined;
  /** The edit form's fields in page order, for the error summary (`repeated`: the prefix of its repeated fields). */
  fields: readonly string[];
  repeated?: string;
  /** The item's stored values, and the version and state of its plan. */
  item: { values: FormValues; version: number; adopted: boolean };
  canEdit?: boolean;
  editHeading: string;
  editForm: (props: PlanItemFormProps) => ReactNode;
  remove: { heading: string; lead?: string; label: string };
  children?: ReactNode;
}) {
  const { t } = useTranslation("planning");
  const errors = fieldErrors(t, answer?.errors, fields, repeated);
  const isRemove = answer?.intent === "remove";
  const { version, adopted } = item;
  return (
    <>
      <PageTitle title={title} isError={Object.keys(errors).length > 0} />
      <BackLink to={back.to}>{back.label}</BackLink>
      <h1 className="mb-6 break-words">{title}</h1>
      <SavedNotice saved={saved ?? null} />
      <ErrorSummary
        errors={errors}
        fieldIds={{ form: adopted ? "reason" : "code", ...(isRemove ? { reason: "remove-reason" } : {}) }}
      />
      <ConflictHelp errors={answer?.errors} />
      {children}
      {canEdit ? (
        <>
          <PlanningSection id="edit-heading" heading={editHeading}>
            {editForm({
              intent: "update",
              values: answer && !isRemove ? answer.values : item.values,
              errors: isRemove ? {} : errors,
              version,
              adopted,
              submitLabel: t("form.save"),
            })}
          </PlanningSection>
          <RemoveItemSection {...remove} version={version} adopted={adopted} errors={isRemove ? errors : {}} />
        </>
      ) : null}
    </>
  );
}
