import { useTranslation } from "react-i18next";
import { Link, NavLink, useLocation, useRouteLoaderData } from "react-router";
import { CsrfField } from "./csrf-field.tsx";
import { HeaderSearch } from "./header-search.tsx";
import { LOCALE_AUTONYM, LOCALES, LANGUAGE_TAG, switchLocaleInPath, type Locale } from "#app/i18n/locales.ts";

/** The sections that exist today; a section is listed only once its pages are built. */
const SECTIONS = [
  { key: "home", path: "" },
  { key: "strategies", path: "strategies" },
  { key: "projects", path: "projects" },
  { key: "municipalities", path: "municipalities" },
  { key: "needs", path: "needs" },
  { key: "library", path: "library" },
  // modules: add public sections below this line (label key `core:nav.<key>`)
  { key: "events", path: "events" },
  { key: "services", path: "services" },
  { key: "opportunities", path: "opportunities" },
  { key: "organizations", path: "organizations" },
  { key: "news", path: "news" },
  { key: "about", path: "about" },
] as const;

function SectionLink({
  locale,
  section,
  label,
}: {
  locale: Locale;
  section: (typeof SECTIONS)[number];
  label: string;
}) {
  return (
    <NavLink
      to={`/${locale}/${section.path}`}
      end={section.path === ""}
      className={({ isActive }) =>
        `block px-3 py-2 text-sm font-medium no-underline hover:bg-brand-600 hover:text-white ${
          isActive ? "bg-brand-600 text-white underline decoration-2 underline-offset-4" : "text-white"
        }`
      }
    >
      {label}
    </NavLink>
  );
}

/** The main navigation's items, one per section: in the small screens' menu and in the wide bar. */
function SectionItems({ locale }: { locale: Locale }) {
  const { t } = useTranslation("core");
  return (
    <>
      {SECTIONS.map((section) => (
        <li key={section.key}>
          <SectionLink locale={locale} section={section} label={t(`nav.${section.key}`)} />
        </li>
      ))}
    </>
  );
}

/** Header with the platform name, the language switcher and the main navigation. */
export function SiteHeader({ locale }: { locale: Locale }) {
  const { t } = useTranslation("core");
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  const root = useRouteLoaderData<{ user: { name: string } | null }>("root");
  const user = root?.user ?? null;
  return (
    <header className="on-dark border-b-4 border-accent-500 bg-brand-800 text-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link to={`/${locale}/`} className="text-white no-underline hover:text-white">
          <span className="block text-xs uppercase tracking-wide text-brand-100">{t("platform.tagline")}</span>
          <span className="block text-lg font-bold leading-tight sm:text-xl">{t("platform.name")}</span>
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <HeaderSearch locale={locale} />
          <nav aria-label={t("language.label")}>
            <ul className="flex flex-wrap gap-1 text-sm">
              {LOCALES.map((target) => (
                <li key={target}>
                  {target === locale ? (
                    <span
                      aria-current="true"
                      className="inline-block rounded bg-white px-2 py-1 font-semibold text-brand-800"
                      lang={LANGUAGE_TAG[target]}
                    >
                      {LOCALE_AUTONYM[target]}
                    </span>
                  ) : (
                    <a
                      href={switchLocaleInPath(here, target)}
                      hrefLang={LANGUAGE_TAG[target]}
                      lang={LANGUAGE_TAG[target]}
                      className="inline-block rounded px-2 py-1 text-white no-underline hover:bg-brand-700 hover:text-white"
                    >
                      {LOCALE_AUTONYM[target]}
                    </a>
                  )}
                </li>
              ))}
            </ul>
          </nav>
          {user ? (
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <Link to={`/${locale}/workspace`} className="text-white hover:text-white">
                {t("account.workspace")}
              </Link>
              <form method="post" action={`/${locale}/sign-out`}>
                <CsrfField />
                <button type="submit" className="rounded px-2 py-1 text-white underline hover:bg-brand-700">
                  {t("account.signOut")}
                </button>
              </form>
            </div>
          ) : (
            <Link to={`/${locale}/sign-in`} className="text-sm text-white hover:text-white">
              {t("account.signIn")}
            </Link>
          )}
        </div>
      </div>
      <nav aria-label={t("nav.label")} className="bg-brand-700">
        {/* Small screens: one "Menu" disclosure (a native <details>, so it opens without JavaScript). */}
        <details key={location.pathname} className="group md:hidden">
          <summary className="flex cursor-pointer list-none items-center justify-between px-4 py-3 text-sm font-semibold text-white hover:bg-brand-600 [&::-webkit-details-marker]:hidden">
            <span>{t("nav.menu")}</span>
            <span aria-hidden="true" className="text-xs group-open:rotate-180">
              ▼
            </span>
          </summary>
          <ul className="grid grid-cols-1 border-t border-brand-600 pb-2 min-[400px]:grid-cols-2">
            <SectionItems locale={locale} />
          </ul>
        </details>
        <ul className="mx-auto hidden max-w-6xl flex-wrap px-2 md:flex">
          <SectionItems locale={locale} />
        </ul>
      </nav>
    </header>
  );
}
