import { useTranslation } from "react-i18next";
import { data, redirect } from "react-router";
import {
  EditorImagesSection,
  EditorPage,
  useTranslatedErrors,
} from "#app/modules/clearing-house/publishable/editor.tsx";
import { localeFromParams } from "#app/i18n/locales.ts";
import { formValues, parseForm } from "#app/services/forms.ts";
import { requireUser } from "#app/services/guards.server.ts";
import {
  OrganisationField,
  OriginalLocaleField,
  TranslatedFields,
} from "#app/modules/clearing-house/publishable/content-fields.tsx";
import { translatedFormValues, translatedValue } from "#app/modules/clearing-house/publishable/content-form.ts";
import { addNewsImage, createNewsItem, updateNewsItem } from "../news.commands.server.ts";
import { getNewsItem } from "../news.queries.server.ts";
import { ImageAltSchema, NewsFormSchema } from "../news.schema.ts";
import {
  authorizeEditor,
  editorImages,
  editorTarget,
  openEditor,
  requireItem,
} from "#app/modules/clearing-house/publishable/editor.server.ts";
import { readUpload } from "#app/modules/clearing-house/publishable/uploads.server.ts";
import type { Route } from "./+types/workspace-news-edit";
import { submittedForm } from "#app/services/form-body.server.ts";

export async function loader(args: Route.LoaderArgs) {
  const { locale, actor, target, organisations, saved } = await openEditor(args, async () => null);
  if (target === "new")
    return {
      id: null,
      status: null,
      slug: null,
      version: 1,
      values: { originalLocale: "sq", organisationId: organisations[0]?.value ?? "" },
      organisations,
      images: [],
      saved: null,
    };
  const item = requireItem(await getNewsItem(args.context.db, { id: target }, { includeDrafts: true }));
  authorizeEditor(actor, item.organisation?.id ?? null);
  return {
    id: item.id,
    status: item.status,
    slug: item.slug,
    version: item.version,
    values: {
      originalLocale: item.originalLocale,
      organisationId: item.organisation ? String(item.organisation.id) : (organisations[0]?.value ?? ""),
      ...translatedFormValues("title", item.title),
      ...translatedFormValues("summary", item.summary),
      ...translatedFormValues("body", item.body),
    } as Record<string, string>,
    organisations,
    images: editorImages(item.images, locale),
    saved,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const target = editorTarget(params);
  const form = await submittedForm(request, context);
  const intent = String(form.get("intent") ?? "save");
  const audit = { actor, requestId: context.requestId };
  const refuse = (status: number, errors: Record<string, string>) =>
    data({ intent, errors, values: formValues(form) }, { status });
  if (intent === "image" && target !== "new") {
    const alt = parseForm(ImageAltSchema, form);
    if (!alt.ok) return refuse(400, alt.errors);
    const upload = await readUpload(form.get("image"));
    if (!upload) return refuse(400, { image: "news:form.upload.empty" });
    const result = await addNewsImage(
      context.db,
      audit,
      context.files,
      target,
      upload,
      translatedValue(alt.data, "alt") as Record<string, string>,
    );
    if (!result.ok) return refuse(result.status, result.errors);
    throw redirect(`/${locale}/workspace/publishing/news/${target}?saved=image`);
  }
  const parsed = parseForm(NewsFormSchema, form);
  if (!parsed.ok) return refuse(400, parsed.errors);
  const result = await (target === "new"
    ? createNewsItem(context.db, audit, parsed.data)
    : updateNewsItem(context.db, audit, target, parsed.data));
  if (!result.ok) return refuse(result.status, result.errors);
  throw redirect(`/${locale}/workspace/publishing/news/${result.id}?saved=saved`);
}

export default function WorkspaceNewsEdit({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("news");
  const locale = localeFromParams(params);
  const errors = useTranslatedErrors(actionData?.errors);
  const saveErrors = actionData?.intent === "image" ? {} : errors;
  const imageErrors = actionData?.intent === "image" ? errors : {};
  const values: Record<string, string> =
    actionData?.intent !== "image" && actionData?.values ? actionData.values : loaderData.values;
  const title = loaderData.id ? t("editor.editTitle") : t("editor.newTitle");
  return (
    <EditorPage
      locale={locale}
      title={title}
      isError={Boolean(actionData?.errors)}
      status={loaderData.status}
      publicPath={loaderData.slug ? `news/${loaderData.slug}` : null}
      savedMessage={loaderData.saved ? t(`editor.saved.${loaderData.saved === "image" ? "image" : "saved"}`) : null}
      errors={saveErrors}
      intent="save"
      version={values.version ?? loaderData.version}
      isNew={!loaderData.id}
      after={
        loaderData.id ? (
          <EditorImagesSection
            id="images"
            heading={t("editor.images")}
            images={loaderData.images}
            intent="image"
            values={actionData?.intent === "image" ? (actionData.values ?? {}) : {}}
            errors={imageErrors}
            submitLabel={t("editor.addImage")}
            formClassName="mt-4"
          />
        ) : null
      }
    >
      <OrganisationField
        options={loaderData.organisations}
        value={values.organisationId ?? ""}
        error={saveErrors.organisationId}
      />
      <OriginalLocaleField value={values.originalLocale ?? "sq"} error={saveErrors.originalLocale} />
      <TranslatedFields name="title" label={t("editor.title")} values={values} errors={saveErrors} />
      <TranslatedFields
        name="summary"
        label={t("editor.summary")}
        values={values}
        errors={saveErrors}
        multiline
        rows={2}
      />
      <TranslatedFields
        name="body"
        label={t("editor.body")}
        hint={t("editor.bodyHint")}
        values={values}
        errors={saveErrors}
        multiline
        rows={10}
      />
    </EditorPage>
  );
}
