import { expect } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { secondInstance } from "./plan-instances.ts";
import { createTestApp, TEST_APP_ORIGIN } from "./test-app.ts";

/** A test app (the real Hono app over a test database). */
export type TestApp = ReturnType<typeof createTestApp>;

/** What a test reads of an API list's answer: the parsed body, its exact text and the SQL statements it cost. */
export interface ListAnswer<B> {
  body: B;
  text: string;
  queries: number;
}

/**
 * Two apps over one database, as two server instances each keeping its own answers (decision 078), with
 * Server-Timing on so that each answer says how many statements it cost. Call it once the database is open.
 */
export function twoInstances(handle: DatabaseHandle): { app: TestApp; otherInstance: TestApp } {
  const env = { SERVER_TIMING: "true" };
  return {
    app: createTestApp(handle, undefined, { env }),
    otherInstance: createTestApp({ ...handle, db: secondInstance(handle.db) }, undefined, { env }),
  };
}

/** Fetches an API list (`path` with its query) uncompressed: a 200 JSON answer, read with its statement count. */
export async function fetchList<B>(target: TestApp, path: string): Promise<ListAnswer<B>> {
  const response = await target.fetch(
    new Request(`${TEST_APP_ORIGIN}${path}`, { headers: { "Accept-Encoding": "identity" } }),
  );
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
  const timing = response.headers.get("Server-Timing") ?? "";
  const queries = Number(/desc="(\d+) queries"/.exec(timing)?.[1] ?? NaN);
  const text = await response.text();
  return { body: JSON.parse(text) as B, text, queries };
}

/**
 * Asks again for a list already answered as `first` (each of `queries`: the same one, and it with its parameters
 * in another order): each is answered from the kept text, with the generations' one statement and the same bytes.
 */
export async function expectKeptAnswers<B>(
  list: (query: string) => Promise<ListAnswer<B>>,
  first: ListAnswer<B>,
  queries: readonly string[],
): Promise<void> {
  for (const query of queries) {
    const again = await list(query);
    expect(again.queries, query).toBe(1);
    expect(again.text, query).toBe(first.text);
  }
}
