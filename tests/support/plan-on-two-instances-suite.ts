import { afterAll, beforeAll } from "vitest";
import { openPlanOnTwoInstances, type PlanOnTwoInstances } from "./plan-instances.ts";

/*
 * The set-up the tests of kept figures, views and parts share (decisions 044, 058, 063): before the file's tests,
 * a fresh database with the plan the file describes, seen by two application instances, and the people who report
 * on it; after them, the database closed.
 */

/**
 * Opens the plan on two instances (`openPlanOnTwoInstances`) before the tests of the calling file and closes its
 * database after them. Answers the object the set-up fills in: read its fields inside the tests, not at load time.
 */
export function planOnTwoInstancesForFile(...args: Parameters<typeof openPlanOnTwoInstances>): PlanOnTwoInstances {
  const opened = {} as PlanOnTwoInstances;
  beforeAll(async () => {
    Object.assign(opened, await openPlanOnTwoInstances(...args));
  });
  afterAll(() => opened.handle.close());
  return opened;
}
