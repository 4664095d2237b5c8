import { requireUser } from "#app/services/guards.server.ts";
import { writePlanWorkbook } from "../plan-workbook.server.ts";
import { toCanonicalTree } from "../../plan-tree.server.ts";
import { loadPlanChoices } from "../../planning.queries.server.ts";
import { idOf, requirePlan } from "../planning.routes.server.ts";
import { planningTranslator } from "../planning.translator.server.ts";
import type { Route } from "./+types/plan-export";
import { localeFromParams } from "#app/i18n/locales.ts";

/** Downloads the plan as the documented XLSX template (instructions in the reader's language). */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const tree = await requirePlan(context, actor, idOf(params.planId));
  const choices = await loadPlanChoices(context.db, locale);
  const bytes = await writePlanWorkbook(
    toCanonicalTree(tree),
    {
      sectors: choices.sectors.map((c) => ({ code: c.value, name: c.label })),
      communities: choices.communities.map((c) => ({ code: c.value, name: c.label })),
      organisations: choices.organisations.map((c) => ({ slug: c.slug, name: c.label })),
      municipalities: choices.municipalities.map((c) => ({ code: c.value, name: c.label })),
    },
    planningTranslator(locale),
  );
  const name = `${tree.plan.code.replace(/[^A-Za-z0-9._-]/g, "_")}.xlsx`;
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
