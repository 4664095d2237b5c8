/** Tables of donor projects and results frameworks (issue 6). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the module's migration
export interface ProjectTables {}
