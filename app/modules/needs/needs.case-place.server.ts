import type { Db } from "#app/db/client.server.ts";
import { municipalityNameColumns } from "#app/db/municipality-columns.ts";
import type { NeedCategory, NeedStatus } from "#app/db/tables/needs.ts";

/** Cases (`c`) with their municipality (`m`): where every read that shows where a case is starts. */
export function casesWithMunicipality(db: Db) {
  return db.selectFrom("need_case as c").innerJoin("municipality as m", "m.kas_code", "c.kas_code");
}

/** Cases (`c`) with their municipality (`m`) and their settlement (`st`, none when the case names only a municipality). */
export function casesWithPlace(db: Db) {
  return casesWithMunicipality(db).leftJoin("settlement as st", "st.id", "c.settlement_id");
}

/** The columns that name a case and its place (id, reference, category, status, municipality's code and names): the queue's rows and a case's page start with them. */
export const CASE_HEAD_COLUMNS = [
  "c.id",
  "c.reference",
  "c.category",
  "c.status",
  "c.kas_code",
  ...municipalityNameColumns("m"),
] as const;

/** The names of a case's municipality, from a row that selected `municipalityNameColumns("m")`. */
export function caseMunicipality(row: { name_sq: string; name_sr: string; name_sr_cyrl: string }) {
  return { nameSq: row.name_sq, nameSr: row.name_sr, nameSrCyrl: row.name_sr_cyrl };
}

/** What names a case and its place in the workspace's views of it (the queue, a case's page, the briefing). */
export interface CaseHead {
  id: number;
  reference: string;
  category: NeedCategory;
  status: NeedStatus;
  kasCode: string;
  municipality: { nameSq: string; nameSr: string; nameSrCyrl: string };
}

/** A case's head (`CaseHead`) from a row that selected `CASE_HEAD_COLUMNS`. */
export function caseHeadOf(row: {
  id: number;
  reference: string;
  category: NeedCategory;
  status: NeedStatus;
  kas_code: string;
  name_sq: string;
  name_sr: string;
  name_sr_cyrl: string;
}): CaseHead {
  return {
    id: row.id,
    reference: row.reference,
    category: row.category,
    status: row.status,
    kasCode: row.kas_code,
    municipality: caseMunicipality(row),
  };
}
