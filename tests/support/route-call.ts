import { outcome } from "./workspace-actors.ts";

/** A route module's loader or action, as React Router calls it. */
type LoaderOrAction = (args: { request: Request; params: Record<string, string>; context: unknown }) => unknown;

/**
 * Calls a route module's loader or action (`handler`) the way React Router does, with a real `Request`, the route's
 * params and the server context, and answers with what it returned or threw: its status, Location and data. (The
 * typed `routeHarness` of `route-harness.ts` also makes the actor and types the data.)
 */
export function callRoute(
  handler: unknown,
  request: Request,
  params: Record<string, string>,
  context: unknown,
): Promise<{ status: number; location: string | null; data: unknown }> {
  return outcome(Promise.resolve((handler as LoaderOrAction)({ request, params, context })));
}
