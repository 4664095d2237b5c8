import { useTranslation } from "react-i18next";
import {
  EditorImagesSection,
  EditorPage,
  useTranslatedErrors,
} from "#app/modules/clearing-house/publishable/editor.tsx";
import { localeFromParams } from "#app/i18n/locales.ts";
import {
  OrganisationField,
  OriginalLocaleField,
  MarkdownFields,
  TranslatedFields,
} from "#app/modules/clearing-house/publishable/content-fields.tsx";
import { translatedFormValuesOf } from "#app/modules/clearing-house/publishable/content-form.ts";
import { addNewsImage, newsCommands } from "../news.commands.server.ts";
import { getNewsItem } from "../news.queries.server.ts";
import { ImageAltSchema, NewsFormSchema } from "../news.schema.ts";
import {
  addEditorPart,
  authorizeEditor,
  editorImages,
  NEW_ITEM_STATE,
  newItemValues,
  openEditor,
  postedPartText,
  readEditorForm,
  requireItem,
  savedItemState,
  saveEditorForm,
} from "#app/modules/clearing-house/publishable/editor.server.ts";
import type { Route } from "./+types/workspace-news-edit";

export async function loader(args: Route.LoaderArgs) {
  const { locale, actor, target, organisations, saved } = await openEditor(args, async () => null);
  if (target === "new")
    return { ...NEW_ITEM_STATE, values: newItemValues(organisations), organisations, images: [], saved: null };
  const item = requireItem(await getNewsItem(args.context.db, { id: target }, { includeDrafts: true }));
  authorizeEditor(actor, item.organisation?.id ?? null);
  return {
    ...savedItemState(item, {
      originalLocale: item.originalLocale,
      organisationId: item.organisation ? String(item.organisation.id) : (organisations[0]?.value ?? ""),
      ...translatedFormValuesOf(item, ["title", "summary", "body"]),
    }),
    organisations,
    images: editorImages(item.images, locale),
    saved,
  };
}

export async function action(args: Route.ActionArgs) {
  const editor = await readEditorForm(args);
  if (editor.intent === "image" && editor.target !== "new")
    return addEditorPart(
      editor,
      "news",
      editor.target,
      postedPartText(ImageAltSchema, "alt", editor.form),
      addNewsImage,
    );
  return saveEditorForm(editor, "news", NewsFormSchema, newsCommands);
}

export default function WorkspaceNewsEdit({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("news");
  const locale = localeFromParams(params);
  const errors = useTranslatedErrors(actionData?.errors);
  const saveErrors = actionData?.intent === "image" ? {} : errors;
  const imageErrors = actionData?.intent === "image" ? errors : {};
  const values: Record<string, string> =
    actionData?.intent !== "image" && actionData?.values ? actionData.values : loaderData.values;
  return (
    <EditorPage
      kind="news"
      locale={locale}
      item={loaderData}
      isError={Boolean(actionData?.errors)}
      savedMessage={loaderData.saved ? t(`editor.saved.${loaderData.saved === "image" ? "image" : "saved"}`) : null}
      errors={saveErrors}
      intent="save"
      version={values.version ?? loaderData.version}
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
      <TranslatedFields name="summary" label={t("editor.summary")} values={values} errors={saveErrors} rows={2} />
      <MarkdownFields name="body" label={t("editor.body")} values={values} errors={saveErrors} rows={10} />
    </EditorPage>
  );
}
