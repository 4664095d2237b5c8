/**
 * The columns of a municipality's names in both official languages and both Serbian scripts
 * (`name_sq`, `name_sr`, `name_sr_cyrl`) under a query's alias for the `municipality` table: what
 * every read that shows a municipality's name selects (`.select([..., ...municipalityNameColumns("mu")])`).
 */
export function municipalityNameColumns<A extends string>(alias: A) {
  return [`${alias}.name_sq`, `${alias}.name_sr`, `${alias}.name_sr_cyrl`] as const;
}
