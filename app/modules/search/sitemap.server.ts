import { LANGUAGE_TAG, LOCALES, DEFAULT_LOCALE } from "#app/i18n/locales.ts";

/** The public section pages, after the locale (the items under them come from the search index). */
export const PUBLIC_SECTION_PATHS = [
  "",
  "strategies",
  "projects",
  "projects/3w",
  "municipalities",
  "needs",
  "needs/new",
  "needs/track",
  "library",
  "library/know-your-rights",
  "events",
  "recommendations",
  "services",
  "opportunities",
  "organizations",
  "news",
  "about",
] as const;

function escapeXml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

/**
 * The sitemap (sitemaps.org 0.9): each page once per locale, each entry with its `hreflang`
 * alternates in every locale and `x-default` (the default locale), so search engines show a reader
 * the page in their language.
 */
export function renderSitemap(publicUrl: string, pages: readonly { path: string; updatedAt?: Date }[]): string {
  const origin = publicUrl.replace(/\/$/, "");
  const href = (locale: string, path: string) => escapeXml(`${origin}/${locale}/${path}`);
  const entries = pages.flatMap((page) => {
    const alternates = [
      ...LOCALES.map(
        (locale) =>
          `<xhtml:link rel="alternate" hreflang="${LANGUAGE_TAG[locale]}" href="${href(locale, page.path)}"/>`,
      ),
      `<xhtml:link rel="alternate" hreflang="x-default" href="${href(DEFAULT_LOCALE, page.path)}"/>`,
    ].join("");
    const lastmod = page.updatedAt ? `<lastmod>${page.updatedAt.toISOString()}</lastmod>` : "";
    return LOCALES.map((locale) => `<url><loc>${href(locale, page.path)}</loc>${lastmod}${alternates}</url>`);
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${entries.join("\n")}\n</urlset>\n`;
}

/** robots.txt: everything public may be read; the workspace, sign-in links and tracking codes may not; where the sitemap is. */
export function renderRobots(publicUrl: string): string {
  const origin = publicUrl.replace(/\/$/, "");
  const privatePaths = [
    "workspace",
    "needs/track/",
    "reset-password/",
    "verify-email/",
    "accept-invitation/",
    "sign-in/two-factor",
  ];
  const disallow = LOCALES.flatMap((locale) => privatePaths.map((path) => `Disallow: /${locale}/${path}`));
  return ["User-agent: *", "Disallow: /api/", ...disallow, "", `Sitemap: ${origin}/sitemap.xml`, ""].join("\n");
}
