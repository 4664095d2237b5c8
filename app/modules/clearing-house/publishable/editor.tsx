import type { ReactNode } from "react";
import { LabelledSection } from "#app/components/labelled-section.tsx";
import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { Button } from "#app/components/button.tsx";
import { CsrfField } from "#app/components/csrf-field.tsx";
import { FileUploadField } from "#app/components/file-upload-field.tsx";
import { ErrorSummary } from "#app/components/form.tsx";
import { FormFields } from "#app/components/form-fields.tsx";
import { TitledPageHead } from "#app/components/titled-page-head.tsx";
import { Tag } from "#app/components/tag.tsx";
import type { PublicationStatus } from "#app/db/tables/clearing-house.ts";
import type { ContentKind } from "./content-kinds.ts";
import { OrganisationField, TranslatedFields } from "./content-fields.tsx";
import { SavedNotice } from "#app/components/saved-notice.tsx";

/**
 * The page of every editor of a publishable item (decision 048): the way back to the publishing
 * list, the title ("New …" or "Edit …", from the kind's namespace), the item's status with a link to
 * its public page, the "saved" notice, the error summary, and the form (CSRF token, the version it
 * was loaded at, the kind's fields, save). What a kind adds below the form (images, documents,
 * recommendations) comes as `after`.
 */
export function EditorPage({
  kind,
  locale,
  item,
  isError,
  savedMessage,
  errors,
  intent,
  version = item.version,
  children,
  after,
}: {
  /** The kind's namespace, which is also its public path (`services`). */
  kind: ContentKind;
  locale: string;
  /** The item as its editor's loader read it: no id, slug or status before it is saved. */
  item: { id: number | null; slug: string | null; status: PublicationStatus | null; version: number };
  isError: boolean;
  savedMessage: string | null;
  /** The form's errors, already in the reader's language. */
  errors: Record<string, string>;
  /** The `intent` of the form, for editors with several forms. */
  intent?: string;
  /** The version the form posts, when not the item's (a refused form's). */
  version?: number | string;
  children: ReactNode;
  after?: ReactNode;
}) {
  const { t } = useTranslation("news");
  const { t: tk } = useTranslation(kind);
  const title = item.id ? tk("editor.editTitle") : tk("editor.newTitle");
  const { status } = item;
  return (
    <>
      <TitledPageHead
        title={title}
        back={{ to: `/${locale}/workspace/publishing`, label: t("editor.back") }}
        isError={isError}
      >
        {title}
      </TitledPageHead>
      {status ? (
        <p className="mt-2 flex flex-wrap items-center gap-2">
          <Tag tone={status === "published" ? "success" : "warning"}>{t(`publishing.status.${status}`)}</Tag>
          {status === "published" && item.slug ? (
            <Link to={`/${locale}/${kind}/${item.slug}`}>{t("editor.viewPublic")}</Link>
          ) : null}
        </p>
      ) : null}
      {savedMessage ? (
        <SavedNotice className="mt-3 rounded border-s-4 border-emerald-600 bg-emerald-50 p-3">
          {savedMessage}
        </SavedNotice>
      ) : null}
      <ErrorSummary errors={errors} />
      <Form method="post" className="mt-4 max-w-3xl">
        <CsrfField />
        {intent ? <input type="hidden" name="intent" value={intent} /> : null}
        <input type="hidden" name="version" value={version} />
        {children}
        <Button type="submit">{item.id ? t("editor.save") : t("editor.create")}</Button>
      </Form>
      {after}
    </>
  );
}

/** The errors of a refused form in the reader's language (they come as translation keys). */
export function useTranslatedErrors(errors: Record<string, string> | undefined): Record<string, string> {
  const { t } = useTranslation();
  return Object.fromEntries(Object.entries(errors ?? {}).map(([key, message]) => [key, t(message)]));
}

/**
 * The page of an editor that is one form (services, opportunities): the refused form's values over
 * the saved ones, its errors in the reader's language, the kind's title ("New …" or "Edit …", from
 * its namespace) and the page around the fields the kind draws from those values and errors (which the
 * form kit's named fields inside find by themselves).
 */
export function OneFormEditorPage({
  kind,
  locale,
  loaderData,
  actionData,
  organisationLabel,
  children,
}: {
  /** The kind's namespace, which is also its public path (`services`). */
  kind: "services" | "opportunities";
  locale: string;
  loaderData: {
    id: number | null;
    slug: string | null;
    status: PublicationStatus | null;
    version: number;
    saved: boolean;
    values: Record<string, string>;
    organisations: { value: string; label: string }[];
  };
  /** The label of the first field, the organisation the item is of (its provider, who posts it). */
  organisationLabel: string;
  actionData: { errors?: Record<string, string>; values?: Record<string, string> } | undefined;
  children: (values: Record<string, string>, errors: Record<string, string>) => ReactNode;
}) {
  const { t: tn } = useTranslation("news");
  const errors = useTranslatedErrors(actionData?.errors);
  const values: Record<string, string> = actionData?.values
    ? { ...loaderData.values, ...actionData.values }
    : loaderData.values;
  return (
    <EditorPage
      kind={kind}
      locale={locale}
      item={loaderData}
      isError={Boolean(actionData?.errors)}
      savedMessage={loaderData.saved ? tn("editor.saved.saved") : null}
      errors={errors}
    >
      <OrganisationField
        options={loaderData.organisations}
        value={values.organisationId ?? ""}
        error={errors.organisationId}
        label={organisationLabel}
      />
      <FormFields values={values} errors={errors}>
        {children(values, errors)}
      </FormFields>
    </EditorPage>
  );
}

/**
 * The form that adds a part to a saved item (a news image, an event photo or document), below its
 * editor: the part's errors, the file and its translated text (alt text or title), posted as
 * multipart with its `intent`, without JavaScript.
 */
export function PartUploadForm({
  intent,
  file,
  text,
  values,
  errors,
  submitLabel,
  className = "mt-3",
}: {
  intent: string;
  file: { name: string; label: string; hint: string; accept: string };
  text: { name: string; label: string; hint?: string };
  values: Record<string, string>;
  errors: Record<string, string>;
  submitLabel: string;
  className?: string;
}) {
  return (
    <>
      <ErrorSummary errors={errors} />
      <Form method="post" encType="multipart/form-data" className={className}>
        <CsrfField />
        <input type="hidden" name="intent" value={intent} />
        <FileUploadField
          id={file.name}
          label={file.label}
          hint={file.hint}
          error={errors[file.name]}
          accept={file.accept}
          className="block"
        />
        <TranslatedFields name={text.name} label={text.label} hint={text.hint} values={values} errors={errors} />
        <Button type="submit">{submitLabel}</Button>
      </Form>
    </>
  );
}

/** A picture of an item as its editor shows it: the thumbnail's file, its size and alt text. */
export type EditorImage = { id: number; thumb: string; width: number; height: number; alt: string };

/**
 * An item's pictures in its editor (news images, event photos): the thumbnails, then the form that
 * adds one with its alt text (the file field is named like the intent). The file and alt labels are
 * news's, which every kind with pictures uses.
 */
export function EditorImagesSection({
  id,
  heading,
  images,
  intent,
  values,
  errors,
  submitLabel,
  formClassName,
}: {
  id: string;
  heading: string;
  images: EditorImage[];
  intent: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  submitLabel: string;
  formClassName?: string;
}) {
  const { t } = useTranslation("news");
  return (
    <LabelledSection id={id} heading={heading} className="mt-10 max-w-3xl">
      <ul className="mt-2 grid grid-cols-2 gap-3 sm:grid-cols-4">
        {images.map((i) => (
          <li key={i.id}>
            <img
              src={`/files/${i.thumb}`}
              alt={i.alt}
              width={i.width}
              height={i.height}
              className="h-auto w-full rounded"
            />
          </li>
        ))}
      </ul>
      <PartUploadForm
        intent={intent}
        file={{
          name: intent,
          label: t("editor.imageFile"),
          hint: t("editor.imageHint"),
          accept: "image/jpeg,image/png,image/webp,image/gif",
        }}
        text={{ name: "alt", label: t("editor.alt"), hint: t("editor.altHint") }}
        values={values}
        errors={errors}
        submitLabel={submitLabel}
        className={formClassName}
      />
    </LabelledSection>
  );
}
