import { z } from "zod";
import { idSchema } from "#app/services/ids.ts";

/** Messages per page of the outbox. */
export const OUTBOX_PAGE_SIZE = 25;

/** The states of an outbox message, in the order the filter offers them. */
export const OUTBOX_STATUSES = ["held", "queued", "sent", "failed"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** `?status=&page=` of the outbox: an unknown status shows every message, nonsense pages the first. */
export const OutboxListQuerySchema = z.object({
  status: z.enum(OUTBOX_STATUSES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/** The id of one outbox message in the URL. */
export const OutboxIdSchema = idSchema();
