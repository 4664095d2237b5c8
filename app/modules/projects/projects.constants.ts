/** Projects per page of the public lists (not in a .server file: the list pages render the pagination). */
export const PROJECTS_PAGE_SIZE = 25;
