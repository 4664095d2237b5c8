import type { Kysely } from "kysely";
import type { Database } from "#app/db/schema.ts";
import { organisationIdsBySlug } from "#app/modules/organisations/organisations.queries.server.ts";
import { recordAudit } from "#app/services/audit.server.ts";
import { ANONYMOUS } from "#app/services/authorization.ts";
import { columnsOf, insertChildren, projectSearchEntryOf } from "./projects.commands.server.ts";
import type { ProjectInput } from "./projects.schema.ts";
import { DEMO_PROJECTS } from "./projects.demo-content.ts";
import { replaceFramework } from "./framework.server.ts";
import { upsertSearchEntry } from "#app/services/search-index.server.ts";

/**
 * Writes the demo projects (seeds 002 and 003) as validated, public projects with their results
 * frameworks, linked to the demo strategy's measures when those exist. Skips projects already there
 * (same English or Serbian title), so it can run again.
 */
export async function seedDemoProjects(trx: Kysely<Database>): Promise<void> {
  const slugs = [...new Set(DEMO_PROJECTS.flatMap((p) => [p.owner, ...p.organisations.map((o) => o.slug)]))];
  const idOf = await organisationIdsBySlug(trx, slugs);
  const measureRows = await trx
    .selectFrom("measure as m")
    .innerJoin("action_plan as ap", "ap.id", "m.action_plan_id")
    .select(["m.id", "m.code", "ap.code as plan"])
    .execute();
  const measureOf = new Map(measureRows.map((m) => [`${m.plan}/${m.code}`, m.id]));
  const existing = await trx.selectFrom("project").select("title").where("is_demo", "=", true).execute();
  const seen = new Set(existing.map((p) => p.title.en ?? p.title.sr ?? ""));
  for (const demo of DEMO_PROJECTS) {
    if (seen.has(demo.input.title.en ?? demo.input.title.sr ?? "")) continue;
    const owner = idOf.get(demo.owner);
    if (owner === undefined) throw new Error(`Demo project: organisation "${demo.owner}" is missing.`);
    const input: ProjectInput = {
      ...demo.input,
      ownerOrganisationId: owner,
      organisations: demo.organisations.flatMap((o) =>
        idOf.has(o.slug) ? [{ organisationId: idOf.get(o.slug)!, role: o.role }] : [],
      ),
      measureIds: demo.measures
        .map((m) => measureOf.get(`${m.plan}/${m.code}`))
        .filter((m): m is number => m !== undefined),
    };
    const { id } = await trx
      .insertInto("project")
      .values({
        ...columnsOf(input),
        validation_status: "validated",
        submitted_at: new Date(),
        validated_at: new Date(),
        is_demo: true,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await insertChildren(trx, id, input);
    await replaceFramework(trx, id, demo.framework);
    await upsertSearchEntry(trx, projectSearchEntryOf(id, input));
    await recordAudit(
      trx,
      { actor: ANONYMOUS, requestId: null },
      { action: "project.seed", subjectType: "project", subjectId: id, after: { title: input.title, is_demo: true } },
    );
  }
}
