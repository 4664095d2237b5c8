import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import type { MapFrame } from "./map-frames.ts";
import {
  findNeighbours,
  projectBoundaries,
  type BoundaryEntry,
  type ProjectedShape,
} from "./municipality-map.server.ts";

/** A municipality's names and slug, as they were when its boundary was read (any update of the row changes the fingerprint). */
export interface MunicipalityNames {
  kasCode: string;
  slug: string;
  nameSq: string;
  nameSr: string;
  nameSrCyrl: string;
}

/** A national map in one frame: each municipality's outline, and each one's neighbours. */
export interface MunicipalityMap {
  shapes: ProjectedShape[];
  neighbours: ReadonlyMap<string, readonly MunicipalityNames[]>;
}

/** Projected outlines by the digest of the boundaries and the frame: the boundaries are reference data, so a process keeps one or two. */
const projectedOutlines = new Map<string, MunicipalityMap>();

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
  return (await loadMunicipalityMap(db, frame)).shapes;
}

/**
 * The outlines of `loadProjectedOutlines` with every municipality's neighbours (their names and
 * slugs), found once with the projection (decision 044: the municipality page read every boundary,
 * found the neighbours and projected its locator map on every request). Same single query.
 */
export async function loadMunicipalityMap(db: Db, frame: MapFrame): Promise<MunicipalityMap> {
  const frameKey = `${frame.width}x${frame.height}+${frame.padding}`;
  const known = [...projectedOutlines.keys()]
    .filter((key) => key.endsWith(`/${frameKey}`))
    .map((key) => key.slice(0, key.indexOf("/")));
  const result = await sql<{ digest: string | null; outlines: (BoundaryEntry & MunicipalityNames)[] | null }>`
    with d as (select md5(string_agg(kas_code || ':' || xmin::text || ':' || coalesce(pg_column_size(boundary), 0), ',' order by kas_code)) as digest from municipality)
    select d.digest,
      case when d.digest in (select jsonb_array_elements_text(${JSON.stringify(known)}::jsonb)) then null
      else (select json_agg(json_build_object('kasCode', m.kas_code, 'slug', m.slug, 'nameSq', m.name_sq, 'nameSr', m.name_sr, 'nameSrCyrl', m.name_sr_cyrl, 'boundary', m.boundary) order by m.kas_code) from municipality m) end as outlines
    from d`.execute(db);
  const row = result.rows[0];
  if (!row?.digest) return { shapes: [], neighbours: new Map() };
  const key = `${row.digest}/${frameKey}`;
  const cached = projectedOutlines.get(key);
  if (cached) return cached;
  const entries = row.outlines ?? [];
  const byCode = new Map(
    entries.map((e) => [
      e.kasCode,
      { kasCode: e.kasCode, slug: e.slug, nameSq: e.nameSq, nameSr: e.nameSr, nameSrCyrl: e.nameSrCyrl },
    ]),
  );
  const neighbours = new Map(
    entries.map((entry) => [
      entry.kasCode,
      findNeighbours(entries, entry.kasCode).flatMap((code) => byCode.get(code) ?? []),
    ]),
  );
  const map: MunicipalityMap = { shapes: projectBoundaries(entries, frame), neighbours };
  if (projectedOutlines.size >= 8) projectedOutlines.clear();
  projectedOutlines.set(key, map);
  return map;
}
