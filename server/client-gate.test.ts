import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { busyResponse } from "#app/modules/core/busy.server.ts";
import { clientGateMiddleware, createClientGate, type ClientGate } from "./client-gate.ts";

/** A promise and the function that settles it, to hold a request's handler open. */
function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Lets every already-settled promise callback run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

type Entry = Awaited<ReturnType<ClientGate["enter"]>>;

/** Releases `entries` in order (waiting for those still in line) and checks that the gate holds no one any more. */
async function releaseAndExpectEmpty(gate: ClientGate, ...entries: (Entry | Promise<Entry>)[]) {
  for (const entry of entries) (await entry)!();
  expect(gate.counts()).toEqual({ active: 0, waiting: 0, clients: 0 });
}

describe("the client gate", () => {
  it("lets a client's first requests in at once and the rest wait, in arrival order", async () => {
    const gate = createClientGate({ maxActive: 2, maxWaiting: 10 });
    const first = await gate.enter("a");
    const second = await gate.enter("a");
    expect(first).toBeTypeOf("function");
    expect(second).toBeTypeOf("function");
    const order: string[] = [];
    const third = gate.enter("a").then((release) => (order.push("third"), release));
    const fourth = gate.enter("a").then((release) => (order.push("fourth"), release));
    await settle();
    expect(order).toEqual([]);
    expect(gate.counts()).toEqual({ active: 2, waiting: 2, clients: 1 });
    first!();
    await settle();
    expect(order).toEqual(["third"]);
    second!();
    await settle();
    expect(order).toEqual(["third", "fourth"]);
    await releaseAndExpectEmpty(gate, third, fourth);
  });

  it("does not make one client wait for another", async () => {
    const gate = createClientGate({ maxActive: 1, maxWaiting: 10 });
    const flooder = await gate.enter("203.0.113.66");
    const queued = gate.enter("203.0.113.66");
    const other = await gate.enter("198.51.100.7");
    expect(other).toBeTypeOf("function");
    await releaseAndExpectEmpty(gate, other, flooder, queued);
  });

  it("refuses a client at once when its waiting line is full, and takes it again when there is room", async () => {
    const gate = createClientGate({ maxActive: 1, maxWaiting: 2 });
    const held = await gate.enter("a");
    const waiting = [gate.enter("a"), gate.enter("a")];
    expect(await gate.enter("a")).toBeNull();
    held!();
    const next = await waiting[0]!;
    const again = gate.enter("a");
    await releaseAndExpectEmpty(gate, next, waiting[1]!, again);
  });

  it("counts a release once, however often it is called", async () => {
    const gate = createClientGate({ maxActive: 1, maxWaiting: 5 });
    const release = await gate.enter("a");
    const waiting = gate.enter("a");
    release!();
    release!();
    const second = await waiting;
    expect(gate.counts()).toEqual({ active: 1, waiting: 0, clients: 1 });
    expect(await Promise.race([gate.enter("a").then(() => "entered"), settle().then(() => "waits")])).toBe("waits");
    second!();
  });
});

describe("the client gate in front of a server", () => {
  function server(limits: { maxActive: number; maxWaiting: number }) {
    const gate = createClientGate(limits);
    const open = new Map<string, ReturnType<typeof deferred>>();
    let inProgress = 0;
    let mostAtOnce = 0;
    const app = new Hono();
    app.use(
      "*",
      clientGateMiddleware(
        gate,
        (c) => c.req.header("x-client") ?? "",
        busyResponse,
        (c) => c.req.path.startsWith("/assets/"),
      ),
    );
    app.get("*", async (c) => {
      inProgress++;
      mostAtOnce = Math.max(mostAtOnce, inProgress);
      const hold = deferred();
      open.set(c.req.path, hold);
      await hold.promise;
      inProgress--;
      return c.text("done");
    });
    const releaseAll = async () => {
      for (;;) {
        await settle();
        if (open.size === 0) return;
        for (const [path, hold] of open) {
          open.delete(path);
          hold.resolve();
        }
      }
    };
    return { app, gate, releaseAll, mostAtOnce: () => mostAtOnce };
  }

  it("works on at most maxActive requests of one client at once and answers the rest in turn", async () => {
    const { app, releaseAll, mostAtOnce } = server({ maxActive: 2, maxWaiting: 20 });
    const answers = Array.from({ length: 12 }, (_, i) =>
      app.request(`/en/page-${i}`, { headers: { "x-client": "203.0.113.66" } }),
    );
    await releaseAll();
    const statuses = await Promise.all(answers.map(async (a) => (await a).status));
    expect(statuses).toEqual(Array(12).fill(200));
    expect(mostAtOnce()).toBe(2);
  });

  it("answers a flooding client's overflow with a 429 page in the page's language, and other clients normally", async () => {
    const { app, releaseAll } = server({ maxActive: 1, maxWaiting: 1 });
    const flood = Array.from({ length: 4 }, (_, i) =>
      app.request(`/sr-cyrl/page-${i}`, { headers: { "x-client": "203.0.113.66" } }),
    );
    const refused = await Promise.race([flood[2]!, flood[3]!]);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(refused.headers.get("cache-control")).toBe("no-store");
    const page = await refused.text();
    expect(page).toContain('<html lang="sr-Cyrl">');
    expect(page).toContain("Превише захтева одједном");
    const other = app.request("/en/other", { headers: { "x-client": "198.51.100.7" } });
    const api = app.request("/api/v1/projects", { headers: { "x-client": "203.0.113.66" } });
    await releaseAll();
    expect((await other).status).toBe(200);
    const apiAnswer = await api;
    expect(apiAnswer.status).toBe(429);
    expect(await apiAnswer.json()).toMatchObject({ error: "too_many_requests" });
    expect((await Promise.all(flood)).map((r) => r.status).sort()).toEqual([200, 200, 429, 429]);
  });

  it("lets reads of built files pass without a turn", async () => {
    const { app, releaseAll, mostAtOnce } = server({ maxActive: 1, maxWaiting: 0 });
    const answers = Array.from({ length: 5 }, (_, i) =>
      app.request(`/assets/chunk-${i}.js`, { headers: { "x-client": "a" } }),
    );
    await releaseAll();
    expect((await Promise.all(answers)).map((r) => r.status)).toEqual(Array(5).fill(200));
    expect(mostAtOnce()).toBe(5);
  });
});

describe("the gate's settings", () => {
  it("default to four requests at once and 64 waiting per client, and read the environment", async () => {
    const { loadConfig } = await import("./config.ts");
    expect(loadConfig({}).clientGate).toEqual({ maxActive: 4, maxWaiting: 64 });
    expect(loadConfig({ CLIENT_MAX_ACTIVE_REQUESTS: "16", CLIENT_MAX_WAITING_REQUESTS: "200" }).clientGate).toEqual({
      maxActive: 16,
      maxWaiting: 200,
    });
    // No turn at all would make every request wait for ever.
    expect(loadConfig({ CLIENT_MAX_ACTIVE_REQUESTS: "0" }).clientGate.maxActive).toBe(1);
    expect(() => loadConfig({ CLIENT_MAX_WAITING_REQUESTS: "many" })).toThrow(/CLIENT_MAX_WAITING_REQUESTS/);
  });
});
