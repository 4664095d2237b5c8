import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import type { MapFrame } from "./map-frames.ts";
import { projectBoundaries, type BoundaryEntry, type ProjectedShape } from "./municipality-map.server.ts";

/** Projected outlines by the digest of the boundaries and the frame: the boundaries are reference data, so a process keeps one or two. */
const projectedOutlines = new Map<string, ProjectedShape[]>();

/**
 * The municipalities' outlines as SVG paths in `frame`, projected with d3-geo once per process
 * (decision 022; every page with a national map since decision 044). One query every time: it
 * returns a fingerprint of the stored boundaries (each row's transaction id and stored size: any
 * update of a row gives it a new `xmin`), and the boundaries themselves only when this process has
 * not projected that fingerprint yet, so a changed boundary is drawn anew and an unchanged one is
 * neither read, sent nor projected again. (Until decision 044 the fingerprint was an md5 of every
 * boundary's text, which read and serialised 130 KB of GeoJSON on each request.)
 */
export async function loadProjectedOutlines(db: Db, frame: MapFrame): Promise<ProjectedShape[]> {
  const frameKey = `${frame.width}x${frame.height}+${frame.padding}`;
  const known = [...projectedOutlines.keys()].filter((key) => key.endsWith(`/${frameKey}`)).map((key) => key.slice(0, key.indexOf("/")));
  const result = await sql<{ digest: string | null; outlines: BoundaryEntry[] | null }>`
    with d as (select md5(string_agg(kas_code || ':' || xmin::text || ':' || coalesce(pg_column_size(boundary), 0), ',' order by kas_code)) as digest from municipality)
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
