import { useTranslation } from "react-i18next";
import { HatchPattern } from "#app/components/map-frame.tsx";

/** One entry of the map's key: a colour class (or the hatching when `colour` is null), its label and how many municipalities it holds. */
export interface LegendItem {
  key: string;
  colour: string | null;
  label: string;
  count: number;
}

function Swatch({ colour, hatchId }: { colour: string | null; hatchId: string }) {
  return (
    <svg width="28" height="18" viewBox="0 0 28 18" aria-hidden="true" focusable="false" className="shrink-0">
      {colour ? null : (
        <defs>
          <HatchPattern id={hatchId} />
        </defs>
      )}
      <rect
        x="0.5"
        y="0.5"
        width="27"
        height="17"
        fill={colour ?? `url(#${hatchId})`}
        stroke="#334155"
        strokeWidth="1"
      />
    </svg>
  );
}

/**
 * The map's key: every colour class with its limits as percentages and how many municipalities
 * fall in it, then the hatching for municipalities where the community has no members.
 */
export function MapLegend({ items, headingId }: { items: LegendItem[]; headingId: string }) {
  const { t } = useTranslation("municipalities");
  return (
    <div>
      <h3 id={headingId} className="text-base">
        {t("index.legend.title")}
      </h3>
      <ul className="mt-2 space-y-1.5 text-sm" aria-labelledby={headingId}>
        {items.map((item) => (
          <li key={item.key} className="flex items-center gap-2">
            <Swatch colour={item.colour} hatchId="municipality-legend-no-members" />
            <span>
              {item.label}{" "}
              <span className="text-slate-700">{t("index.legend.municipalities", { count: item.count })}</span>
            </span>
          </li>
        ))}
      </ul>
      <p className="mt-3 text-sm text-slate-700">{t("index.legend.explanation")}</p>
    </div>
  );
}
