import { useTranslation } from "react-i18next";
import { useLocation, useRouteLoaderData } from "react-router";
import { DEFAULT_LOCALE, isLocale, LANGUAGE_TAG, LOCALES, switchLocaleInPath } from "#app/i18n/locales.ts";

/** Pages that must not be indexed: the workspace and addresses that carry a secret (tokens, tracking codes). */
const PRIVATE_PATH =
  /^\/[^/]+\/(?:workspace|needs\/track\/|reset-password\/|verify-email\/|accept-invitation\/|sign-in\/two-factor)/;

/** Open Graph locale names (language_TERRITORY). */
const OG_LOCALE = {
  sq: "sq_XK",
  sr: "sr_RS",
  "sr-cyrl": "sr_RS",
  en: "en_GB",
  tr: "tr_XK",
  bs: "bs_XK",
  rom: "rom_XK",
} as const;

/**
 * Sets the document title as "Page – Platform" and what others need to find and show the page
 * (React hoists these into the head): a meta description (the page's own, or the page title
 * followed by the platform's description), the canonical address, `hreflang` alternates in every
 * locale and Open Graph tags. Private pages get `noindex` and no alternates.
 */
export function PageTitle({
  title,
  isError = false,
  description,
}: {
  title: string;
  isError?: boolean;
  description?: string;
}) {
  const { t, i18n } = useTranslation("core");
  const { pathname } = useLocation();
  const root = useRouteLoaderData<{ publicUrl?: string }>("root");
  const page = isError ? t("form.errorTitlePrefix", { title }) : title;
  const fullTitle = `${page} – ${t("platform.name")}`;
  const summary = description ?? `${title}. ${t("platform.description")}`;
  const origin = (root?.publicUrl ?? "").replace(/\/$/, "");
  const locale = isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
  // The locale's home is "/en/" whether it was asked for as "/en" or "/en/".
  const canonical = `${origin}${switchLocaleInPath(pathname, locale)}`;
  if (PRIVATE_PATH.test(pathname)) {
    return (
      <>
        <title>{fullTitle}</title>
        <meta name="robots" content="noindex" />
      </>
    );
  }
  return (
    <>
      <title>{fullTitle}</title>
      <meta name="description" content={summary} />
      <link rel="canonical" href={canonical} />
      {LOCALES.map((target) => (
        <link
          key={target}
          rel="alternate"
          hrefLang={LANGUAGE_TAG[target]}
          href={`${origin}${switchLocaleInPath(pathname, target)}`}
        />
      ))}
      <link rel="alternate" hrefLang="x-default" href={`${origin}${switchLocaleInPath(pathname, DEFAULT_LOCALE)}`} />
      <meta property="og:type" content="website" />
      <meta property="og:site_name" content={t("platform.name")} />
      <meta property="og:title" content={page} />
      <meta property="og:description" content={summary} />
      <meta property="og:url" content={canonical} />
      <meta property="og:locale" content={OG_LOCALE[locale]} />
    </>
  );
}
