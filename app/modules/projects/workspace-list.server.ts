import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";

/** How many projects a page of the workspace list shows: the most recently changed first. */
export const WORKSPACE_PROJECTS_LIMIT = 50;

/**
 * Where a page of the workspace list starts: just after the last row of the page before, by the
 * list's order (its `updated_at` exactly, as PostgreSQL writes it, whether it waits for validation —
 * the Office's list puts those first among projects changed at the same moment — and its id).
 */
export interface WorkspaceProjectsCursor {
  updatedAt: string;
  submittedFirst: 0 | 1;
  id: number;
}

/** The cursor as it travels in the link to the next page (`?after=`): base64url of `updatedAt|s|id`. */
export function encodeProjectsCursor(cursor: WorkspaceProjectsCursor): string {
  return Buffer.from(`${cursor.updatedAt}|${cursor.submittedFirst}|${cursor.id}`).toString("base64url");
}

/** The cursor of `?after=`, or null when it is not one this list wrote. */
export function decodeProjectsCursor(value: string): WorkspaceProjectsCursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(value)) return null;
  const parts = Buffer.from(value, "base64url").toString("utf8").split("|");
  if (parts.length !== 3) return null;
  const [updatedAt, submitted, id] = parts as [string, string, string];
  if (!/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:\d{2})?|Z)$/.test(updatedAt)) return null;
  if (Number.isNaN(Date.parse(updatedAt.replace(" ", "T").replace(/([+-]\d{2})$/, "$1:00")))) return null;
  if (submitted !== "0" && submitted !== "1") return null;
  if (!/^[1-9]\d{0,9}$/.test(id) || Number(id) > 2_147_483_647) return null;
  return { updatedAt, submittedFirst: submitted === "0" ? 0 : 1, id: Number(id) };
}

/**
 * A page of the workspace list of projects: the `WORKSPACE_PROJECTS_LIMIT` most recently changed of
 * the given organisations (of all organisations when `organisationIds` is null, the Office's view,
 * where those waiting for validation come first among projects changed at the same moment) after
 * `after` (keyset pagination: the next page starts where the last one stopped), each with its owner's
 * name when the owner is active (one query), and the cursor of the next page when there is one. It
 * reads the projects in the order of `project_updated_idx` / `project_owner_updated_idx` (migration
 * 0039) from the cursor on (two index ranges: the rest of its moment, then earlier) and stops one row past the limit, and names only the owners of the
 * rows shown: its cost depends neither on the number of projects or organisations nor on how far the
 * reader went (decisions 047 and 060).
 */
export async function listWorkspaceProjects(
  db: Db,
  organisationIds: readonly number[] | null,
  after: WorkspaceProjectsCursor | null = null,
) {
  const submittedFirst = sql<number>`case when p.validation_status = 'submitted' then 0 else 1 end`;
  /** The list's rows that `where` keeps, in its order, stopped one row past a page. */
  const rowsWhere = (where: ReturnType<typeof sql<boolean>> | null) => {
    let rows = db
      .selectFrom("project as p")
      .select([
        "p.id",
        "p.title",
        "p.original_locale",
        "p.validation_status",
        "p.owner_organisation_id",
        "p.updated_at",
        sql<string>`p.updated_at::text`.as("updated_at_text"),
      ])
      .orderBy("p.updated_at", "desc")
      .limit(WORKSPACE_PROJECTS_LIMIT + 1);
    if (organisationIds !== null)
      rows = rows.where("p.owner_organisation_id", "in", organisationIds.length ? [...organisationIds] : [-1]);
    else rows = rows.orderBy(submittedFirst);
    if (where) rows = rows.where(where);
    // Projects written in one transaction share their updated_at: the id keeps their order the same on every database.
    return rows.orderBy("p.id");
  };
  let page;
  if (after) {
    // Two index ranges, each stopped one row past a page: the rest of the cursor's moment (a row comparison over
    // the index's next columns: a batch import gives thousands of projects one updated_at), then the earlier moments.
    const moment = sql`${after.updatedAt}::timestamptz`;
    const sameMoment =
      organisationIds === null
        ? sql<boolean>`p.updated_at = ${moment} and (${submittedFirst}, p.id) > (${after.submittedFirst}, ${after.id})`
        : sql<boolean>`p.updated_at = ${moment} and p.id > ${after.id}`;
    page = db
      .selectFrom(rowsWhere(sameMoment).as("a"))
      .selectAll()
      .unionAll(db.selectFrom(rowsWhere(sql<boolean>`p.updated_at < ${moment}`).as("b")).selectAll());
  } else page = rowsWhere(null);
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
  const rows = await query
    .orderBy("p.id")
    .limit(WORKSPACE_PROJECTS_LIMIT + 1)
    .execute();
  const shown = rows.slice(0, WORKSPACE_PROJECTS_LIMIT);
  const last = shown.at(-1);
  const next: WorkspaceProjectsCursor | null =
    rows.length > WORKSPACE_PROJECTS_LIMIT && last
      ? {
          updatedAt: last.updated_at_text,
          submittedFirst: organisationIds === null && last.validation_status === "submitted" ? 0 : 1,
          id: last.id,
        }
      : null;
  return { rows: shown, next };
}
