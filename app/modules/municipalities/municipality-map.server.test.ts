import { geoArea, type GeoPermissibleObjects } from "d3-geo";
import { describe, expect, it } from "vitest";
import {
  findNeighbours,
  isBoundary,
  orientForD3,
  projectBoundaries,
  type Boundary,
} from "./municipality-map.server.ts";

/** A lon/lat square wound anticlockwise, as GeoJSON (RFC 7946) requires for outer rings. */
function square(lon: number, lat: number, size = 0.1): Boundary {
  return {
    type: "Polygon",
    coordinates: [
      [
        [lon, lat],
        [lon + size, lat],
        [lon + size, lat + size],
        [lon, lat + size],
        [lon, lat],
      ],
    ],
  };
}

/** Reads a compact path back into absolute points, one list per ring. */
function ringsOf(path: string): [number, number][][] {
  const rings: [number, number][][] = [];
  for (const ring of path.split("z").filter(Boolean)) {
    const [start = "", ...moves] = ring.split("l");
    const [x0, y0] = start.slice(1).trim().split(" ").map(Number) as [number, number];
    const points: [number, number][] = [[x0, y0]];
    for (const move of moves) {
      const [dx, dy] = (move.match(/-?\d+/g) ?? []).map(Number) as [number, number];
      const [px, py] = points[points.length - 1] as [number, number];
      points.push([px + dx, py + dy]);
    }
    rings.push(points);
  }
  return rings;
}

describe("orientForD3", () => {
  it("turns a GeoJSON-wound polygon into the small area d3-geo expects", () => {
    const geojson = square(20, 42);
    expect(geoArea(geojson as GeoPermissibleObjects)).toBeGreaterThan(2 * Math.PI);
    expect(geoArea(orientForD3(geojson) as GeoPermissibleObjects)).toBeLessThan(0.001);
  });

  it("leaves a polygon that is already wound for d3-geo alone", () => {
    const once = orientForD3(square(20, 42));
    expect(orientForD3(once)).toEqual(once);
  });

  it("orients each part of a multipolygon", () => {
    const multi: Boundary = {
      type: "MultiPolygon",
      coordinates: [square(20, 42).coordinates as number[][][], square(21, 42).coordinates as number[][][]],
    };
    expect(geoArea(orientForD3(multi) as GeoPermissibleObjects)).toBeLessThan(0.002);
  });
});

describe("isBoundary", () => {
  it("accepts polygons and multipolygons and nothing else", () => {
    expect(isBoundary(square(20, 42))).toBe(true);
    expect(isBoundary({ type: "MultiPolygon", coordinates: [square(20, 42).coordinates] })).toBe(true);
    expect(isBoundary({ type: "Point", coordinates: [20, 42] })).toBe(false);
    expect(isBoundary({ type: "Polygon", coordinates: [[[20, 42]]] })).toBe(false);
    expect(isBoundary(null)).toBe(false);
    expect(isBoundary("M0 0")).toBe(false);
  });
});

describe("projectBoundaries", () => {
  const frame = { width: 200, height: 100, padding: 10 };
  const entries = [
    { kasCode: "01", boundary: square(20, 42) },
    { kasCode: "02", boundary: square(20.1, 42) },
  ];

  it("fits the municipalities inside the frame and its padding, filling it one way", () => {
    const shapes = projectBoundaries(entries, frame);
    expect(shapes.map((s) => s.kasCode)).toEqual(["01", "02"]);
    const points = shapes.flatMap((s) => ringsOf(s.path).flat());
    expect(points.length).toBeGreaterThan(0);
    for (const [x, y] of points) {
      expect(x).toBeGreaterThanOrEqual(frame.padding - 1);
      expect(x).toBeLessThanOrEqual(frame.width - frame.padding + 1);
      expect(y).toBeGreaterThanOrEqual(frame.padding - 1);
      expect(y).toBeLessThanOrEqual(frame.height - frame.padding + 1);
    }
    const extent = (values: number[]) => Math.max(...values) - Math.min(...values);
    const fillsWidth = extent(points.map(([x]) => x)) >= frame.width - 2 * frame.padding - 2;
    const fillsHeight = extent(points.map(([, y]) => y)) >= frame.height - 2 * frame.padding - 2;
    expect(fillsWidth || fillsHeight).toBe(true);
  });

  it("puts the western square on the left, with north up", () => {
    const [west, east] = projectBoundaries(entries, frame).map((s) => ringsOf(s.path).flat());
    const meanX = (points: [number, number][] = []) => points.reduce((sum, [x]) => sum + x, 0) / points.length;
    expect(meanX(west)).toBeLessThan(meanX(east));
  });

  it("writes whole units, closes every ring and draws a square with four corners", () => {
    const [shape] = projectBoundaries([entries[0]!], frame);
    expect(shape?.path).toMatch(/^M\d+ \d+(l-?\d+(?: |-)\d+)+z$/);
    expect(ringsOf(shape?.path ?? "")[0]).toHaveLength(4);
  });

  it("leaves out what is not a polygon", () => {
    expect(
      projectBoundaries([...entries, { kasCode: "03", boundary: { type: "Point", coordinates: [20, 42] } }], frame),
    ).toHaveLength(2);
    expect(projectBoundaries([], frame)).toEqual([]);
  });
});

describe("findNeighbours", () => {
  const entries = [
    { kasCode: "01", boundary: square(20, 42) },
    { kasCode: "02", boundary: square(20.1, 42) },
    { kasCode: "03", boundary: square(20.2, 42.1) },
    { kasCode: "04", boundary: square(25, 45) },
  ];

  it("finds municipalities that share a border", () => {
    expect(findNeighbours(entries, "01")).toEqual(["02"]);
    expect(findNeighbours(entries, "02")).toEqual(["01"]);
  });

  it("does not count a shared corner as a border", () => {
    expect(findNeighbours(entries, "03")).toEqual([]);
    expect(findNeighbours(entries, "04")).toEqual([]);
  });

  it("returns nothing for an unknown municipality", () => {
    expect(findNeighbours(entries, "99")).toEqual([]);
  });
});
