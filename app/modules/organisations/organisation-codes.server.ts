import { sql } from "kysely";

/**
 * An organisation's sector and community codes, each in code order, as two array columns (`sectors`,
 * `communities`) of a query over `organisation as o`: its audit snapshot and its search entry.
 */
export const ORGANISATION_CODES = [
  sql<
    string[]
  >`array(select s.sector_code from organisation_sector s where s.organisation_id = o.id order by s.sector_code)`.as(
    "sectors",
  ),
  sql<
    string[]
  >`array(select c.community_code from organisation_community c where c.organisation_id = o.id order by c.community_code)`.as(
    "communities",
  ),
] as const;
