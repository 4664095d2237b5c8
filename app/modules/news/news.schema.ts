import { z } from "zod";

/** `?page=` of a list: a positive whole number, 1 when absent or nonsense. */
export const PageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/** A news item's slug in the URL. */
export const NewsSlugSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(200);
