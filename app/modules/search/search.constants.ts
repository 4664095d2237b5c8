/** Constants shared by the search page and its loader (safe for the browser bundle). */
export const SEARCH_PAGE_SIZE = 20;
/** The kinds of item the search page names (others are still found and counted under their own kind). */
export const SEARCH_KINDS = [
  "document",
  "news",
  "event",
  "service",
  "opportunity",
  "organisation",
  "project",
  "measure",
  "strategy",
  "action_plan",
  "municipality",
  "settlement",
] as const;
