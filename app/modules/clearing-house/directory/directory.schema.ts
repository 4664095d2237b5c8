import { z } from "zod";
import {
  CodeParamSchema,
  MunicipalityParamSchema,
  PageParamSchema,
} from "#app/modules/clearing-house/publishable/content-form.ts";

/** `/organizations` filters. */
export const DirectoryQuerySchema = z.object({
  type: CodeParamSchema,
  sector: CodeParamSchema,
  community: CodeParamSchema,
  municipality: MunicipalityParamSchema,
  page: PageParamSchema,
});
export type DirectoryQuery = z.infer<typeof DirectoryQuerySchema>;
