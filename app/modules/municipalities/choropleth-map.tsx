import { Link } from "react-router";
import { MapFrame, type MapProps } from "#app/components/map-frame.tsx";
import { shareClassColour } from "./shares.ts";

export { HatchPattern } from "#app/components/map-frame.tsx";

/** One municipality on the map: where it links, what it is called to assistive technology, and its colour class. */
export interface ChoroplethArea {
  kasCode: string;
  href: string;
  /** Accessible name and tooltip: the municipality's name and the community's share there. */
  label: string;
  shareClass: number;
  path: string;
}

/**
 * The national map coloured by a community's share, drawn on the server as plain SVG. It is a
 * group of links, one per municipality, each named by its `aria-label` (and `<title>` for a
 * tooltip), so it works with a keyboard, a screen reader and without JavaScript. It scales to
 * any width through its viewBox.
 */
export function ChoroplethMap({ areas, width, height, labelledBy }: MapProps<ChoroplethArea>) {
  const hatchId = "municipality-map-no-members";
  return (
    <MapFrame width={width} height={height} role="group" labelledBy={labelledBy} hatchId={hatchId}>
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
    </MapFrame>
  );
}
