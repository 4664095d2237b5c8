import { useTranslation } from "react-i18next";
import { HatchPattern, MapFrame, type MapProps } from "#app/components/map-frame.tsx";

/** Colours of the map's classes (light to dark), readable against the hatching of hidden counts. */
export const NEEDS_MAP_CLASSES = [
  { lower: 5, upper: 9, colour: "#dbeafe" },
  { lower: 10, upper: 24, colour: "#93c5fd" },
  { lower: 25, upper: 49, colour: "#3b82f6" },
  { lower: 50, upper: null, colour: "#1e3a8a" },
] as const;

/** The colour of a published count, or null for a hidden one (drawn hatched). */
export function needsMapColour(count: number | null): string | null {
  if (count === null) return null;
  return NEEDS_MAP_CLASSES.find((c) => count >= c.lower && (c.upper === null || count <= c.upper))?.colour ?? null;
}

/** One municipality on the map: its outline, colour and text for assistive technology. */
export interface NeedsMapArea {
  kasCode: string;
  path: string;
  colour: string | null;
  label: string;
}

/**
 * Cases by municipality as a server-drawn SVG map (projected with the municipalities module's
 * d3-geo code). It is one image named by its caption; each area has a tooltip, and the table next
 * to it carries the same figures.
 */
export function NeedsMap({ areas, width, height, labelledBy }: MapProps<NeedsMapArea>) {
  const hatchId = "needs-map-hidden";
  return (
    <MapFrame width={width} height={height} role="img" labelledBy={labelledBy} hatchId={hatchId}>
      {areas.map((area) => (
        <path
          key={area.kasCode}
          d={area.path}
          fill={area.colour ?? `url(#${hatchId})`}
          vectorEffect="non-scaling-stroke"
        >
          <title>{area.label}</title>
        </path>
      ))}
    </MapFrame>
  );
}

/** The map's key: each colour class, then the hatching of hidden counts. */
export function NeedsMapLegend({
  items,
  headingId,
}: {
  items: { key: string; colour: string | null; label: string }[];
  headingId: string;
}) {
  const { t } = useTranslation("needs");
  return (
    <div>
      <h3 id={headingId} className="text-base">
        {t("public.stats.legend")}
      </h3>
      <ul className="mt-2 space-y-1.5 text-sm" aria-labelledby={headingId}>
        {items.map((item) => (
          <li key={item.key} className="flex items-center gap-2">
            <svg width="28" height="18" viewBox="0 0 28 18" aria-hidden="true" focusable="false" className="shrink-0">
              {item.colour ? null : (
                <defs>
                  <HatchPattern id="needs-legend-hidden" />
                </defs>
              )}
              <rect
                x="0.5"
                y="0.5"
                width="27"
                height="17"
                fill={item.colour ?? "url(#needs-legend-hidden)"}
                stroke="#334155"
                strokeWidth="1"
              />
            </svg>
            <span>{item.label}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
