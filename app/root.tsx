import "#app/zod-config.ts";
import { useTranslation } from "react-i18next";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useMatches,
  useParams,
  useRouteError,
} from "react-router";
import type { DocumentHandle } from "#app/components/document-handle.ts";
import { ErrorPage } from "#app/components/error-page.tsx";
import { useNonce } from "#app/components/nonce.tsx";
import { DEFAULT_LOCALE, isLocale, LANGUAGE_TAG } from "#app/i18n/locales.ts";
import { signedInActor } from "#app/services/guards.server.ts";
import type { Route } from "./+types/root";
import enhanceScriptUrl from "./enhance/enhance.client.js?url";
import "./app.css";

/**
 * Every page needs the form token, and the header needs to know who is signed in (not someone
 * still on the two-factor step).
 */
export function loader({ context }: Route.LoaderArgs) {
  const actor = signedInActor(context);
  return {
    csrfToken: context.csrfToken,
    /** The site's public address, for canonical and alternate links (PageTitle). */
    publicUrl: context.publicUrl,
    user: actor ? { name: actor.name } : null,
  };
}

export const links: Route.LinksFunction = () => [{ rel: "icon", href: "/favicon.svg", type: "image/svg+xml" }];

/**
 * True when React should run in the browser: a matched route asks for it (the workspace layout),
 * or React already runs (a hydrated workspace navigating on the client to a public page).
 */
function useHydration(): boolean {
  const matches = useMatches();
  if (typeof document !== "undefined") return true;
  return matches.some((match) => (match.handle as DocumentHandle | undefined)?.hydrate === true);
}

/**
 * The document shell: `lang` follows the locale in the URL (`sr-Cyrl` for Cyrillic). Public pages
 * get no framework scripts at all, only the small enhancement script (decision 031); the workspace
 * hydrates.
 */
export function Layout({ children }: { children: React.ReactNode }) {
  const { lang } = useParams();
  const locale = isLocale(lang) ? lang : DEFAULT_LOCALE;
  const nonce = useNonce();
  const hydrates = useHydration();
  return (
    <html lang={LANGUAGE_TAG[locale]} dir="ltr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-screen flex-col">
        {children}
        {hydrates ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : (
          <script src={enhanceScriptUrl} nonce={nonce} defer />
        )}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

/** Last-resort error page (unknown locale, or a failure above the locale layout). */
export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation("core");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return (
    <>
      <title>{status === 404 ? t("errors.notFound.title") : t("errors.server.title")}</title>
      <ErrorPage status={status} />
    </>
  );
}
