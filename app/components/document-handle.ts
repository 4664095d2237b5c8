/** What a route's `handle` may say about the document around it (read by the root layout). */
export interface DocumentHandle {
  /** The page needs React in the browser (the workspace); every other page is HTML plus the enhancement script (decision 031). */
  hydrate?: true;
}
