import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { withQueryStats } from "#app/db/query-stats.server.ts";
import { createTestDatabase } from "../../../tests/support/test-database.ts";
import {
  addIndicator,
  addResult,
  changePeriodStatus,
  createProject,
  recordPeriodValues,
  submitProject,
} from "./projects.commands.server.ts";
import { projectsTasks } from "./projects.tasks.server.ts";
import { audit, projectActors, projectInputOf } from "./testing/fixtures.ts";

let handle: DatabaseHandle;
let actors: Awaited<ReturnType<typeof projectActors>>;
let projectId: number;

beforeAll(async () => {
  handle = await createTestDatabase();
  actors = await projectActors(handle.db);
  const created = await createProject(
    handle.db,
    audit(actors.donor),
    projectInputOf(actors.donorOrg, { title: { en: "Task test" }, communities: ["roma"] }),
  );
  if (!created.ok) throw new Error("not created");
  projectId = created.id;
});
afterAll(() => handle.close());

describe("projects tasks", () => {
  it("tells coordinators what waits for validation and organisations which values wait for approval, in one query", async () => {
    expect(await projectsTasks(handle.db, actors.coordinator)).toEqual([]);
    expect(await projectsTasks(handle.db, actors.donor)).toEqual([]);
    await submitProject(handle.db, audit(actors.donor), projectId);
    expect(await projectsTasks(handle.db, actors.coordinator)).toEqual([
      {
        key: "projects.toValidate",
        titleKey: "projects:tasks.toValidate",
        params: { count: 1 },
        path: "workspace/projects",
        severity: "warning",
      },
    ]);

    const outcome = await addResult(handle.db, audit(actors.donor), projectId, {
      kind: "outcome",
      parentId: null,
      title: { en: "Outcome" },
    });
    if (!outcome.ok) throw new Error("no outcome");
    const indicator = await addIndicator(handle.db, audit(actors.donor), projectId, {
      resultId: outcome.id,
      name: { en: "Pupils" },
      unit: "count",
      baselineValue: null,
      baselineYear: null,
      disaggregations: [],
    });
    if (!indicator.ok) throw new Error("no indicator");
    const period = await recordPeriodValues(
      handle.db,
      audit(actors.donor),
      projectId,
      {
        indicatorId: indicator.id,
        periodStart: "2025-01-01",
        periodEnd: "2025-12-31",
        target: 10,
        actual: 4,
        narrative: {},
        disaggregation: [],
      },
      null,
    );
    if (!period.ok) throw new Error("no period");
    expect(await projectsTasks(handle.db, actors.donor)).toEqual([]);
    await changePeriodStatus(handle.db, audit(actors.donor), projectId, period.id, "submitted");
    const { result, stats } = await withQueryStats(() => projectsTasks(handle.db, actors.donor));
    expect(result).toEqual([
      {
        key: "projects.valuesToApprove",
        titleKey: "projects:tasks.valuesToApprove",
        params: { count: 1 },
        path: `workspace/projects/${projectId}/results`,
        severity: "warning",
      },
    ]);
    expect(stats.queries).toBe(1);
    // Another organisation is not told about values it cannot approve.
    expect(await projectsTasks(handle.db, actors.other)).toEqual([]);
    await changePeriodStatus(handle.db, audit(actors.donor), projectId, period.id, "approved");
    expect(await projectsTasks(handle.db, actors.donor)).toEqual([]);
  });
});
