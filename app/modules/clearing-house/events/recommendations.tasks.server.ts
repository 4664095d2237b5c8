import { isMemberOf } from "#app/modules/organisations/organisations.policy.ts";
import { organisationsOf } from "#app/services/authorization.ts";
import type { TaskProvider } from "#app/services/module-contract.ts";
import { todayInKosovo } from "#app/services/kosovo-time.ts";
import { localizedString } from "#app/i18n/translated-text.ts";
import { listOpenRecommendationsOf } from "./events.queries.server.ts";

const MAX_TITLE = 120;

/**
 * "My tasks": the open and in-progress recommendations owned by the organisations the person is a
 * member of (overdue ones are urgent). One query whatever the number of recommendations.
 */
export const recommendationTasks: TaskProvider = async (db, actor) => {
  const organisations = organisationsOf(actor).filter((id) => isMemberOf(actor, id));
  const open = await listOpenRecommendationsOf(db, organisations);
  const today = todayInKosovo();
  return open.map((r) => {
    const text = localizedString(r.text, "en", r.originalLocale);
    return {
      key: `events.recommendation:${r.id}`,
      titleKey: "events:tasks.recommendation",
      params: { text: text.length > MAX_TITLE ? `${text.slice(0, MAX_TITLE - 1)}…` : text },
      path: `workspace/recommendations/${r.id}`,
      dueDate: r.dueDate,
      severity: r.dueDate < today ? "urgent" : "warning",
    };
  });
};
