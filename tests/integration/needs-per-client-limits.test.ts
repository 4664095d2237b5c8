import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createTrackingCode, formatTrackingCode } from "#app/modules/needs/public/tracking-code.server.ts";
import { NEEDS_LIMITS } from "#app/modules/needs/public/spam-defence.server.ts";
import { isSearchRateLimited, SEARCH_LIMITS } from "#app/modules/search/search-limit.server.ts";
import { TEST_APP_ORIGIN } from "../support/test-app.ts";
import { formOf, shownAt, validFields, needsTestAppForFile } from "./needs-public-app.ts";
import { countRows } from "../support/row-count.ts";

/*
 * Without TRUST_PROXY (the default) every client is its socket address (decision 024): a burst
 * from one client uses up its own buckets only, and X-Forwarded-For chosen by the client changes
 * nothing. The socket address reaches the app as @hono/node-server passes it: `env.incoming`.
 */

const fixture = needsTestAppForFile({ trustProxy: false });

/** A request as it arrives from the socket `address`, with whatever X-Forwarded-For the client chose to send. */
function fromSocket(address: string, request: Request): Promise<Response> {
  return Promise.resolve(fixture.app.app.fetch(request, { incoming: { socket: { remoteAddress: address } } }));
}

function postSubmission(fields: Record<string, string>, spoofedForwardedFor?: string): Request {
  const headers: Record<string, string> = { Origin: TEST_APP_ORIGIN };
  if (spoofedForwardedFor) headers["X-Forwarded-For"] = spoofedForwardedFor;
  return new Request(`${TEST_APP_ORIGIN}/en/needs/new?municipality=20`, {
    method: "POST",
    body: formOf(fields),
    headers,
  });
}

const randomIp = () =>
  `${10 + (randomBytes(1)[0]! % 200)}.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${1 + (randomBytes(1)[0]! % 250)}`;

describe("single-use form tokens", () => {
  it("refuses a replayed form token, from the same client or another, and keeps only one case", async () => {
    const fields = validFields({ description: "Our street has had no light for three weeks." });
    const first = await fromSocket("192.0.2.1", postSubmission(fields));
    expect(first.status).toBe(302);
    const before = await countRows(fixture.handle.db, "need_case");
    for (const address of ["192.0.2.1", "192.0.2.2"]) {
      const replay = await fromSocket(address, postSubmission(fields));
      expect(replay.status).toBe(400);
      expect(await replay.text()).toContain("This form was already sent");
    }
    expect(await countRows(fixture.handle.db, "need_case")).toBe(before);
  });

  it("accepts only one of many concurrent replays of the same token", async () => {
    const fields = validFields({ description: "The bridge to the school is broken." });
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => fromSocket(`192.0.2.${20 + i}`, postSubmission(fields))),
    );
    expect(answers.filter((a) => a.status === 302)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 400)).toHaveLength(7);
  });
});

describe("limits per client without a trusted proxy", () => {
  it("a burst of submissions from one client is refused after its limit, whatever X-Forwarded-For it sends; other clients still submit", async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= NEEDS_LIMITS.submitPerAddress.max; i++) {
      statuses.push(
        (await fromSocket("203.0.113.50", postSubmission(validFields({ shownAt: shownAt() }), randomIp()))).status,
      );
    }
    expect(statuses.slice(0, NEEDS_LIMITS.submitPerAddress.max).every((s) => s === 302)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    const other = await fromSocket("198.51.100.9", postSubmission(validFields({ shownAt: shownAt() })));
    expect(other.status).toBe(302);
  });

  it("a flood of random tracking codes stops that client only; another client still finds its case", async () => {
    const submitted = await fromSocket("198.51.100.10", postSubmission(validFields({ shownAt: shownAt() })));
    const trackingPath = submitted.headers.get("location")!.replace(/\?.*$/, "");
    const statuses = new Map<number, number>();
    for (let i = 0; i < 60; i++) {
      const code = formatTrackingCode(createTrackingCode()) ?? "";
      const answer = await fromSocket(
        "203.0.113.51",
        new Request(`${TEST_APP_ORIGIN}/en/needs/track/${code}`, { headers: { "X-Forwarded-For": randomIp() } }),
      );
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    }
    expect(statuses.get(404)).toBe(NEEDS_LIMITS.trackMissPerAddress.max);
    expect(statuses.get(429)).toBe(60 - NEEDS_LIMITS.trackMissPerAddress.max);
    const owner = await fromSocket("198.51.100.11", new Request(`${TEST_APP_ORIGIN}${trackingPath}`));
    expect(owner.status).toBe(200);
  });

  it("a search flood from one client is refused after its limit; other clients keep searching", async () => {
    const flood: boolean[] = [];
    for (let i = 0; i < 100; i++)
      flood.push(await isSearchRateLimited(fixture.handle.db, { clientAddress: "203.0.113.52" }, `word ${i}`));
    expect(flood.filter((limited) => !limited)).toHaveLength(SEARCH_LIMITS.perClient.max);
    expect(await isSearchRateLimited(fixture.handle.db, { clientAddress: "198.51.100.12" }, "school")).toBe(false);
    // An empty query costs nothing and is never counted.
    expect(await isSearchRateLimited(fixture.handle.db, { clientAddress: "203.0.113.52" }, "  ")).toBe(false);
  });
});
