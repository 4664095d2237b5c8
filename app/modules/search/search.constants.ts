/** The kinds of search entries, and results per page (not in a .server file: the search page renders them). */
export const SEARCH_KINDS = ["document", "news", "event", "service", "opportunity", "organisation", "project", "measure", "strategy"] as const;

export const SEARCH_PAGE_SIZE = 20;
