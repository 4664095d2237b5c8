import { useTranslation } from "react-i18next";
import { data, isRouteErrorResponse, Link, Outlet, useLoaderData, useRouteError } from "react-router";
import { hasDemoContent } from "#app/db/seed/demo-presence.server.ts";
import { ErrorPage } from "#app/components/error-page.tsx";
import { SiteFooter } from "#app/components/site-footer.tsx";
import { SiteHeader } from "#app/components/site-header.tsx";
import { CATALOG_FALLBACK } from "#app/i18n/catalog.ts";
import { isLocale, type Locale } from "#app/i18n/locales.ts";
import { currentTranslationStatus, showsUnreviewedTranslation } from "#app/i18n/translation-status.server.ts";
import type { Route } from "./+types/locale-layout";

/**
 * Every public page sits under its locale; an unknown first segment is a 404. Says whether demo
 * content is present (one query), for the banner, and whether the locale's translation is not yet
 * reviewed or not complete (from the catalogs, decision 043), for the note.
 */
export async function loader({ params, context }: Route.LoaderArgs) {
  if (!isLocale(params.lang)) throw data(null, { status: 404 });
  const ownCatalog = currentTranslationStatus().find((s) => s.locale === params.lang);
  return {
    locale: params.lang,
    hasDemoContent: await hasDemoContent(context.db),
    translation: {
      unreviewed: showsUnreviewedTranslation(params.lang),
      /** The language shown for strings the locale's catalog lacks, when it lacks some. */
      fallback:
        ownCatalog && ownCatalog.translated < ownCatalog.total ? (CATALOG_FALLBACK[ownCatalog.locale] ?? null) : null,
    },
  };
}

/** A site-wide note above the header: a band across the page, in the given border and background colours. */
function SiteNote({ label, colours, children }: { label: string; colours: string; children: React.ReactNode }) {
  return (
    <div role="note" aria-label={label} className={`border-b ${colours} px-4 py-2 text-sm text-slate-900`}>
      <p className="mx-auto max-w-6xl">{children}</p>
    </div>
  );
}

/**
 * The note on every page of a language whose translation no person has reviewed yet (Turkish,
 * Bosnian, Romani), with where the untranslated strings come from when the catalog is partial.
 */
function TranslationReviewNote({ locale, fallback }: { locale: Locale; fallback: string | null }) {
  const { t } = useTranslation("core");
  return (
    <SiteNote label={t("review.title")} colours="border-sky-200 bg-sky-50">
      {t("review.unreviewed")}{" "}
      {fallback ? `${t("review.partial", { language: t(`languageName.${fallback}`) })} ` : null}
      <Link to={`/${locale}/translations`}>{t("review.statusLink")}</Link>
    </SiteNote>
  );
}

/** The site-wide mark while demo content is in the database: nothing of it is official. */
function DemoBanner() {
  const { t } = useTranslation("core");
  return (
    <SiteNote label={t("demoBanner.title")} colours="border-amber-300 bg-amber-50">
      <strong>{t("demoBanner.title")}</strong> {t("demoBanner.body")}
    </SiteNote>
  );
}

function Shell({ children }: { children: React.ReactNode }) {
  const { t, i18n } = useTranslation("core");
  const locale = isLocale(i18n.language) ? i18n.language : "sq";
  return (
    <>
      <a
        href="#main"
        className="skip-link sr-only bg-accent-500 px-4 py-2 font-semibold text-slate-900 focus:not-sr-only focus:absolute focus:start-2 focus:top-2 focus:z-50"
      >
        {t("skipLink")}
      </a>
      <SiteHeader locale={locale} />
      {children}
      <SiteFooter />
    </>
  );
}

export default function LocaleLayout() {
  const { hasDemoContent: showDemoBanner, locale, translation } = useLoaderData<typeof loader>();
  return (
    <Shell>
      {showDemoBanner ? <DemoBanner /> : null}
      {translation.unreviewed ? <TranslationReviewNote locale={locale} fallback={translation.fallback} /> : null}
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 focus:outline-none">
        <Outlet />
      </main>
    </Shell>
  );
}

/** Errors inside a locale keep the header and footer, in the reader's language. */
export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation("core");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return (
    <Shell>
      <title>{`${status === 404 ? t("errors.notFound.title") : t("errors.server.title")} – ${t("platform.name")}`}</title>
      <ErrorPage status={status} />
    </Shell>
  );
}
