import { createRoute, z } from "@hono/zod-openapi";

/**
 * The API route of a whole list (not paged): `GET <path>` answering `{ data: item[] }` with 200,
 * as the reference lists, the municipalities and the strategies are served. The paged lists of
 * the clearing house have `registerListEndpoint` instead.
 */
export function wholeListRoute<T extends z.ZodType>(route: {
  path: string;
  tag: string;
  summary: string;
  description: string;
  item: T;
}) {
  return createRoute({
    method: "get",
    path: route.path,
    tags: [route.tag],
    summary: route.summary,
    responses: {
      200: {
        description: route.description,
        content: { "application/json": { schema: z.object({ data: z.array(route.item) }) } },
      },
    },
  });
}
