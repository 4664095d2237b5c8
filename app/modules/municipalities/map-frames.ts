/** The size of the drawing a map is projected into, in SVG user units, with a margin on every side. */
export interface MapFrame {
  width: number;
  height: number;
  padding: number;
}

/** The frame of the national choropleth map (the same proportions as Kosovo on a Mercator map). */
export const NATIONAL_MAP_FRAME: MapFrame = { width: 600, height: 640, padding: 8 };

/** The frame of the small locator map on a municipality's page. */
export const LOCATOR_MAP_FRAME: MapFrame = { width: 240, height: 256, padding: 4 };
