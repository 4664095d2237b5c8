/** The orders the municipalities table can be sorted in (`?sort=`), alphabetical first (the default). */
export const MUNICIPALITY_SORTS = ["name", "share", "count", "population"] as const;
export type MunicipalitySort = (typeof MUNICIPALITY_SORTS)[number];
