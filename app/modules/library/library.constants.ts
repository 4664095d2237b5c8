/** Constants shared by the library pages and their loaders (safe for the browser bundle). */
export const LIBRARY_PAGE_SIZE = 20;
