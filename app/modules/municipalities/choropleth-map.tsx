import { Link } from "react-router";
import { shareClassColour } from "./shares.ts";

/** One municipality on the map: where it links, what it is called to assistive technology, and its colour class. */
export interface ChoroplethArea {
  kasCode: string;
  href: string;
  /** Accessible name and tooltip: the municipality's name and the community's share there. */
  label: string;
  shareClass: number;
  path: string;
}

/** Fill pattern of the municipalities where the community has no members. */
export function HatchPattern({ id }: { id: string }) {
  return (
    <pattern id={id} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
      <rect width="6" height="6" fill="#ffffff" />
      <line x1="0" y1="0" x2="0" y2="6" stroke="#64748b" strokeWidth="2" />
    </pattern>
  );
}

/**
 * The national map coloured by a community's share, drawn on the server as plain SVG. It is a
 * group of links, one per municipality, each named by its `aria-label` (and `<title>` for a
 * tooltip), so it works with a keyboard, a screen reader and without JavaScript. It scales to
 * any width through its viewBox.
 */
export function ChoroplethMap({
  areas,
  width,
  height,
  labelledBy,
}: {
  areas: ChoroplethArea[];
  width: number;
  height: number;
  labelledBy: string;
}) {
  const hatchId = "municipality-map-no-members";
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      role="group"
      aria-labelledby={labelledBy}
      className="block h-auto w-full"
    >
      <defs>
        <HatchPattern id={hatchId} />
      </defs>
      <g stroke="#334155" strokeWidth="0.75" strokeLinejoin="round">
        {areas.map((area) => (
          <Link key={area.kasCode} to={area.href} aria-label={area.label} className="group focus:outline-none">
            <title>{area.label}</title>
            <path
              d={area.path}
              fill={shareClassColour(area.shareClass) ?? `url(#${hatchId})`}
              vectorEffect="non-scaling-stroke"
              className="group-hover:fill-[#e0a526] group-focus-visible:fill-[#e0a526] group-focus-visible:stroke-[#0f172a] group-focus-visible:stroke-[3px]"
            />
          </Link>
        ))}
      </g>
    </svg>
  );
}
