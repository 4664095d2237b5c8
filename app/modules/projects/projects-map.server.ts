import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import type { MapFrame } from "#app/modules/municipalities/map-frames.ts";
import { projectBoundaries, type BoundaryEntry, type ProjectedShape } from "#app/modules/municipalities/municipality-map.server.ts";

/** Projected outlines by the digest of the boundaries and the frame: the boundaries are reference data, so a process keeps one or two. */
const projectedOutlines = new Map<string, ProjectedShape[]>();

/**
 * The municipalities' outlines as SVG paths in `frame`, projected with d3-geo once per process
 * (decision 022). One query every time: it returns a digest of the stored boundaries, and the
 * boundaries themselves only when this process has not projected that digest yet, so a changed
 * boundary is drawn anew and an unchanged one is neither sent nor projected again.
 */
export async function loadProjectedOutlines(db: Db, frame: MapFrame): Promise<ProjectedShape[]> {
  const frameKey = `${frame.width}x${frame.height}+${frame.padding}`;
  const known = [...projectedOutlines.keys()].filter((key) => key.endsWith(`/${frameKey}`)).map((key) => key.slice(0, key.indexOf("/")));
  const result = await sql<{ digest: string | null; outlines: BoundaryEntry[] | null }>`
    with d as (select md5(string_agg(kas_code || ':' || md5(boundary::text), ',' order by kas_code)) as digest from municipality)
    select d.digest,
      case when d.digest in (select jsonb_array_elements_text(${JSON.stringify(known)}::jsonb)) then null
      else (select json_agg(json_build_object('kasCode', m.kas_code, 'boundary', m.boundary) order by m.kas_code) from municipality m) end as outlines
    from d`.execute(db);
  const row = result.rows[0];
  if (!row?.digest) return [];
  const key = `${row.digest}/${frameKey}`;
  const cached = projectedOutlines.get(key);
  if (cached) return cached;
  const shapes = projectBoundaries(row.outlines ?? [], frame);
  if (projectedOutlines.size >= 8) projectedOutlines.clear();
  projectedOutlines.set(key, shapes);
  return shapes;
}
