import { data } from "react-router";
import type { ServerContext } from "#app/context.ts";
import { formatNumber } from "#app/i18n/format.ts";
import type { Locale } from "#app/i18n/locales.ts";
import { authorizeRecord } from "#app/services/guards.server.ts";
import type { Actor } from "#app/services/authorization.ts";
import { loadPlanTree, type PlanTree } from "../plan-tree.server.ts";
import { planningPolicy } from "../planning.policy.ts";
import { requireIdParam } from "#app/services/ids.ts";

/** A numeric id from the URL, or a 404 (the platform's one id parser, app/services/ids.ts). */
export function idOf(value: string | undefined): number {
  return requireIdParam(value);
}

/** The whole plan tree for a workspace page, after checking the actor may see it (404 either way). */
export async function requirePlan(context: Pick<ServerContext, "db">, actor: Actor, planId: number): Promise<PlanTree> {
  const tree = await loadPlanTree(context.db, planId);
  if (!tree) throw data(null, { status: 404 });
  authorizeRecord(planningPolicy, actor, "plan.view", {
    kind: tree.plan.kind,
    kasCode: tree.plan.kasCode,
    status: tree.plan.status,
  });
  return tree;
}

/** What the workspace pages may do with a plan, for showing or hiding forms. */
export function planAbilities(actor: Actor, tree: { plan: Pick<PlanTree["plan"], "kind" | "kasCode" | "status"> }) {
  const subject = { kind: tree.plan.kind, kasCode: tree.plan.kasCode, status: tree.plan.status };
  return {
    canEdit: planningPolicy.can(actor, "plan.edit", subject),
    canAdopt: planningPolicy.can(actor, "plan.adopt", subject),
    canClose: planningPolicy.can(actor, "plan.close", subject),
  };
}

/** A refused form: the status, the errors (translation keys) and the submitted values, for the page to show again. */
export function refusal(status: number, intent: string, errors: Record<string, string>, form: FormData) {
  return data({ intent, errors, values: submittedValues(form) }, { status });
}

/**
 * The submitted values to show again after an error (never the CSRF token). Unlike the shared
 * `formValues`, it keeps a field named `code` (here a plan, objective or measure code, not a
 * two-factor code) and gives repeated fields (checkboxes, multiple selects) as lists.
 */
export function submittedValues(form: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    if (key === "_csrf") continue;
    const all = form
      .getAll(key)
      .filter((v): v is string => typeof v === "string")
      .map((v) => v.slice(0, 10_000));
    values[key] = all.length > 1 ? all : (all[0] ?? "");
  }
  return values;
}

/** A decimal for display in the reader's locale (figures are formatted in loaders). */
export function formatDecimal(value: string, locale: Locale): string {
  return formatNumber(Number(value), locale, { maximumFractionDigits: 4 });
}
