import { useTranslation } from "react-i18next";

/** A measure as the plan editor's outline shows it, already formatted by the loader. */
export interface OutlineSectorMeasure {
  id: number;
  code: string;
  title: string;
  responsible: string;
  dates: string;
  indicatorCount: number;
  /** The measure's own sector when it is not its objective's (decision 045). */
  ownSector: string | null;
}

/** Everything one sector of the plan editor's outline shows (the key of its kept HTML, decision 071). */
export interface OutlineSectorProps {
  name: string;
  objectiveCount: number;
  /** Objectives of this sector on other pages of the plan. */
  elsewhere: number;
  /** The plan's editor URL, e.g. `/en/workspace/plans/5`. */
  base: string;
  canEdit: boolean;
  objectives: { id: number; code: string; title: string; measures: OutlineSectorMeasure[] }[];
}

/**
 * One sector of the plan editor's outline: its name, its objectives on this page with their measures,
 * and how many of its objectives are on other pages. Static HTML rendered once per content and kept
 * (decision 071): plain links, since the page places it with `dangerouslySetInnerHTML`, which React does
 * not hydrate (a link is a whole-page navigation, as without JavaScript).
 */
export function OutlineSector({ name, objectiveCount, elsewhere, base, canEdit, objectives }: OutlineSectorProps) {
  const { t } = useTranslation("planning");
  return (
    <>
      <h3 className="text-xl">{name}</h3>
      {objectiveCount === 0 ? <p>{t("plan.noObjectives")}</p> : null}
      {objectives.map((o) => (
        <div key={o.id} className="mt-4">
          <h4 className="font-semibold break-words">
            {canEdit ? <a href={`${base}/objectives/${o.id}`}>{`${o.code} ${o.title}`}</a> : `${o.code} ${o.title}`}
          </h4>
          <ul className="mt-2 list-disc ps-6">
            {o.measures.map((m) => (
              <li key={m.id} className="break-words">
                <a href={`${base}/measures/${m.id}`}>{`${m.code} ${m.title}`}</a>{" "}
                <span className="text-slate-700">
                  {`— ${m.responsible}; ${m.dates}; ${t("plan.indicatorCount", { count: m.indicatorCount })}`}
                  {m.ownSector ? `; ${t("measure.inSector", { sector: m.ownSector })}` : null}
                </span>
              </li>
            ))}
          </ul>
          {canEdit ? (
            <p className="mt-1">
              <a href={`${base}/measures/new?objective=${o.id}`}>{t("measure.addTo", { objective: o.code })}</a>
            </p>
          ) : null}
        </div>
      ))}
      {elsewhere > 0 ? (
        <p className="mt-4 text-slate-700">{t("plan.objectivesElsewhere", { count: elsewhere })}</p>
      ) : null}
    </>
  );
}
