/** Tables of the library of documents (issue 8). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the module's migration
export interface LibraryTables {}
