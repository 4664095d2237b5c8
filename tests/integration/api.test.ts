import SwaggerParser from "@apidevtools/swagger-parser";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { createTestApp } from "../support/test-app.ts";
import { createTestDatabase } from "../support/test-database.ts";

let handle: DatabaseHandle;
let app: ReturnType<typeof createTestApp>;
beforeAll(async () => {
  handle = await createTestDatabase();
  app = createTestApp(handle);
});
afterAll(() => handle.close());

const get = (path: string, headers: Record<string, string> = {}) =>
  app.fetch(new Request(`http://localhost${path}`, { headers }));

describe("/api/v1", () => {
  it("lists the 38 municipalities with both official names and census figures", async () => {
    const response = await get("/api/v1/municipalities");
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      data: {
        kasCode: string;
        names: { sq: string; sr: string; srCyrl: string };
        population2024: number;
        population2024IsEstimate: boolean;
        communities2024: Record<string, number>;
      }[];
    };
    expect(body.data).toHaveLength(38);
    const prizren = body.data.find((m) => m.names.sq === "Prizren");
    expect(prizren).toMatchObject({ kasCode: "20", names: { sr: "Prizren", srCyrl: "Призрен" } });
    const leposaviq = body.data.find((m) => m.names.sq === "Leposaviq");
    expect(leposaviq?.names.sr).toBe("Leposavić");
    expect(leposaviq?.population2024IsEstimate).toBe(true);
    for (const m of body.data) {
      const sum = Object.values(m.communities2024).reduce((a, b) => a + b, 0);
      expect(sum, m.names.sq).toBe(m.population2024);
    }
  });

  it("returns one municipality, 404 for an unknown code and 400 for a malformed one", async () => {
    expect((await get("/api/v1/municipalities/20")).status).toBe(200);
    expect((await get("/api/v1/municipalities/39")).status).toBe(400);
    expect((await get("/api/v1/municipalities/abc")).status).toBe(400);
    expect((await get("/api/v1/nothing-here")).status).toBe(404);
  });

  it("lists communities, sectors and organisation types with names in sq, sr and en", async () => {
    for (const [path, count] of [
      ["/api/v1/communities", 10],
      ["/api/v1/sectors", 12],
      ["/api/v1/organisation-types", 9],
    ] as const) {
      const body = (await (await get(path)).json()) as { data: { code: string; name: Record<string, string> }[] };
      expect(body.data, path).toHaveLength(count);
      for (const entry of body.data)
        expect(Object.keys(entry.name).sort(), `${path} ${entry.code}`).toEqual(["en", "sq", "sr"]);
    }
  });

  it("publishes an OpenAPI document that passes a validator and lists every endpoint", async () => {
    const document = (await (await get("/api/v1/openapi.json")).json()) as { paths: Record<string, unknown> };
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeTruthy();
    expect(Object.keys(document.paths).sort()).toEqual([
      "/action-plans/{id}",
      "/communities",
      "/events",
      "/iati/activities.xml",
      "/iati/organisations.xml",
      "/iati/publishers/{slug}/activities.xml",
      "/iati/publishers/{slug}/organisation.xml",
      "/measures",
      "/municipalities",
      "/municipalities/{kasCode}",
      "/needs/stats",
      "/opportunities",
      "/organisation-types",
      "/project-results.csv",
      "/project-results.xlsx",
      "/projects",
      "/projects.csv",
      "/projects.iati.xml",
      "/projects.xlsx",
      "/projects/{id}",
      "/search",
      "/sectors",
      "/services",
      "/strategies",
    ]);
  });
});

describe("HTTP behaviour", () => {
  it("sends security headers with every response, and the query count only when SERVER_TIMING is on (benchmarks)", async () => {
    const response = await get("/api/v1/sectors");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(response.headers.get("server-timing")).toBeNull();
    const timed = await createTestApp(handle, undefined, { env: { SERVER_TIMING: "true" } }).request("/api/v1/sectors");
    expect(timed.headers.get("server-timing")).toMatch(/db;dur=[\d.]+;desc="1 queries"/);
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("uses a fresh CSP nonce per response", async () => {
    const nonceOf = async () =>
      /nonce-([^']+)/.exec((await get("/healthz")).headers.get("content-security-policy") ?? "")?.[1];
    expect(await nonceOf()).not.toBe(await nonceOf());
  });

  it("compresses responses for clients that accept it", async () => {
    const response = await get("/api/v1/municipalities", { "accept-encoding": "gzip" });
    expect(response.headers.get("content-encoding")).toBe("gzip");
  });

  it("answers /healthz with 200 while the database answers", async () => {
    const response = await get("/healthz");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });
});

describe("/healthz without a database", () => {
  it("answers 503", async () => {
    const broken = await createTestDatabase();
    const brokenApp = createTestApp(broken);
    await broken.close();
    const response = await brokenApp.fetch(new Request("http://localhost/healthz"));
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "unavailable" });
  });

  it.skipIf(!!process.env.DATABASE_URL)(
    "answers 503 at once when the embedded database's thread has died",
    async () => {
      const crashed = await createTestDatabase();
      try {
        const crashedApp = createTestApp(crashed);
        expect((await crashedApp.fetch(new Request("http://localhost/healthz"))).status).toBe(200);
        // What a crash of the WebAssembly engine or of its thread leaves behind.
        await crashed.pglite!.thread.terminate();
        const started = performance.now();
        const response = await crashedApp.fetch(new Request("http://localhost/healthz"));
        expect(response.status).toBe(503);
        expect(await response.json()).toEqual({ status: "unavailable" });
        expect(performance.now() - started).toBeLessThan(1_000);
        await expect(crashed.db.selectFrom("municipality").select("kas_code").execute()).rejects.toThrow(
          /embedded database cannot answer/,
        );
      } finally {
        await crashed.close();
      }
    },
  );
});

describe("/healthz while the database is busy", () => {
  it("answers 200 within a moment while long statements hold every connection and other queries wait behind them", async () => {
    const busy = await createTestDatabase();
    try {
      const busyApp = createTestApp(busy);
      // The embedded database has one connection; a PostgreSQL pool has poolStats().max, all taken here.
      const connections = busy.poolStats?.().max ?? 1;
      let sentCount = 0;
      let statementsSent!: () => void;
      const sent = new Promise<void>((resolve) => (statementsSent = resolve));
      const started = performance.now();
      const longTransactions = Array.from({ length: connections }, () =>
        busy.db.transaction().execute(async (trx) => {
          const statement = sql`select pg_sleep(1.5)`.execute(trx);
          // One turn of the event loop: Kysely has sent the statement by then.
          setImmediate(() => {
            if (++sentCount === connections) statementsSent();
          });
          await statement;
          return performance.now();
        }),
      );
      await sent;
      // Requests queued for the connection behind the transaction, as a flood of pages leaves them.
      const queued = Array.from({ length: 5 }, () => busy.db.selectFrom("municipality").select("kas_code").execute());
      const asked = performance.now();
      const response = await busyApp.fetch(new Request("http://localhost/healthz"));
      const answered = performance.now();
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: "ok" });
      expect(answered - asked).toBeLessThan(500);
      const finished = Math.min(...(await Promise.all(longTransactions)));
      await Promise.all(queued);
      // The health check was answered while the statement was still running, not after it.
      expect(finished - started).toBeGreaterThanOrEqual(1_400);
      expect(answered).toBeLessThan(finished);
    } finally {
      await busy.close();
    }
  });
});
