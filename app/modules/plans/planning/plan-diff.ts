import type { CanonicalPlanTree } from "../plan-tree.server.ts";

/** One difference between two versions of a plan. */
export interface PlanChange {
  change: "added" | "removed" | "changed";
  level: "plan" | "sector" | "objective" | "measure" | "indicator";
  /** The item's code (for an indicator: measure code / indicator code). */
  code: string;
  /** The fields that changed (for "changed"). */
  fields: string[];
}

type Item = Record<string, unknown>;

function fieldsDiffering(a: Item, b: Item, skip: readonly string[]): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => !skip.includes(k) && JSON.stringify(a[k]) !== JSON.stringify(b[k])).sort();
}

function flatten(tree: CanonicalPlanTree) {
  const sectors = new Map<string, Item>();
  const objectives = new Map<string, Item>();
  const measures = new Map<string, Item>();
  const indicators = new Map<string, Item>();
  for (const s of tree.sectors) {
    sectors.set(s.sectorCode, { sectorCode: s.sectorCode });
    for (const o of s.objectives) {
      objectives.set(o.code, { ...o, sector: s.sectorCode });
      for (const m of o.measures) {
        measures.set(m.code, { ...m, objective: o.code });
        for (const i of m.indicators) indicators.set(`${m.code} / ${i.code}`, { ...i });
      }
    }
  }
  return { sectors, objectives, measures, indicators };
}

/**
 * What changed between two canonical trees, level by level: items added, removed, or changed with
 * the names of their changed fields (children are compared on their own level, not as fields).
 */
export function diffPlanTrees(before: CanonicalPlanTree | null, after: CanonicalPlanTree): PlanChange[] {
  const changes: PlanChange[] = [];
  if (!before) return changes;
  const planFields = fieldsDiffering(before.plan as unknown as Item, after.plan as unknown as Item, []);
  if (planFields.length) changes.push({ change: "changed", level: "plan", code: after.plan.code, fields: planFields });
  const a = flatten(before);
  const b = flatten(after);
  const levels = [
    ["sector", a.sectors, b.sectors, []],
    ["objective", a.objectives, b.objectives, ["measures"]],
    ["measure", a.measures, b.measures, ["indicators"]],
    ["indicator", a.indicators, b.indicators, []],
  ] as const;
  for (const [level, old, now, skip] of levels) {
    for (const [code, item] of now) {
      const previous = old.get(code);
      if (!previous) changes.push({ change: "added", level, code, fields: [] });
      else {
        const fields = fieldsDiffering(previous, item, skip);
        if (fields.length) changes.push({ change: "changed", level, code, fields });
      }
    }
    for (const code of old.keys()) if (!now.has(code)) changes.push({ change: "removed", level, code, fields: [] });
  }
  return changes;
}
