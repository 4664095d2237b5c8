import { expect } from "vitest";
import type { Db } from "#app/db/client.server.ts";
import type { Actor, Role } from "#app/services/authorization.ts";
import { createTestUser, formRequest, outcome, workspaceContext } from "./workspace-actors.ts";

/*
 * The typed loader/action harness (decision 033): calls a route module's loader or action the way
 * React Router does, with a real `Request`, the route's params and the server context of a
 * signed-in actor (or of an anonymous visitor), and answers with the status, the Location and the
 * data, typed as the handler returns them. Thrown responses (redirects, 403, 404) are answers too.
 */

type SignedIn = Extract<Actor, { kind: "user" }>;

/** Any loader or action of a route module (its generated argument type is not needed here). */
type RouteHandler = (args: never) => unknown;

/** The data a handler returns: unwrapped from `data(…, init)`, as the page receives it. */
export type HandlerData<H extends RouteHandler> =
  Awaited<ReturnType<H>> extends infer R
    ? R extends { data: infer D; init: ResponseInit | null }
      ? D
      : Exclude<R, Response>
    : never;

/** What a handler answered: status, Location (on redirects) and its data (null when it threw a bare response). */
export interface RouteOutcome<D> {
  status: number;
  location: string | null;
  data: D;
}

/** Who asks: a signed-in actor, a role (a fresh user holding it is made), or null for an anonymous visitor. */
export type Asker = SignedIn | Role | { role: Role; organisationId?: number | null; kasCode?: string | null } | null;

/** How a handler is called: the URL path (with query), the route's params, and who asks. */
export interface CallOptions {
  path: string;
  params?: Record<string, string>;
  as: Asker;
}

/** Calls route handlers against one database. */
export interface RouteHarness {
  /** GETs `path` through a loader. */
  load<H extends RouteHandler>(loader: H, options: CallOptions): Promise<RouteOutcome<HandlerData<H>>>;
  /** POSTs `form` (url-encoded, as a browser without JavaScript does) to `path` through an action. */
  submit<H extends RouteHandler>(
    action: H,
    options: CallOptions & { form: Record<string, string | string[]> },
  ): Promise<RouteOutcome<HandlerData<H>>>;
  /** Sends any request through a handler (uploads, other methods). */
  send<H extends RouteHandler>(
    handler: H,
    request: Request,
    options: Omit<CallOptions, "path">,
  ): Promise<RouteOutcome<HandlerData<H>>>;
}

/** The `lang` param of a path such as `/en/workspace/…` (routes read the locale from it). */
function langOf(path: string): Record<string, string> {
  const segment = path.split("/")[1] ?? "";
  return segment ? { lang: segment } : {};
}

/** A harness whose handlers read and write `db`. */
export function routeHarness(db: Db): RouteHarness {
  async function actorOf(asker: Asker): Promise<SignedIn | null> {
    if (asker === null) return null;
    if (typeof asker === "string") return createTestUser(db, [{ role: asker }], { twoFactor: true });
    if ("kind" in asker) return asker;
    return createTestUser(db, [asker], { twoFactor: true });
  }

  async function send<H extends RouteHandler>(
    handler: H,
    request: Request,
    options: Omit<CallOptions, "path">,
  ): Promise<RouteOutcome<HandlerData<H>>> {
    const actor = await actorOf(options.as);
    const params = options.params ?? langOf(new URL(request.url).pathname);
    const call = handler as unknown as (args: {
      request: Request;
      params: Record<string, string>;
      context: unknown;
    }) => Promise<unknown>;
    return (await outcome(
      Promise.resolve(call({ request, params, context: workspaceContext(db, actor) })),
    )) as RouteOutcome<HandlerData<H>>;
  }

  return {
    load: (loader, options) => send(loader, new Request(`http://localhost${options.path}`), options),
    submit: (action, options) => send(action, formRequest(options.path, options.form), options),
    send,
  };
}

/**
 * Expects the answer to a refused form: a 400 whose data match `expected` (the errors by field, as translation
 * keys, and the values shown again).
 */
export function expectFormRefused(
  answer: { status: number; data: unknown },
  expected: { errors?: unknown; values?: unknown },
): void {
  expect(answer.status).toBe(400);
  expect(answer.data).toMatchObject(expected);
}
