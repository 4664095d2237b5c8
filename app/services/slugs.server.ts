import type { Db } from "#app/db/client.server.ts";
import type { TranslatedText } from "#app/db/schema.ts";
import { cyrillicToLatin } from "#app/i18n/transliterate.ts";

/** The tables whose rows are addressed by a unique `slug`. */
export type SluggedTable =
  "event" | "service" | "opportunity" | "news_item" | "strategy" | "organisation" | "library_document";

/** A slug from a title: lower-case ASCII words joined by hyphens (Cyrillic transliterated), at most 80 characters. */
export function slugFromTitle(title: TranslatedText): string {
  const source = title.en ?? title.sq ?? title.sr ?? Object.values(title).find((v) => typeof v === "string") ?? "item";
  const slug = cyrillicToLatin(String(source))
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/đ/gi, "dj")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return slug || "item";
}

/**
 * A slug not yet used in the table: the base, or the base with -2, -3… (one query). `excludeId`
 * leaves the row being renamed out, so that it may keep its own slug.
 */
export async function uniqueSlug(db: Db, table: SluggedTable, base: string, excludeId?: number): Promise<string> {
  const taken = await db
    .selectFrom(table as "event")
    .select("slug")
    .where((eb) => eb.or([eb("slug", "=", base), eb("slug", "like", `${base}-%`)]))
    .$if(excludeId !== undefined, (q) => q.where("id", "<>", excludeId!))
    .execute();
  const used = new Set(taken.map((t) => t.slug));
  if (!used.has(base)) return base;
  for (let n = 2; ; n += 1) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}
