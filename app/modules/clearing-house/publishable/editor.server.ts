import { data, redirect } from "react-router";
import type { z } from "zod";
import type { ServerContext } from "#app/context.ts";
import { localeFromParams, type Locale } from "#app/i18n/locales.ts";
import type { AuditContext } from "#app/services/audit.server.ts";
import type { Actor } from "#app/services/authorization.ts";
import type { CommandResult, SavedRecord } from "#app/services/commands.server.ts";
import { formValues, parseForm } from "#app/services/forms.ts";
import { authorizeRecord, requireUser } from "#app/services/guards.server.ts";
import { requireIdParam } from "#app/services/ids.ts";
import type { Db } from "#app/db/client.server.ts";
import type { PublicationStatus } from "#app/db/tables/clearing-house.ts";
import type { TranslatedText } from "#app/db/schema.ts";
import { localizedString } from "#app/i18n/translated-text.ts";
import { translatedValue } from "./content-form.ts";
import type { ContentKind } from "./content-kinds.ts";
import type { publishablePart } from "./publishable.server.ts";
import { publishingPolicy } from "./publishing.policy.ts";
import { loadWritableOrganisationOptions } from "./publishing.queries.server.ts";
import { readUpload } from "./uploads.server.ts";
import { submittedForm } from "#app/services/form-body.server.ts";

/*
 * The loader and action of every editor of a publishable item (decision 048): who is writing, which
 * item (`new` or its id), the organisations they write for, the check that they may edit it, and
 * saving the form through the kind's create and update commands (post/redirect/get).
 */

type SignedIn = Extract<Actor, { kind: "user" }>;

/** What an editor's loader and action receive. */
export interface EditorArgs {
  request: Request;
  params: { lang?: string; id?: string };
  context: ServerContext;
}

/** `new` or the item's id (anything else is a 404). */
export function editorTarget(params: { id?: string }): number | "new" {
  if (params.id === "new") return "new";
  return requireIdParam(params.id);
}

/**
 * Opens an editor: the signed-in writer, the target, and the organisations they write for (a 403
 * when none), with what the kind's form needs besides (`alongside`, read at the same time).
 */
export async function openEditor<T>(
  { request, params, context }: EditorArgs,
  alongside: (db: Db, locale: Locale) => Promise<T>,
): Promise<{
  locale: Locale;
  actor: SignedIn;
  target: number | "new";
  organisations: { value: string; label: string }[];
  extra: T;
  saved: string | null;
}> {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const target = editorTarget(params);
  const [organisations, extra] = await Promise.all([
    loadWritableOrganisationOptions(context.db, actor, locale),
    alongside(context.db, locale),
  ]);
  if (organisations.length === 0) throw data(null, { status: 403 });
  return { locale, actor, target, organisations, extra, saved: new URL(request.url).searchParams.get("saved") };
}

/** A 403 unless the actor may edit an item of the organisation (an item of none: coordinators only). */
export function authorizeEditor(actor: SignedIn, organisationId: number | null): void {
  if (organisationId === null) authorizeRecord(publishingPolicy, actor, "content.moderate", null);
  else authorizeRecord(publishingPolicy, actor, "content.update", { organisationId });
}

/** The item, or a 404 when there is none. */
export function requireItem<T>(item: T | null | undefined): T {
  if (!item) throw data(null, { status: 404 });
  return item;
}

/** An editor's state before the item exists: no id, slug or status yet, version 1. */
export const NEW_ITEM_STATE = { id: null, slug: null, status: null, version: 1 } as const;

/** A new item's form values: written in Albanian, for the writer's first organisation, with the kind's own defaults. */
export function newItemValues(
  organisations: readonly { value: string }[],
  defaults: Record<string, string> = {},
): Record<string, string> {
  return { originalLocale: "sq", organisationId: organisations[0]?.value ?? "", ...defaults };
}

/** An editor's state of a saved item: its id, slug, status and version, and its form values. */
export function savedItemState(
  item: { id: number; slug: string; status: PublicationStatus; version: number },
  values: Record<string, string>,
) {
  return { id: item.id, slug: item.slug, status: item.status, version: item.version, values };
}

/** The form values every kind has: the original language, the organisation and the municipality (empty for none). */
export function placedItemValues(
  item: { originalLocale: string; kasCode: string | null },
  organisationId: number,
): Record<string, string> {
  return { originalLocale: item.originalLocale, organisationId: String(organisationId), kasCode: item.kasCode ?? "" };
}

/** What the editor of a placed item reads of it: its state, the organisation it belongs to, its place. */
interface EditablePlacedItem {
  id: number;
  slug: string;
  status: PublicationStatus;
  version: number;
  originalLocale: string;
  kasCode: string | null;
  organisation: { id: number };
}

/**
 * The loader of a one-form editor (services, opportunities): the writer, the organisations they write
 * for and what the form needs besides (`alongside`, of which `pick` keeps what the page uses), and
 * either a new item's values or the saved item (404 when there is none, 403 unless the writer may
 * edit it) with its form values — the original language, organisation and municipality, then the
 * kind's own (`values`).
 */
export async function loadPlacedItemEditor<T, E extends object, I extends EditablePlacedItem>(
  args: EditorArgs,
  editor: {
    alongside: (db: Db, locale: Locale) => Promise<T>;
    pick: (extra: T) => E;
    newValues?: Record<string, string>;
    get: (db: Db, id: number) => Promise<I | null | undefined>;
    values: (item: I) => Record<string, string>;
  },
) {
  const { actor, target, organisations, extra, saved } = await openEditor(args, editor.alongside);
  const base = { organisations, ...editor.pick(extra), saved: saved === "saved" };
  if (target === "new") {
    return { ...base, ...NEW_ITEM_STATE, values: newItemValues(organisations, editor.newValues) };
  }
  const item = requireItem(await editor.get(args.context.db, target));
  authorizeEditor(actor, item.organisation.id);
  return {
    ...base,
    ...savedItemState(item, { ...placedItemValues(item, item.organisation.id), ...editor.values(item) }),
  };
}

/** The kind's commands an editor saves through. */
export interface EditorCommands<Input> {
  create: (db: Db, audit: AuditContext, input: Input) => Promise<CommandResult<SavedRecord>>;
  update: (db: Db, audit: AuditContext, id: number, input: Input) => Promise<CommandResult<SavedRecord>>;
}

/**
 * Saves an editor's form: parsed with the kind's schema (400 with the field errors and the submitted
 * values), created or updated by the kind's command (its refusal's status, the values kept), then
 * back to the editor with "Saved".
 */
export async function saveEditor<S extends z.ZodType>(
  args: EditorArgs,
  kind: ContentKind,
  schema: S,
  commands: EditorCommands<z.infer<S>>,
) {
  const editor = await readEditorForm(args);
  const parsed = parseForm(schema, editor.form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await createOrUpdate(editor, commands, parsed.data);
  if (!result.ok) return data({ errors: result.errors, values: formValues(editor.form) }, { status: result.status });
  throw backToEditor(editor.locale, kind, result.id, "saved");
}

/** An item's pictures (news images, event photos) as its editor shows them: the thumbnail, its size, the alt text. */
export function editorImages(
  images: { id: number; thumbFileId: string; width: number; height: number; alt: TranslatedText }[],
  locale: Locale,
) {
  return images.map((i) => ({
    id: i.id,
    thumb: i.thumbFileId,
    width: i.width,
    height: i.height,
    alt: localizedString(i.alt, locale),
  }));
}

/**
 * The posted form of an editor with several forms (news, events: the item's own form, then the forms that add
 * images, photos, documents or recommendations, each posted with its `intent`): the writer, the target, the
 * form, its intent (`save` when none), the audit context, and `refuse`, the answer to a refused form — its
 * status, with the intent, the errors and the values sent, so the page shows them at the form they came from.
 */
export async function readEditorForm({ request, params, context }: EditorArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const target = editorTarget(params);
  const form = await submittedForm(request, context);
  const intent = String(form.get("intent") ?? "save");
  const audit = { actor, requestId: context.requestId };
  const refuse = (status: number, errors: Record<string, string>) =>
    data({ intent, errors, values: formValues(form) }, { status });
  return { locale, context, target, form, intent, audit, refuse };
}

/** An editor's posted form, as `readEditorForm` reads it. */
export type EditorForm = Awaited<ReturnType<typeof readEditorForm>>;

/** Back to an item's editor after a post (post/redirect/get), saying what was saved (`saved`, `image`, `photo`…). */
export function backToEditor(locale: Locale, kind: ContentKind, id: number, saved: string) {
  return redirect(`/${locale}/workspace/publishing/${kind}/${id}?saved=${saved}`);
}

/** Creates the item of an editor's form, or updates it, through the kind's commands. */
function createOrUpdate<Input>(editor: EditorForm, commands: EditorCommands<Input>, input: Input) {
  const { context, audit, target } = editor;
  return target === "new"
    ? commands.create(context.db, audit, input)
    : commands.update(context.db, audit, target, input);
}

/**
 * Saves the item's own form of an editor with several forms: parsed with the kind's schema, created or updated
 * by the kind's commands, then back to the editor with "Saved"; a refusal keeps the intent and the values sent.
 */
export async function saveEditorForm<S extends z.ZodType>(
  editor: EditorForm,
  kind: ContentKind,
  schema: S,
  commands: EditorCommands<z.infer<S>>,
) {
  const parsed = parseForm(schema, editor.form);
  if (!parsed.ok) return editor.refuse(400, parsed.errors);
  const result = await createOrUpdate(editor, commands, parsed.data);
  if (!result.ok) return editor.refuse(result.status, result.errors);
  throw backToEditor(editor.locale, kind, result.id, "saved");
}

/** The text posted with a part (a picture's alt text, a document's title), one entry per written language, or the errors refusing it. */
export type PartText = { ok: true; text: Record<string, string> } | { ok: false; errors: Record<string, string> };

/** A part's text from the form, read by its schema as a translatable field (`<name>_sq`, `<name>_sr`, `<name>_en`). */
export function postedPartText(schema: z.ZodType, name: string, form: FormData): PartText {
  const parsed = parseForm(schema, form);
  if (!parsed.ok) return parsed;
  return { ok: true, text: translatedValue(parsed.data as Record<string, unknown>, name) as Record<string, string> };
}

/**
 * Adds a part to a saved item from its editor (a news image, an event photo or document): its text (or the
 * errors refusing it), then the file of the field named like the intent (refused when none was chosen), the
 * kind's part command (`publishablePart`), and back to the editor saying which part was saved.
 */
export async function addEditorPart(
  editor: EditorForm,
  kind: ContentKind,
  id: number,
  part: PartText,
  add: ReturnType<typeof publishablePart>,
) {
  if (!part.ok) return editor.refuse(400, part.errors);
  const upload = await readUpload(editor.form.get(editor.intent));
  if (!upload) return editor.refuse(400, { [editor.intent]: "news:form.upload.empty" });
  const result = await add(editor.context.db, editor.audit, editor.context.files, id, upload, part.text);
  if (!result.ok) return editor.refuse(result.status, result.errors);
  throw backToEditor(editor.locale, kind, id, editor.intent);
}
