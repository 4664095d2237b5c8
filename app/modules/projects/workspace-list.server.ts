import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";

/** How many projects the workspace list shows: the most recently changed. */
export const WORKSPACE_PROJECTS_LIMIT = 200;

/**
 * The workspace list of projects: the `WORKSPACE_PROJECTS_LIMIT` most recently changed of the given
 * organisations (of all organisations when `organisationIds` is null, the Office's view, where those
 * waiting for validation come first among projects changed at the same moment), each with its
 * owner's name when the owner is active (one query). It reads the projects in the order of
 * `project_updated_idx` / `project_owner_updated_idx` (migration 0039) and stops at the limit, and
 * names only the owners of the rows shown: its cost does not grow with the number of projects or
 * organisations (decision 047).
 */
export async function listWorkspaceProjects(db: Db, organisationIds: readonly number[] | null) {
  const submittedFirst = sql`case when p.validation_status = 'submitted' then 0 else 1 end`;
  let page = db
    .selectFrom("project as p")
    .select(["p.id", "p.title", "p.original_locale", "p.validation_status", "p.owner_organisation_id", "p.updated_at"])
    .orderBy("p.updated_at", "desc")
    .limit(WORKSPACE_PROJECTS_LIMIT);
  if (organisationIds !== null)
    page = page.where("p.owner_organisation_id", "in", organisationIds.length ? [...organisationIds] : [-1]);
  else page = page.orderBy(submittedFirst);
  // Projects written in one transaction share their updated_at: the id keeps their order the same on every database.
  page = page.orderBy("p.id");
  // The page first (through the index, stopped at the limit), then its owners' names.
  let query = db
    .selectFrom(page.as("p"))
    .leftJoin("organisation as o", (join) =>
      join.onRef("o.id", "=", "p.owner_organisation_id").on("o.is_active", "=", true),
    )
    .selectAll("p")
    .select(["o.name as owner_name", "o.name_sr_cyrl as owner_name_sr_cyrl"])
    .orderBy("p.updated_at", "desc");
  if (organisationIds === null) query = query.orderBy(submittedFirst);
  return query.orderBy("p.id").execute();
}
