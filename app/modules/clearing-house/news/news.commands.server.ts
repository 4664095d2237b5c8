import { storeResizedImage } from "#app/services/images.server.ts";
import {
  checkOrganisationAndPlace,
  writtenTexts,
  type PublishableKind,
  publishableCommands,
  publishablePart,
  type AddedPart,
} from "#app/modules/clearing-house/publishable/publishable.server.ts";
import type { CommandFailure } from "#app/services/commands.server.ts";
import { translatedValue } from "#app/modules/clearing-house/publishable/content-form.ts";
import type { NewsFormInput } from "./news.schema.ts";

/** A news item as a publishable item (decision 048): title, summary and Markdown body; created as a draft (the table's default is published, for the items of the source documents). */
export const NEWS_ITEM: PublishableKind<"news_item", NewsFormInput> = {
  table: "news_item",
  auditName: "news",
  values: (input) => ({
    title: translatedValue(input, "title"),
    summary: translatedValue(input, "summary"),
    body: translatedValue(input, "body"),
    original_locale: input.originalLocale,
    organisation_id: input.organisationId,
  }),
  createDefaults: { status: "draft", published_at: null },
  checkReferences: checkOrganisationAndPlace,
  search: {
    kind: "news",
    entry: (n) => ({
      title: n.title,
      summary: n.summary,
      body: writtenTexts(n.body).join("\n\n"),
      path: `news/${n.slug}`,
      originalLocale: n.original_locale,
      publishedAt: n.published_at,
    }),
  },
};

const newsCommands = publishableCommands(NEWS_ITEM);

/** Writes (or removes) a news item's search index entry to match its state. */
export const indexNewsItem = newsCommands.index;

/** Writes a news item as a draft of the chosen organisation. */
export const createNewsItem = newsCommands.create;

/** Changes a news item (its organisation's members or a coordinator); a stale version is a 409. */
export const updateNewsItem = newsCommands.update;

/** Publishes a news item (dated now, the first time) or takes it back to draft. */
export const setNewsStatus = newsCommands.setStatus;

/** Adds an image to a news item: checked by content, resized (large and thumbnail), metadata stripped, alt text required. */
export const addNewsImage = publishablePart(
  "news_item",
  "news.image.add",
  async (trx, files, id, upload, alt): Promise<AddedPart | CommandFailure> => {
    if (Object.keys(alt).length === 0)
      return { ok: false, status: 400, errors: { alt_sq: "news:form.errors.altRequired" } };
    const stored = await storeResizedImage(files, trx, upload.bytes, upload.name, ["large", "thumb"] as const);
    if (!stored.ok) return { ok: false, status: 400, errors: { image: `news:form.upload.${stored.error}` } };
    const row = await trx
      .insertInto("news_image")
      .values({
        news_item_id: id,
        large_file_id: stored.fileIds.large,
        thumb_file_id: stored.fileIds.thumb,
        width: stored.width,
        height: stored.height,
        alt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { id: row.id, after: { image: row.id, alt } };
  },
);
