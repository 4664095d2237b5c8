import { useTranslation } from "react-i18next";
import { LabelledSection } from "#app/components/labelled-section.tsx";
import { Button } from "#app/components/button.tsx";
import { ErrorSummary, OptionList } from "#app/components/form.tsx";
import { FormFields, SelectField, TextField } from "#app/components/form-fields.tsx";
import { localeFromParams } from "#app/i18n/locales.ts";
import { localizedString } from "#app/i18n/translated-text.ts";
import {
  ChoiceField,
  OrganisationField,
  OriginalLocaleField,
  MarkdownFields,
  TranslatedFields,
} from "#app/modules/clearing-house/publishable/content-fields.tsx";
import { KindField, MunicipalityField } from "#app/modules/clearing-house/publishable/placed-fields.tsx";
import { translatedFormValuesOf, translatedValue } from "#app/modules/clearing-house/publishable/content-form.ts";
import { todayInKosovo, toKosovoLocalInput } from "#app/services/kosovo-time.ts";
import { ImageAltSchema } from "#app/modules/clearing-house/news/news.schema.ts";
import {
  addEditorPart,
  authorizeEditor,
  backToEditor,
  editorImages,
  NEW_ITEM_STATE,
  newItemValues,
  openEditor,
  placedItemValues,
  type PartText,
  postedPartText,
  readEditorForm,
  requireItem,
  savedItemState,
  saveEditorForm,
} from "#app/modules/clearing-house/publishable/editor.server.ts";
import {
  EditorImagesSection,
  EditorPage,
  PartUploadForm,
  useTranslatedErrors,
} from "#app/modules/clearing-house/publishable/editor.tsx";
import {
  loadOrganisationChoices,
  listOrganisationOptions,
} from "#app/modules/organisations/organisations.queries.server.ts";
import { parseForm } from "#app/services/forms.ts";
import { z } from "zod";
import { addEventDocument, addEventPhoto, addRecommendation, eventCommands } from "../events.commands.server.ts";
import { getEvent } from "../events.queries.server.ts";
import { EVENT_KINDS, EventFormSchema, RecommendationFormSchema } from "../events.schema.ts";
import { recommendationItem } from "../recommendation-items.server.ts";
import { RecommendationList } from "../recommendation-list.tsx";
import type { Route } from "./+types/workspace-event-edit";
import { IntentForm } from "#app/components/intent-form.tsx";

const DocumentTitleSchema = z
  .object({
    doc_sq: z.string().trim().max(300).optional(),
    doc_sr: z.string().trim().max(300).optional(),
    doc_en: z.string().trim().max(300).optional(),
  })
  .refine((v) => Boolean(v.doc_sq || v.doc_sr || v.doc_en), {
    path: ["doc_sq"],
    message: "events:form.errors.documentTitle",
  });

export async function loader(args: Route.LoaderArgs) {
  const { locale, actor, target, organisations, extra, saved } = await openEditor(args, (db, locale) =>
    Promise.all([listOrganisationOptions(db), loadOrganisationChoices(db, locale)]),
  );
  const [allOrganisations, choices] = extra;
  const everyOrganisation = allOrganisations.map((o) => ({
    value: String(o.id),
    label: localizedString(o.name, locale) + (o.acronym ? ` (${o.acronym})` : ""),
  }));
  const base = { organisations, everyOrganisation, municipalities: choices.municipalities, saved };
  if (target === "new")
    return {
      ...base,
      ...NEW_ITEM_STATE,
      values: newItemValues(organisations, { kind: "informative_session" }),
      selected: { organisers: [] as string[], participants: [] as string[] },
      photos: [],
      documents: [],
      recommendations: [],
    };
  const event = requireItem(await getEvent(args.context.db, { id: target }, { includeDrafts: true }));
  authorizeEditor(actor, event.organisationId);
  return {
    ...base,
    ...savedItemState(event, {
      kind: event.kind,
      ...placedItemValues(event, event.organisationId),
      startsAt: toKosovoLocalInput(event.startsAt),
      endsAt: event.endsAt ? toKosovoLocalInput(event.endsAt) : "",
      address: event.address ?? "",
      ...translatedFormValuesOf(event, ["title", "summary", "agenda", "minutes"]),
    }),
    selected: {
      organisers: event.organisations
        .filter((o) => o.role === "organiser" && o.id !== event.organisationId)
        .map((o) => String(o.id)),
      participants: event.organisations.filter((o) => o.role === "participant").map((o) => String(o.id)),
    },
    photos: editorImages(event.photos, locale),
    documents: event.documents.map((d) => ({ id: d.id, fileId: d.fileId, title: localizedString(d.title, locale) })),
    recommendations: event.recommendations.map((r) => recommendationItem(r, locale, todayInKosovo())),
  };
}

/** A document's title from the form, in every written language (one of them required), or the error refusing it. */
function documentTitle(form: FormData): PartText {
  const title = DocumentTitleSchema.safeParse(Object.fromEntries(form));
  if (!title.success) return { ok: false, errors: { doc_sq: "events:form.errors.documentTitle" } };
  return { ok: true, text: translatedValue(title.data, "doc") as Record<string, string> };
}

export async function action(args: Route.ActionArgs) {
  const editor = await readEditorForm(args);
  const { target, intent, form, refuse } = editor;
  if (target !== "new" && intent === "photo")
    return addEditorPart(editor, "events", target, postedPartText(ImageAltSchema, "alt", form), addEventPhoto);
  if (target !== "new" && intent === "document")
    return addEditorPart(editor, "events", target, documentTitle(form), addEventDocument);
  if (target !== "new" && intent === "recommendation") {
    const parsed = parseForm(RecommendationFormSchema, form);
    if (!parsed.ok) return refuse(400, parsed.errors);
    const result = await addRecommendation(editor.context.db, editor.audit, target, parsed.data);
    if (!result.ok) return refuse(result.status, result.errors);
    throw backToEditor(editor.locale, "events", target, "recommendation");
  }
  return saveEditorForm(editor, "events", EventFormSchema, eventCommands);
}

export default function WorkspaceEventEdit({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("events");
  const locale = localeFromParams(params);
  const translatedErrors = useTranslatedErrors(actionData?.errors);
  const errorsFor = (intent: string) => (actionData?.intent === intent ? translatedErrors : {});
  const valuesFor = (intent: string): Record<string, string> =>
    actionData?.intent === intent ? (actionData.values ?? {}) : {};
  const errors = errorsFor("save");
  const values: Record<string, string> =
    actionData?.intent === "save" ? { ...loaderData.values, ...valuesFor("save") } : loaderData.values;
  const selected =
    actionData?.intent === "save"
      ? { organisers: (values.organisers ?? "").split(","), participants: (values.participants ?? "").split(",") }
      : loaderData.selected;
  const multiSelect = (name: "organisers" | "participants") => (
    <SelectField
      name={name}
      label={t(`editor.${name}`)}
      hint={t("editor.multiHint")}
      optional
      multiple
      size={6}
      defaultValue={selected[name]}
    >
      <OptionList options={loaderData.everyOrganisation} />
    </SelectField>
  );
  return (
    <EditorPage
      kind="events"
      locale={locale}
      item={loaderData}
      isError={Boolean(actionData?.errors)}
      savedMessage={
        loaderData.saved
          ? t(
              `editor.saved.${["photo", "document", "recommendation"].includes(loaderData.saved) ? loaderData.saved : "saved"}`,
            )
          : null
      }
      errors={errors}
      intent="save"
      after={
        loaderData.id ? (
          <>
            <LabelledSection id="recs" heading={t("detail.recommendations")} className="mt-10 max-w-3xl">
              {loaderData.recommendations.length ? (
                <RecommendationList items={loaderData.recommendations} locale={locale} showEvent={false} />
              ) : (
                <p>{t("detail.noRecommendations")}</p>
              )}
              <h3 className="mt-4">{t("editor.addRecommendation")}</h3>
              <ErrorSummary errors={errorsFor("recommendation")} />
              <IntentForm intent="recommendation" className="mt-2">
                <FormFields values={valuesFor("recommendation")} errors={errorsFor("recommendation")}>
                  <OriginalLocaleField
                    value={valuesFor("recommendation").originalLocale ?? values.originalLocale ?? "sq"}
                    error={errorsFor("recommendation").originalLocale}
                  />
                  <TranslatedFields
                    name="text"
                    label={t("editor.recommendationText")}
                    values={valuesFor("recommendation")}
                    errors={errorsFor("recommendation")}
                    rows={2}
                  />
                  <ChoiceField
                    id="ownerOrganisationId"
                    label={t("recommendations.owner")}
                    error={errorsFor("recommendation").ownerOrganisationId}
                    options={loaderData.everyOrganisation}
                    value={valuesFor("recommendation").ownerOrganisationId ?? ""}
                  />
                  <TextField name="dueDate" label={t("recommendations.due")} type="date" />
                  <TextField
                    name="measureId"
                    label={t("editor.measureId")}
                    hint={t("editor.measureHint")}
                    optional
                    inputMode="numeric"
                  />
                  <Button type="submit">{t("editor.addRecommendation")}</Button>
                </FormFields>
              </IntentForm>
            </LabelledSection>

            <EditorImagesSection
              id="photos"
              heading={t("detail.photos")}
              images={loaderData.photos}
              intent="photo"
              values={valuesFor("photo")}
              errors={errorsFor("photo")}
              submitLabel={t("editor.addPhoto")}
            />

            <LabelledSection id="docs" heading={t("detail.documents")} className="mt-10 max-w-3xl">
              <ul className="list-disc ps-5">
                {loaderData.documents.map((d) => (
                  <li key={d.id}>
                    <a href={`/files/${d.fileId}`}>{d.title}</a>
                  </li>
                ))}
              </ul>
              <PartUploadForm
                intent="document"
                file={{
                  name: "document",
                  label: t("editor.documentFile"),
                  hint: t("editor.documentHint"),
                  accept: ".pdf,.docx,.xlsx",
                }}
                text={{ name: "doc", label: t("editor.documentTitle") }}
                values={valuesFor("document")}
                errors={errorsFor("document")}
                submitLabel={t("editor.addDocument")}
              />
            </LabelledSection>
          </>
        ) : null
      }
    >
      <FormFields values={values} errors={errors}>
        <OrganisationField
          options={loaderData.organisations}
          value={values.organisationId ?? ""}
          error={errors.organisationId}
          label={t("editor.owner")}
        />
        <KindField kind="events" kinds={EVENT_KINDS} values={values} errors={errors} />
        <OriginalLocaleField value={values.originalLocale ?? "sq"} error={errors.originalLocale} />
        <TranslatedFields name="title" label={t("editor.title")} values={values} errors={errors} />
        <TranslatedFields name="summary" label={t("editor.summary")} values={values} errors={errors} rows={2} />
        <TextField name="startsAt" label={t("editor.startsAt")} hint={t("editor.timeHint")} type="datetime-local" />
        <TextField name="endsAt" label={t("editor.endsAt")} optional type="datetime-local" />
        <MunicipalityField kind="events" options={loaderData.municipalities} values={values} errors={errors} />
        <TextField name="address" label={t("editor.address")} optional />
        {multiSelect("organisers")}
        {multiSelect("participants")}
        <MarkdownFields name="agenda" label={t("detail.agenda")} values={values} errors={errors} rows={5} />
        <MarkdownFields name="minutes" label={t("detail.minutes")} values={values} errors={errors} rows={8} />
      </FormFields>
    </EditorPage>
  );
}
