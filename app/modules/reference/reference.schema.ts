import { z } from "@hono/zod-openapi";

/** A text in every stored language (`sq`, `sr`, `en`, …); `machine` holds machine translations. */
export const TranslatedTextSchema = z
  .object({
    sq: z.string().optional(),
    sr: z.string().optional(),
    en: z.string().optional(),
    tr: z.string().optional(),
    bs: z.string().optional(),
    rom: z.string().optional(),
    machine: z.record(z.string(), z.string()).optional(),
  })
  .openapi("TranslatedText", { example: { sq: "Arsimi", sr: "Obrazovanje", en: "Education" } });

export const ReferenceEntrySchema = z
  .object({ code: z.string().openapi({ example: "education" }), name: TranslatedTextSchema })
  .openapi("ReferenceEntry");

export const CommunitySchema = ReferenceEntrySchema.extend({ isMajority: z.boolean() }).openapi("Community");
