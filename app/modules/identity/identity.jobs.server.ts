import type { Db } from "#app/db/client.server.ts";
import { PermanentJobError, type JobHandler } from "#app/services/jobs.server.ts";
import { PASSWORD_RESET_JOB, sendPasswordReset, type PasswordResetRequest } from "./identity.commands.server.ts";

function isPasswordResetRequest(value: unknown): value is PasswordResetRequest {
  const v = value as Partial<PasswordResetRequest> | null;
  return (
    typeof v?.email === "string" &&
    typeof v.locale === "string" &&
    typeof v.publicUrl === "string" &&
    typeof v.requestedAt === "string"
  );
}

/** The identity module's background jobs: sending password-reset links (decision 025). */
export function identityJobHandlers(db: Db): Record<string, JobHandler> {
  return {
    [PASSWORD_RESET_JOB]: async ({ job }) => {
      if (!isPasswordResetRequest(job.payload)) throw new PermanentJobError("malformed password-reset request");
      return sendPasswordReset(db, job.payload);
    },
  };
}
