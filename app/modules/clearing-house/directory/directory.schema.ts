import { z } from "zod";

/** `/organizations` filters. */
export const DirectoryQuerySchema = z.object({
  type: z
    .string()
    .regex(/^[a-z_]{1,40}$/)
    .optional()
    .catch(undefined),
  sector: z
    .string()
    .regex(/^[a-z_]{1,40}$/)
    .optional()
    .catch(undefined),
  community: z
    .string()
    .regex(/^[a-z_]{1,40}$/)
    .optional()
    .catch(undefined),
  municipality: z
    .string()
    .regex(/^\d{1,3}$/)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type DirectoryQuery = z.infer<typeof DirectoryQuerySchema>;
