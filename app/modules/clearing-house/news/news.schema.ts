import { z } from "zod";
import {
  OriginalLocaleSchema,
  PageParamSchema,
  PublisherShape,
  requireOriginal,
  translatedShape,
  translatedShapes,
} from "#app/modules/clearing-house/publishable/content-form.ts";

/** `?page=` of a list: a positive whole number, 1 when absent or nonsense. */
export const PageQuerySchema = z.object({
  page: PageParamSchema,
});

/** The news form (create and edit): title and body required in the original language. */
export const NewsFormSchema = z
  .object({
    originalLocale: OriginalLocaleSchema,
    ...translatedShapes({ title: 300, summary: 1000, body: 100_000 }),
    ...PublisherShape,
  })
  .superRefine((data, ctx) => requireOriginal(["title", "body"])(data, ctx));
export type NewsFormInput = z.infer<typeof NewsFormSchema>;

/** The alt text of an uploaded image: required in at least one language. */
export const ImageAltSchema = z
  .object(translatedShape("alt", 300))
  .refine((v) => Object.values(v).some((t) => t.trim() !== ""), {
    path: ["alt_sq"],
    message: "news:form.errors.altRequired",
  });
