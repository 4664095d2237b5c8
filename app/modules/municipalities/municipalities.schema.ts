import { z } from "zod";
import { MUNICIPALITY_SORTS, type MunicipalitySort } from "./municipality-sort.ts";

/**
 * Path parameter of a municipality page: its two-digit KAS code, then `-` and its slug. The slug
 * is only a readable decoration: it may be missing or out of date, and the page redirects to the
 * canonical address, so only the code is checked here.
 */
export const MunicipalityParamSchema = z
  .string()
  .max(200)
  .regex(/^\d{2}(?:-|$)/)
  .transform((value) => ({ kasCode: value.slice(0, 2), slug: value.slice(3) }));

/** The query of the municipalities page once checked: the community the map shows and the table's order. */
export interface MunicipalityListQuery {
  community: string;
  sort: MunicipalitySort;
}

/**
 * Reads `?community=` and `?sort=` of the municipalities page. The community must be one of the
 * census communities (the list comes from the database); anything else, or nothing, falls back
 * to `defaultCommunity`, and an unknown order to alphabetical, so a hand-edited or stale link
 * still shows a page.
 */
export function parseMunicipalityListQuery(
  searchParams: URLSearchParams,
  communityCodes: readonly string[],
  defaultCommunity: string,
): MunicipalityListQuery {
  const schema = z.object({
    community: z
      .string()
      .refine((code) => communityCodes.includes(code))
      .catch(defaultCommunity),
    sort: z.enum(MUNICIPALITY_SORTS).catch("name"),
  });
  return schema.parse({
    community: searchParams.get("community") ?? undefined,
    sort: searchParams.get("sort") ?? undefined,
  });
}
