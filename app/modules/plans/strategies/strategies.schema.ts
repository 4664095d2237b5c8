import { z } from "zod";
import { idSchema } from "#app/services/ids.ts";

/** An action plan's code in the URL (letters, digits, dots, dashes, underscores). */
export const PlanCodeSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/)
  .max(64);

/** A measure's id in the URL. */
export const MeasureIdSchema = idSchema();

/** A sector code (reference list `sector`). */
export const SectorCodeSchema = z
  .string()
  .regex(/^[a-z][a-z_]*$/)
  .max(64);

/** The query of a plan's measures table on a page: `?page=` and `?sector=`; nonsense falls back. */
export const MeasureTableQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  sector: SectorCodeSchema.optional().catch(undefined),
});

/** Above this many objectives, the strategy page lists them one sector at a time (chosen by `?sector=`). */
export const OBJECTIVES_ALL_LIMIT = 40;

/** Rows per page of a plan's measures table. */
export const MEASURES_PAGE_SIZE = 50;

/** The format of a table download. */
export const DownloadFormatSchema = z.enum(["csv", "xlsx"]);
export type DownloadFormat = z.infer<typeof DownloadFormatSchema>;

/** `?format=` of a download; absent means CSV, anything else is a 400. */
export const DownloadQuerySchema = z.object({ format: DownloadFormatSchema.default("csv") });
