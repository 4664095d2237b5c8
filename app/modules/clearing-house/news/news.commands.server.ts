import {
  addImagePart,
  checkOrganisationAndPlace,
  writtenTexts,
  type PublishableKind,
  publishableCommands,
  publishablePart,
  type AddedPart,
} from "#app/modules/clearing-house/publishable/publishable.server.ts";
import type { CommandFailure } from "#app/services/commands.server.ts";
import { translatedValues } from "#app/modules/clearing-house/publishable/content-form.ts";
import type { NewsFormInput } from "./news.schema.ts";

/** A news item as a publishable item (decision 048): title, summary and Markdown body; created as a draft (the table's default is published, for the items of the source documents). */
export const NEWS_ITEM: PublishableKind<"news_item", NewsFormInput> = {
  table: "news_item",
  auditName: "news",
  values: (input) => translatedValues(input, ["title", "summary", "body"]),
  createDefaults: { status: "draft", published_at: null },
  checkReferences: checkOrganisationAndPlace,
  search: { kind: "news", folder: "news", body: (n) => writtenTexts(n.body).join("\n\n") },
};

/**
 * A news item's commands: `index` (its search entry follows its state), `create` (a draft of the chosen
 * organisation), `update` (its organisation's members or a coordinator; a stale version is a 409) and
 * `setStatus` (publish, dated now the first time, or take back to draft).
 */
export const newsCommands = publishableCommands(NEWS_ITEM);

/** Adds an image to a news item: checked by content, resized (large and thumbnail), metadata stripped, alt text required. */
export const addNewsImage = publishablePart(
  "news_item",
  "news.image.add",
  async (trx, files, id, upload, alt): Promise<AddedPart | CommandFailure> => {
    if (Object.keys(alt).length === 0)
      return { ok: false, status: 400, errors: { alt_sq: "news:form.errors.altRequired" } };
    return addImagePart(trx, files, upload, alt, { sizes: ["large", "thumb"], field: "image" }, (columns) =>
      trx
        .insertInto("news_image")
        .values({ news_item_id: id, ...columns })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
  },
);
