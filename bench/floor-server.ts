/**
 * The "floor" of the load benchmark (`bench/load.ts`): a bare node:http + pg server that, for each
 * of a few API URLs, issues exactly the SQL statements the app issued for it (captured from the app
 * by load.ts, in order, with their parameters) and answers with the rows as JSON. No framework, no
 * validation, no rendering, no compression: what the database and the driver cost, and nothing else.
 *
 * Started by load.ts as a child process: PORT, DATABASE_URL, FLOOR_STATEMENTS (a JSON file:
 * { "/name": [{ text, values }, …] }).
 */
import fs from "node:fs";
import http from "node:http";
import pg from "pg";

interface Statement {
  text: string;
  values: unknown[];
}

const statements = JSON.parse(fs.readFileSync(process.env.FLOOR_STATEMENTS ?? "", "utf8")) as Record<
  string,
  Statement[]
>;
// The same pool size as the app's (app/db/client.server.ts).
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

const server = http.createServer((req, res) => {
  const list = statements[(req.url ?? "").split("?")[0]!];
  if (!list) {
    res.writeHead(404).end();
    return;
  }
  void (async () => {
    try {
      const results: unknown[] = [];
      for (const statement of list) results.push((await pool.query(statement.text, statement.values)).rows);
      const body = JSON.stringify(results);
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body);
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  })();
});

server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log(`floor listening on ${process.env.PORT}`));
process.on("SIGTERM", () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
