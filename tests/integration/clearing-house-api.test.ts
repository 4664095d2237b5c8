import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { seedClearingHouseDemo } from "#app/modules/clearing-house/events/clearing-house.seed.server.ts";
import { createTestApp, TEST_APP_ORIGIN } from "../support/test-app.ts";
import { createTestDatabase } from "../support/test-database.ts";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  await handle.db.transaction().execute((trx) => seedClearingHouseDemo(trx));
});
afterAll(() => handle.close());

async function get(path: string) {
  const response = await createTestApp(handle).fetch(new Request(`${TEST_APP_ORIGIN}/api/v1${path}`));
  return {
    status: response.status,
    body: (await response.json()) as {
      data: {
        slug: string;
        path: string;
        kind?: string;
        municipality: { kasCode: string } | null;
        deadline?: string;
      }[];
      meta: { total: number; page: number; pageSize: number };
    },
  };
}

describe("/api/v1 events, services and opportunities", () => {
  it("lists past events with filters and paging", async () => {
    const all = await get("/events?when=past&pageSize=100");
    expect(all.status).toBe(200);
    expect(all.body.data.map((e) => e.slug)).toContain("third-regional-informative-session-prizren-2025-01-29");
    expect(all.body.meta).toMatchObject({ page: 1, pageSize: 100, total: all.body.data.length });
    const sessions = await get("/events?when=past&kind=informative_session&pageSize=100");
    expect(sessions.body.data.length).toBeGreaterThan(0);
    expect(sessions.body.data.every((e) => e.kind === "informative_session")).toBe(true);
    expect(sessions.body.data.length).toBeLessThan(all.body.data.length);
    const paged = await get("/events?when=past&pageSize=1&page=2");
    expect(paged.body.data).toHaveLength(1);
    expect(paged.body.data[0]?.slug).toBe(all.body.data[1]?.slug);
    const prizren = await get("/events?when=past&municipality=20&pageSize=100");
    expect(prizren.body.data.length).toBeGreaterThan(0);
    expect(prizren.body.data.every((e) => e.municipality?.kasCode === "20")).toBe(true);
  });

  it("lists services and open opportunities", async () => {
    const services = await get("/services?pageSize=100");
    expect(services.status).toBe(200);
    expect(services.body.data.map((s) => s.slug)).toContain("online-diploma-verification");
    expect(services.body.data.find((s) => s.slug === "online-diploma-verification")?.path).toBe(
      "services/online-diploma-verification",
    );
    const opportunities = await get("/opportunities");
    expect(opportunities.status).toBe(200);
    expect(opportunities.body.data.map((o) => o.slug)).toContain(
      "demo-internships-young-people-non-majority-communities",
    );
    // Open ones only (Kosovo's date may be a day ahead of UTC's); the closed ones are in the archive.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect(opportunities.body.data.every((o) => (o.deadline ?? "") >= yesterday)).toBe(true);
    const expired = await get("/opportunities?expired=true");
    expect(expired.body.data.every((o) => (o.deadline ?? "9999") <= tomorrow)).toBe(true);
    expect(expired.body.data.map((o) => o.slug)).not.toContain(
      "demo-internships-young-people-non-majority-communities",
    );
    const internships = await get("/opportunities?kind=internship");
    expect(internships.body.data.every((o) => o.kind === "internship")).toBe(true);
  });

  it.each([
    "/events?kind=party",
    "/events?page=0",
    "/services?municipality=abc",
    "/opportunities?pageSize=1000",
    "/opportunities?expired=maybe",
  ])("answers 400 to the malformed filter %s, never 500", async (path) => {
    expect((await get(path)).status, path).toBe(400);
  });
});
