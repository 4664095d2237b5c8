/** Tables of community needs and cases (issue 7). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the module's migration
export interface NeedsTables {}
