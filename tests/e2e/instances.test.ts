import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "#app/db/client.server.ts";
import { migrations } from "#app/db/migrations/index.ts";
import { hashPassword } from "#app/modules/identity/passwords.server.ts";
import { isPostgresAvailable, startPostgresCluster, type PostgresCluster } from "../support/postgres-cluster.ts";
import { startLocalS3, type LocalS3 } from "../support/s3-server.ts";
import {
  findFreePort,
  removeDirectory,
  startServer,
  stopServer,
  waitUntilHealthy,
  type ServerProcess,
} from "./support/server-process.ts";

/*
 * Two app instances on one PostgreSQL and one S3-compatible bucket, as behind a load balancer
 * (decision 032, docs/deployment.md): started together they migrate once; a session made on one
 * works on the other; a file uploaded through one is served by the other; background jobs run once;
 * failed sign-ins of one client count the same whichever instance answers, and lock that client
 * out on both at the same total while another client is unaffected; an instance stopped with
 * SIGTERM finishes the request in hand.
 */

const PASSWORD = `Instance-test-${randomBytes(6).toString("hex")}!`;
const SECRET = randomBytes(32).toString("hex");

let cluster: PostgresCluster;
let s3: LocalS3;
let db: DatabaseHandle;
let a: ServerProcess;
let b: ServerProcess;
let publicUrl: string;
const dataDirs: string[] = [];

function startInstance(port: number): ServerProcess {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cap-instance-"));
  dataDirs.push(dataDir);
  return startServer({
    port,
    dataDir,
    entry: "main",
    // One public address for both, as a load balancer in front of them would present; the load
    // balancer appends the client's address to X-Forwarded-For (one trusted proxy).
    env: {
      DATABASE_URL: cluster.url,
      APP_SECRET: SECRET,
      PUBLIC_URL: publicUrl,
      SEED_DEMO: "false",
      TRUST_PROXY: "1",
      ...s3.env,
    },
  });
}

/**
 * A form POSTed to `url` with node:http rather than fetch(), which neither sends a Host header of the caller's
 * nor lets the body arrive in parts: the caller writes `body` (all of it, or in pieces) and ends the request.
 */
function formPost(
  url: URL,
  body: string,
  headers: http.OutgoingHttpHeaders,
  onResponse: (response: http.IncomingMessage) => void,
): http.ClientRequest {
  return http.request(
    {
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "Content-Length": Buffer.byteLength(body),
        ...headers,
      },
    },
    onResponse,
  );
}

/** The cookies a response sets, as one Cookie header. */
function cookiesFrom(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .join("; ");
}

/**
 * A donor of the first organisation, with the test password, written into the shared database:
 * `<emailPrefix>-<random>@test.example.org`.
 */
async function createDonor(emailPrefix: string, name: string): Promise<{ email: string; organisationId: number }> {
  const organisation = await db.db.selectFrom("organisation").select("id").orderBy("id").executeTakeFirstOrThrow();
  const email = `${emailPrefix}-${randomBytes(4).toString("hex")}@test.example.org`;
  const userId = crypto.randomUUID();
  await db.db
    .insertInto("app_user")
    .values({ id: userId, email, name, email_verified_at: new Date(), password_hash: await hashPassword(PASSWORD) })
    .execute();
  await db.db
    .insertInto("role_assignment")
    .values({ user_id: userId, role: "donor", organisation_id: organisation.id, kas_code: null })
    .execute();
  return { email, organisationId: organisation.id };
}

beforeAll(async () => {
  if (!isPostgresAvailable) return;
  [cluster, s3] = await Promise.all([startPostgresCluster(), startLocalS3("cap-instances")]);
  const portA = await findFreePort();
  const portB = await findFreePort([portA]);
  publicUrl = `http://127.0.0.1:${portA}`;
  a = startInstance(portA);
  b = startInstance(portB);
  await Promise.all([waitUntilHealthy(a, 120_000), waitUntilHealthy(b, 120_000)]);
  db = await openDatabase({ databaseUrl: cluster.url, poolSize: 2 });
}, 240_000);

afterAll(async () => {
  await Promise.all([a && stopServer(a), b && stopServer(b)]);
  await db?.close();
  cluster?.stop();
  await s3?.stop();
  for (const dir of dataDirs) removeDirectory(dir);
}, 60_000);

describe.skipIf(!isPostgresAvailable)("two instances on one database and one bucket", () => {
  it("applied every migration once, and both are ready", async () => {
    const rows = await sql<{ count: number }>`select count(*)::int as count from kysely_migration`.execute(db.db);
    expect(rows.rows[0]!.count).toBe(Object.keys(migrations).length);
    const logs = [a.output(), b.output()].join("\n");
    // Only one of the two logged applying them (LOG_LEVEL=warn hides the line, so ask the table instead).
    expect(logs).not.toMatch(/Migration .* failed/);
    for (const instance of [a, b]) {
      const ready = await fetch(`${instance.baseUrl}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        status: "ready",
        checks: { database: "ok", migrations: "ok", storage: "ok" },
      });
    }
  });

  it("keeps a session signed in on one instance valid on the other, and serves a file uploaded through one from the other", async () => {
    const { email, organisationId } = await createDonor("instances", "Instance Tester");

    const signIn = await fetch(`${a.baseUrl}/en/sign-in`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: publicUrl, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password: PASSWORD, returnTo: "/en/workspace" }),
    });
    expect(signIn.status).toBeGreaterThanOrEqual(300);
    expect(signIn.status).toBeLessThan(400);
    const cookie = cookiesFrom(signIn);
    expect(cookie).toMatch(/session=/);

    const onB = await fetch(`${b.baseUrl}/en/workspace`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(onB.status).toBe(200);
    expect(await onB.text()).toContain("Instance Tester");

    const pdf = new TextEncoder().encode(
      `%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n% ${randomBytes(8).toString("hex")}\n`,
    );
    const form = new FormData();
    form.set("intent", "save");
    form.set("titleEn", "A report uploaded through instance A");
    form.set("originalLocale", "en");
    form.set("docType", "report");
    form.set("organisationId", String(organisationId));
    form.set("issuedOn", "2026-01-15");
    form.set("fileEn", new File([pdf], "report.pdf", { type: "application/pdf" }));
    const created = await fetch(`${a.baseUrl}/en/workspace/library/new`, {
      method: "POST",
      body: form,
      redirect: "manual",
      headers: { Cookie: cookie, Origin: publicUrl },
    });
    expect(created.status, await created.clone().text()).toBeGreaterThanOrEqual(300);
    const location = created.headers.get("location") ?? "";
    const id = /\/workspace\/library\/(\d+)/.exec(location)?.[1];
    expect(id).toBeTruthy();

    // The bytes are in the bucket, not in either instance's DATA_DIR.
    for (const dir of dataDirs) expect(fs.existsSync(path.join(dir, "files"))).toBe(false);
    const served = await fetch(`${b.baseUrl}/en/workspace/library/${id}/files/en`, { headers: { Cookie: cookie } });
    expect(served.status).toBe(200);
    expect(
      Buffer.from(await served.arrayBuffer())
        .subarray(0, 8)
        .toString("latin1"),
    ).toBe("%PDF-1.4");
  });

  it("counts one client's failed sign-ins together on both instances: the lock-out comes at the same total, and another client is unaffected", async () => {
    const { email } = await createDonor("rate", "Rate Limit Tester");
    // Two clients as the load balancer reports them (documentation addresses, RFC 5737).
    const guesser = "198.51.100.23";
    const owner = "203.0.113.77";
    /**
     * A sign-in as it reaches an instance through the load balancer: the public Host passed on (a
     * Host header fetch() would not send) and the client appended to X-Forwarded-For.
     */
    const signIn = (instance: ServerProcess, client: string, password: string) =>
      new Promise<{ status: number; cookies: string; text: string }>((resolve, reject) => {
        const body = new URLSearchParams({ email, password, returnTo: "/en/workspace" }).toString();
        const request = formPost(
          new URL(`${instance.baseUrl}/en/sign-in`),
          body,
          { Host: new URL(publicUrl).host, Origin: publicUrl, "X-Forwarded-For": client },
          (response) => {
            const chunks: Buffer[] = [];
            response.on("data", (chunk: Buffer) => chunks.push(chunk));
            response.on("end", () =>
              resolve({
                status: response.statusCode ?? 0,
                cookies: (response.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; "),
                text: Buffer.concat(chunks).toString("utf8"),
              }),
            );
          },
        );
        request.on("error", reject);
        request.end(body);
      });

    // The limit is five wrong passwords per address and client (decision 009). Four of them,
    // alternating between the instances, are each answered as a plain wrong password.
    const first = [];
    for (const instance of [a, b, a, b]) first.push((await signIn(instance, guesser, "wrong-password-1")).status);
    expect(first).toEqual([400, 400, 400, 400]);
    // The fifth, on instance B, is the one that locks: B counted A's two as well.
    const fifth = await signIn(b, guesser, "wrong-password-2");
    const buckets = async () =>
      JSON.stringify(
        await db.db.selectFrom("rate_limit").select(["key", "hits"]).where("key", "like", `%${email}%`).execute(),
      );
    expect(fifth.status, await buckets()).toBe(429);
    expect(fifth.text).toMatch(/Too many failed attempts\. Try again in \d+ minutes?\./);
    // Now even the right password from that client is refused, on either instance.
    for (const instance of [a, b]) {
      const locked = await signIn(instance, guesser, PASSWORD);
      expect(locked.status).toBe(429);
      expect(locked.cookies).not.toMatch(/session=/);
    }
    // The counter is one database row, counted by both: 5 attempts + the 2 refused ones.
    const bucket = await db.db
      .selectFrom("rate_limit")
      .select("hits")
      .where("key", "=", `sign-in:email-client:${email}|${guesser}`)
      .executeTakeFirstOrThrow();
    expect(bucket.hits).toBe(7);

    // The account's owner, from another client, signs in through either instance.
    for (const instance of [b, a]) {
      const own = await signIn(instance, owner, PASSWORD);
      expect(own.status).toBeGreaterThanOrEqual(300);
      expect(own.status).toBeLessThan(400);
      expect(own.cookies).toMatch(/session=/);
    }
  });

  it("shows the same 3W figures on both instances, before and after a write that changes them", async () => {
    /** The page without what differs per response (nonces, form tokens). */
    const figures = async (instance: ServerProcess) => {
      const html = await (await fetch(`${instance.baseUrl}/en/projects/3w`)).text();
      return html
        .replace(/nonce="[^"]*"/g, "")
        .replace(/name="_csrf"[^>]*value="[^"]*"/g, "")
        .replace(/value="[^"]*"\s+name="_csrf"/g, "")
        .replace(/csrfToken\\",\\"[\w-]*/g, "");
    };
    // Warm each instance's view of the cached figures.
    const [beforeA, beforeB] = [await figures(a), await figures(b)];
    expect(beforeA).toBe(beforeB);

    const owner = await db.db.selectFrom("organisation").select("id").orderBy("id").executeTakeFirstOrThrow();
    const title = `Cache agreement ${randomBytes(4).toString("hex")}`;
    await db.db.transaction().execute(async (trx) => {
      const project = await trx
        .insertInto("project")
        .values({
          title: { sq: title, en: title },
          owner_organisation_id: owner.id,
          activity_status: "implementation",
          validation_status: "validated",
          validated_at: new Date(),
          planned_start: "2026-01-01",
          planned_end: "2027-12-31",
          budget: "987654.00",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx.insertInto("project_municipality").values({ project_id: project.id, kas_code: "02" }).execute();
      await trx
        .insertInto("project_organisation")
        .values({ project_id: project.id, organisation_id: owner.id, role: "funding" })
        .execute();
    });

    const [afterA, afterB] = [await figures(a), await figures(b)];
    expect(afterA).not.toBe(beforeA);
    expect(afterA).toBe(afterB);
  });

  it("runs each background job once across both instances' workers", async () => {
    const now = new Date();
    const inserted = await db.db
      .insertInto("job")
      .values(
        Array.from({ length: 12 }, () => ({
          kind: "needs.files.sweep",
          payload: JSON.stringify({}),
          run_at: now,
          created_at: now,
        })),
      )
      .returning("id")
      .execute();
    const ids = inserted.map((r) => r.id);
    const deadline = Date.now() + 90_000;
    let rows: { status: string; attempts: number; locked_by: string | null }[] = [];
    while (Date.now() < deadline) {
      rows = await db.db.selectFrom("job").select(["status", "attempts", "locked_by"]).where("id", "in", ids).execute();
      if (rows.every((r) => r.status === "succeeded" || r.status === "failed")) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(rows.map((r) => r.status)).toEqual(ids.map(() => "succeeded"));
    expect(rows.map((r) => r.attempts)).toEqual(ids.map(() => 1));
  }, 120_000);

  it("finishes the request in hand when an instance is stopped with SIGTERM", async () => {
    // A form whose body arrives slowly: the request is in flight when SIGTERM comes.
    const url = new URL(`${b.baseUrl}/en/needs/new`);
    const body = new URLSearchParams({ category: "education", description: "x".repeat(2000) }).toString();
    const answered = new Promise<number>((resolve, reject) => {
      const request = formPost(url, body, { Origin: publicUrl }, (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      });
      request.on("error", reject);
      request.write(body.slice(0, 100));
      setTimeout(() => {
        b.child.kill("SIGTERM");
        setTimeout(() => request.end(body.slice(100)), 500);
      }, 300);
    });
    const status = await answered;
    expect(status).toBeGreaterThanOrEqual(200);
    expect(status).toBeLessThan(500);
    const exit = await b.exited;
    expect(exit.code).toBe(0);
    // The other instance goes on serving.
    expect((await fetch(`${a.baseUrl}/healthz`)).status).toBe(200);
  }, 60_000);
});
