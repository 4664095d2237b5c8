import { expect } from "vitest";

/**
 * Asks `path?<query>` for each query and expects the API's answer to a malformed filter: a 400 whose body names
 * the error `invalid_request`. A failing expectation names the query.
 */
export async function expectInvalidRequests(
  get: (path: string) => Response | Promise<Response>,
  path: string,
  queries: readonly string[],
): Promise<void> {
  for (const query of queries) {
    const response = await get(`${path}?${query}`);
    expect(response.status, query).toBe(400);
    expect(((await response.json()) as { error: string }).error, query).toBe("invalid_request");
  }
}
