import { geoArea, geoMercator, geoPath, type GeoContext, type GeoPermissibleObjects } from "d3-geo";
import type { MapFrame } from "./map-frames.ts";

type Position = number[];

/** A municipality's boundary as stored: a GeoJSON Polygon or MultiPolygon in longitude/latitude. */
export type Boundary =
  { type: "Polygon"; coordinates: Position[][] } | { type: "MultiPolygon"; coordinates: Position[][][] };

/** A municipality's code and stored boundary, as the map functions need them. */
export interface BoundaryEntry {
  kasCode: string;
  boundary: unknown;
}

/** A municipality's outline as an SVG path in a frame. */
export interface ProjectedShape {
  kasCode: string;
  path: string;
}

function isPosition(value: unknown): value is Position {
  return Array.isArray(value) && value.length >= 2 && value.every((n) => typeof n === "number" && Number.isFinite(n));
}

function isRing(value: unknown): value is Position[] {
  return Array.isArray(value) && value.length >= 4 && value.every(isPosition);
}

function isPolygonCoordinates(value: unknown): value is Position[][] {
  return Array.isArray(value) && value.length >= 1 && value.every(isRing);
}

/** Narrows a stored jsonb value to a boundary this module can draw. */
export function isBoundary(value: unknown): value is Boundary {
  if (typeof value !== "object" || value === null) return false;
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  if (type === "Polygon") return isPolygonCoordinates(coordinates);
  if (type === "MultiPolygon")
    return Array.isArray(coordinates) && coordinates.length >= 1 && coordinates.every(isPolygonCoordinates);
  return false;
}

/**
 * Winds each polygon's rings the way d3-geo expects. GeoJSON (RFC 7946) winds outer rings
 * anticlockwise; d3-geo works on the sphere and reads such a ring as "everything except this
 * area", which draws the whole world instead of the municipality. A polygon whose spherical area
 * is more than a hemisphere is therefore reversed.
 */
export function orientForD3(boundary: Boundary): Boundary {
  const orient = (rings: Position[][]): Position[][] => {
    const area = geoArea({ type: "Polygon", coordinates: rings } as GeoPermissibleObjects);
    return area > 2 * Math.PI ? rings.map((ring) => [...ring].reverse()) : rings;
  };
  if (boundary.type === "Polygon") return { type: "Polygon", coordinates: orient(boundary.coordinates) };
  return { type: "MultiPolygon", coordinates: boundary.coordinates.map(orient) };
}

/** True when `c` carries on from `b` in exactly the direction `a` → `b` took. */
function continuesStraight(a: [number, number], b: [number, number], c: [number, number]): boolean {
  const [abx, aby] = [b[0] - a[0], b[1] - a[1]];
  const [bcx, bcy] = [c[0] - b[0], c[1] - b[1]];
  return abx * bcy - aby * bcx === 0 && abx * bcx + aby * bcy > 0;
}

/**
 * A d3-geo rendering context that writes a compact SVG path: whole units, relative moves,
 * repeated points and points on a straight run dropped, and rings that collapse to less than a triangle left out. At the size
 * the maps are shown, a unit is about a screen pixel, so nothing visible is lost and the
 * markup stays small for slow connections.
 */
class CompactPathContext implements GeoContext {
  private readonly parts: string[] = [];
  private ring: [number, number][] = [];

  beginPath(): void {}

  moveTo(x: number, y: number): void {
    this.flushRing();
    this.ring = [[Math.round(x), Math.round(y)]];
  }

  lineTo(x: number, y: number): void {
    const point: [number, number] = [Math.round(x), Math.round(y)];
    const last = this.ring[this.ring.length - 1];
    if (last && last[0] === point[0] && last[1] === point[1]) return;
    const beforeLast = this.ring[this.ring.length - 2];
    if (last && beforeLast && continuesStraight(beforeLast, last, point)) this.ring[this.ring.length - 1] = point;
    else this.ring.push(point);
  }

  closePath(): void {
    this.flushRing();
  }

  arc(): void {}

  toString(): string {
    this.flushRing();
    return this.parts.join("");
  }

  private flushRing(): void {
    const ring = this.ring;
    this.ring = [];
    const first = ring[0];
    const last = ring[ring.length - 1];
    if (first && last && ring.length > 1 && first[0] === last[0] && first[1] === last[1]) ring.pop();
    if (ring.length < 3 || !first) return;
    let path = `M${first[0]} ${first[1]}`;
    for (let i = 1; i < ring.length; i++) {
      const [x, y] = ring[i] as [number, number];
      const [px, py] = ring[i - 1] as [number, number];
      const dx = x - px;
      const dy = y - py;
      path += `l${dx}${dy < 0 ? "" : " "}${dy}`;
    }
    this.parts.push(`${path}z`);
  }
}

/**
 * Projects the municipalities' boundaries into a frame (Mercator, fitted to all of them) and
 * returns one compact SVG path per municipality, in the order given. Entries whose stored
 * boundary is not a polygon are left out.
 */
export function projectBoundaries(entries: BoundaryEntry[], frame: MapFrame): ProjectedShape[] {
  const features = entries.flatMap((entry) =>
    isBoundary(entry.boundary)
      ? [
          {
            kasCode: entry.kasCode,
            feature: { type: "Feature", properties: {}, geometry: orientForD3(entry.boundary) },
          },
        ]
      : [],
  );
  if (features.length === 0) return [];
  const collection = { type: "FeatureCollection", features: features.map((f) => f.feature) } as GeoPermissibleObjects;
  const projection = geoMercator().fitExtent(
    [
      [frame.padding, frame.padding],
      [frame.width - frame.padding, frame.height - frame.padding],
    ],
    collection,
  );
  return features.map(({ kasCode, feature }) => {
    const context = new CompactPathContext();
    geoPath(projection, context)(feature as GeoPermissibleObjects);
    return { kasCode, path: context.toString() };
  });
}

function vertexKeys(boundary: Boundary): Set<string> {
  const polygons = boundary.type === "Polygon" ? [boundary.coordinates] : boundary.coordinates;
  const keys = new Set<string>();
  for (const rings of polygons) for (const ring of rings) for (const [lon, lat] of ring) keys.add(`${lon},${lat}`);
  return keys;
}

/**
 * The municipalities that share a border with one municipality. The boundary data keeps shared
 * borders identical on both sides, so two municipalities are neighbours when their outlines
 * have at least two vertices in common (one common point is a corner, not a border).
 */
export function findNeighbours(entries: BoundaryEntry[], kasCode: string): string[] {
  const target = entries.find((entry) => entry.kasCode === kasCode);
  if (!target || !isBoundary(target.boundary)) return [];
  const targetVertices = vertexKeys(target.boundary);
  const neighbours: string[] = [];
  for (const entry of entries) {
    if (entry.kasCode === kasCode || !isBoundary(entry.boundary)) continue;
    let shared = 0;
    for (const key of vertexKeys(entry.boundary)) {
      if (targetVertices.has(key) && ++shared >= 2) break;
    }
    if (shared >= 2) neighbours.push(entry.kasCode);
  }
  return neighbours;
}
