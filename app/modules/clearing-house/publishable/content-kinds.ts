/** The kinds of content the workspace publishing list shows (and the path segment of each editor). */
export const CONTENT_KINDS = ["news", "events", "services", "opportunities"] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];
