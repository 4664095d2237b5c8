/**
 * A page section whose content is HTML rendered once per content and kept (`app/services/kept-markup.server.tsx`,
 * decisions 057, 063, 064); its heading is inside the kept HTML, named by `headingId`.
 */
export function KeptSection({ headingId, html, className }: { headingId: string; html: string; className: string }) {
  return <section aria-labelledby={headingId} className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
