import type { ReactNode } from "react";

/*
 * The frame of the maps of Kosovo's municipalities drawn on the server as plain SVG (the municipality index's
 * choropleth, the cases map of the needs statistics): the outlines are projected once by the municipalities
 * module; each map draws its areas into this frame.
 */

/** What a map of the municipalities is given: its areas (outlines already projected), the frame's size, and its caption's id. */
export interface MapProps<Area> {
  areas: Area[];
  width: number;
  height: number;
  labelledBy: string;
}

/** Fill pattern of the areas with nothing to show (no members of the community, a count too small to publish). */
export function HatchPattern({ id }: { id: string }) {
  return (
    <pattern id={id} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
      <rect width="6" height="6" fill="#ffffff" />
      <line x1="0" y1="0" x2="0" y2="6" stroke="#64748b" strokeWidth="2" />
    </pattern>
  );
}

/**
 * A map's SVG: it scales to any width through its viewBox and is named by the element `labelledBy` points at
 * (its caption); `role` is "group" when its areas are links, "img" when it is one picture. `hatchId` names the
 * hatching the areas may be filled with (`url(#<hatchId>)`); the areas (`children`) share one outline stroke.
 */
export function MapFrame({
  width,
  height,
  role,
  labelledBy,
  hatchId,
  children,
}: {
  width: number;
  height: number;
  role: "group" | "img";
  labelledBy: string;
  hatchId: string;
  children: ReactNode;
}) {
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      role={role}
      aria-labelledby={labelledBy}
      className="block h-auto w-full"
    >
      <defs>
        <HatchPattern id={hatchId} />
      </defs>
      <g stroke="#334155" strokeWidth="0.75" strokeLinejoin="round">
        {children}
      </g>
    </svg>
  );
}
