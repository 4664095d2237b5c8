/**
 * The notice a page shows after a write it saved: post/redirect/get brings the reader back with
 * `?saved=<notice>`, and the page shows the notice only when it is one of its own (anything else in
 * the address shows nothing).
 */
export function savedNoticeOf<N extends string>(url: URL, notices: readonly N[]): N | null {
  const saved = url.searchParams.get("saved");
  return (notices as readonly string[]).includes(saved ?? "") ? (saved as N) : null;
}
