import { useTranslation } from "react-i18next";
import { BackLink } from "#app/components/back-link.tsx";
import { FormPageHead } from "#app/components/form-page-head.tsx";
import { errorsInOrder } from "#app/services/errors-in-order.ts";
import { localeFromParams } from "#app/i18n/locales.ts";
import { submitFormCommand } from "#app/services/forms.ts";
import { authorize, requireUser } from "#app/services/guards.server.ts";
import { DOCUMENT_FIELD_ORDER, DocumentForm } from "../components/document-form.tsx";
import { documentFormOptions, DOCUMENT_MAX_BYTES, uploadsFrom } from "../library-workspace.server.ts";
import { createDocument } from "../library.commands.server.ts";
import { libraryPolicy } from "../library.policy.ts";
import { DocumentFormSchema } from "../library.schema.ts";
import type { Route } from "./+types/workspace-document-new";
import { submittedForm } from "#app/services/form-body.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  authorize(libraryPolicy, actor, "document.list", null);
  return { options: await documentFormOptions(context.db, actor, locale) };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  authorize(libraryPolicy, actor, "document.list", null);
  const form = await submittedForm(request, context);
  return submitFormCommand(
    form,
    DocumentFormSchema,
    async (input) =>
      createDocument(context.db, { actor, requestId: context.requestId }, input, await uploadsFrom(form), {
        files: context.files,
        maxBytes: DOCUMENT_MAX_BYTES,
      }),
    (result) => `/${locale}/workspace/library/${result.id}?saved=created`,
  );
}

export default function WorkspaceDocumentNew({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("library");
  const locale = localeFromParams(params);
  const errors = errorsInOrder(DOCUMENT_FIELD_ORDER, actionData?.errors, t);
  return (
    <>
      <FormPageHead title={t("new.title")} lead={t("new.lead")} errors={errors} fieldIds={{ form: "titleSq" }}>
        <BackLink to={`/${locale}/workspace/library`}>{t("workspace.back")}</BackLink>
      </FormPageHead>
      <DocumentForm
        values={actionData?.values ?? {}}
        errors={errors}
        options={loaderData.options}
        submitLabel={t("new.submit")}
      />
    </>
  );
}
