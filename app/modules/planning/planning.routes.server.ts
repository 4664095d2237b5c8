import { data } from "react-router";
import type { ServerContext } from "#app/context.ts";
import { formatNumber } from "#app/i18n/format.ts";
import { isLocale, type Locale } from "#app/i18n/locales.ts";
import { formValues } from "#app/services/forms.ts";
import { authorize } from "#app/services/guards.server.ts";
import type { Actor } from "#app/services/authorization.ts";
import { loadPlanTree, type PlanTree } from "./plan-tree.server.ts";
import { planningPolicy } from "./planning.policy.ts";
import { IdParamSchema } from "./planning.schema.ts";

/** The page's locale (the `:lang` segment). */
export function localeOf(params: { lang?: string }): Locale {
  return isLocale(params.lang) ? params.lang : "sq";
}

/** A numeric id from the URL, or a 404. */
export function idOf(value: string | undefined): number {
  const parsed = IdParamSchema.safeParse(value);
  if (!parsed.success) throw data(null, { status: 404 });
  return parsed.data;
}

/** The whole plan tree for a workspace page, after checking the actor may see it (404 / 403). */
export async function requirePlan(context: Pick<ServerContext, "db">, actor: Actor, planId: number): Promise<PlanTree> {
  const tree = await loadPlanTree(context.db, planId);
  if (!tree) throw data(null, { status: 404 });
  authorize(planningPolicy, actor, "plan.view", { kind: tree.plan.kind, kasCode: tree.plan.kasCode, status: tree.plan.status });
  return tree;
}

/** What the workspace pages may do with a plan, for showing or hiding forms. */
export function planAbilities(actor: Actor, tree: PlanTree) {
  const subject = { kind: tree.plan.kind, kasCode: tree.plan.kasCode, status: tree.plan.status };
  return { canEdit: planningPolicy.can(actor, "plan.edit", subject), canAdopt: planningPolicy.can(actor, "plan.adopt", subject), canClose: planningPolicy.can(actor, "plan.close", subject) };
}

/** A refused form: the status, the errors (translation keys) and the submitted values, for the page to show again. */
export function refusal(status: number, intent: string, errors: Record<string, string>, form: FormData) {
  return data({ intent, errors, values: formValues(form) as Record<string, string> }, { status });
}

/** A decimal for display in the reader's locale (figures are formatted in loaders). */
export function formatDecimal(value: string, locale: Locale): string {
  return formatNumber(Number(value), locale, { maximumFractionDigits: 4 });
}
