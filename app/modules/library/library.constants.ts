/** Constants shared by the library pages and their loaders (safe for the browser bundle). */
export const LIBRARY_PAGE_SIZE = 20;

/**
 * The issuer filter lists at most this many issuers: those with the most published documents (and
 * the one chosen). Every issuer's name in the list links to its documents, so none is out of reach,
 * and the page does not grow with the number of organisations that published something (decision 055).
 */
export const LIBRARY_ISSUER_OPTIONS = 30;
