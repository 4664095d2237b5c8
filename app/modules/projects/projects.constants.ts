/** Constants shared by the projects pages and their loaders (safe for the browser bundle). */
/** Rows of the public table per page. */
export const PROJECTS_PAGE_SIZE = 25;
