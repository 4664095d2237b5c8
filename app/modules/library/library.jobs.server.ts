import { z } from "zod";
import type { Db } from "#app/db/client.server.ts";
import type { FileStore } from "#app/services/files.server.ts";
import { PermanentJobError, type JobHandler } from "#app/services/jobs.server.ts";
import { extractDocumentFileText, EXTRACT_TEXT_JOB } from "./library.commands.server.ts";
import { extractText } from "./text-extraction.server.ts";

const PayloadSchema = z.object({ documentFileId: z.number().int().positive(), fileId: z.string().uuid() });

/** The library's background jobs: text extraction from uploaded PDF and DOCX files, then re-indexing. */
export function libraryJobHandlers(deps: { db: Db; files: FileStore }): Record<string, JobHandler> {
  return {
    [EXTRACT_TEXT_JOB]: async ({ job }) => {
      const payload = PayloadSchema.safeParse(job.payload);
      if (!payload.success) throw new PermanentJobError("The job's payload is not a document file.");
      return { outcome: await extractDocumentFileText(deps.db, deps.files, payload.data, extractText) };
    },
  };
}
