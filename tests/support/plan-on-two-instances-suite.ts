import { afterAll, beforeAll } from "vitest";
import type { FactoryPlan } from "./plan-factory.ts";
import { openPlanOnTwoInstances, type PlanOnTwoInstances } from "./plan-instances.ts";

/*
 * The set-up the tests of kept figures, views and parts share (decisions 044, 058, 063): before the file's tests,
 * a fresh database with the plan the file describes, seen by two application instances, and the people who report
 * on it; after them, the database closed.
 */

/**
 * A national plan of two measures in two sectors, with planned budgets (education 1,000, health 3,000): the plan
 * of the kept figures' and kept parts' tests.
 */
export const EDUCATION_AND_HEALTH_PLAN: FactoryPlan = {
  measures: [
    { code: "EDU-1", sector: "education", budget: { government: 1000 } },
    { code: "HEA-1", sector: "health", budget: { government: 3000 } },
  ],
};

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
