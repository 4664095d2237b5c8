/** Where test databases come from: handed by the global setup to every test file through `inject`. */
export type TestDatabaseSource =
  | { kind: "pglite"; /** gzip dump of the migrated template */ dumpPath: string }
  | {
      kind: "postgres";
      /** Connection string of a database on the server from which databases can be created and dropped. */
      adminUrl: string;
      /** The migrated template database. */
      template: string;
      /** Prefix of every database of this test run (template included). */
      prefix: string;
    };

/** The connection string of another database on the same PostgreSQL server. */
export function databaseUrlFor(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}
