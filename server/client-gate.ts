import type { Context, MiddlewareHandler } from "hono";

/**
 * How many requests of one client the server works on at once (decision 041). A client is the
 * address the per-client limits use (`TRUST_PROXY`, decision 024). Past `maxActive`, a client's
 * requests wait their turn in arrival order; past `maxWaiting` waiting ones, it is refused at once.
 * One client flooding the server therefore holds at most `maxActive` of its turns on the two cores,
 * and everyone else, and the health check, keeps being answered.
 */
export interface ClientGateLimits {
  maxActive: number;
  maxWaiting: number;
}

interface ClientQueue {
  active: number;
  waiting: (() => void)[];
}

export interface ClientGate {
  /** A release function once the request may go ahead, or null when the client's queue is full. */
  enter(client: string): Promise<(() => void) | null>;
  /** Requests in progress and waiting, over all clients (for metrics and tests). */
  counts(): { active: number; waiting: number; clients: number };
}

export function createClientGate(limits: ClientGateLimits): ClientGate {
  const queues = new Map<string, ClientQueue>();
  let active = 0;
  let waiting = 0;

  const releaseFor = (client: string, queue: ClientQueue) => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = queue.waiting.shift();
      if (next) {
        // The turn passes straight to the next waiting request of the same client.
        waiting--;
        next();
        return;
      }
      queue.active--;
      active--;
      if (queue.active === 0) queues.delete(client);
    };
  };

  return {
    async enter(client) {
      let queue = queues.get(client);
      if (!queue) queues.set(client, (queue = { active: 0, waiting: [] }));
      if (queue.active < limits.maxActive) {
        queue.active++;
        active++;
        return releaseFor(client, queue);
      }
      if (queue.waiting.length >= limits.maxWaiting) return null;
      waiting++;
      const current = queue;
      await new Promise<void>((resolve) => current.waiting.push(resolve));
      return releaseFor(client, current);
    },
    counts: () => ({ active, waiting, clients: queues.size }),
  };
}

/**
 * The gate as Hono middleware: `clientOf` names the client of a request, `refuse` answers one
 * whose client has too many requests waiting, and requests for which `passes` is true skip it. The turn is held until the handler has returned its
 * response (a streamed page body may still be going out after it).
 */
export function clientGateMiddleware(
  gate: ClientGate,
  clientOf: (c: Context) => string,
  refuse: (c: Context) => Response,
  passes: (c: Context) => boolean = () => false,
): MiddlewareHandler {
  return async (c, next) => {
    if (passes(c)) return next();
    const release = await gate.enter(clientOf(c));
    if (!release) return refuse(c);
    try {
      await next();
    } finally {
      release();
    }
  };
}
