import type { Db } from "#app/db/client.server.ts";
import type { Locale } from "#app/i18n/locales.ts";
import { localize } from "#app/i18n/translated-text.ts";
import { isCoordinator, organisationsOf, type Actor } from "#app/services/authorization.ts";
import type { DocumentFormOptions } from "./components/document-form.tsx";
import type { PendingUpload } from "./library.commands.server.ts";
import { loadDocumentFormChoices } from "./library.queries.server.ts";
import { DOCUMENT_FORM_LOCALES, FILE_FIELDS } from "./library.schema.ts";

/** Largest document file accepted (the server refuses larger request bodies before they are read). */
export const DOCUMENT_MAX_BYTES = 20 * 1024 * 1024;

/** The organisations whose documents the actor keeps: every one for coordinators. */
export function documentScope(actor: Actor): number[] | "all" {
  return isCoordinator(actor) ? "all" : organisationsOf(actor);
}

/** The form's choices, with labels in the reader's language (one query). */
export async function documentFormOptions(db: Db, actor: Actor, locale: Locale): Promise<DocumentFormOptions> {
  const choices = await loadDocumentFormChoices(db, documentScope(actor));
  const name = (value: Parameters<typeof localize>[0]) => localize(value, locale)?.text ?? "";
  return {
    organisations: choices.organisations.map((o) => ({ value: String(o.id), label: name(o.name) })),
    sectors: choices.sectors.map((s) => ({ value: s.code, label: name(s.name) })),
    communities: choices.communities.map((c) => ({ value: c.code, label: name(c.name) })),
    measures: choices.measures.map((m) => ({ value: String(m.id), label: `${m.code} ${name(m.title)}` })),
  };
}

/** The files chosen in a submitted form, one per language (empty inputs are skipped). */
export async function uploadsFrom(form: FormData): Promise<PendingUpload[]> {
  const uploads: PendingUpload[] = [];
  for (const locale of DOCUMENT_FORM_LOCALES) {
    const value = form.get(FILE_FIELDS[locale]);
    if (typeof value === "string" || value === null) continue;
    if (value.size === 0 && value.name === "") continue;
    uploads.push({ locale, originalName: value.name || "document", bytes: new Uint8Array(await value.arrayBuffer()) });
  }
  return uploads;
}
