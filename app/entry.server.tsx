import "#app/zod-config.ts";
import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable } from "@react-router/node";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { ServerRouter, type AppLoadContext, type EntryContext } from "react-router";
import { NonceContext } from "#app/components/nonce.tsx";
import { pageI18n } from "#app/i18n/catalogs.server.ts";
import { DEFAULT_LOCALE, isLocale } from "#app/i18n/locales.ts";

export const streamTimeout = 5_000;

/** Renders a page on the server: the whole document for bots and no-JS clients alike. */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext: AppLoadContext,
): Promise<Response> {
  const segment = new URL(request.url).pathname.split("/")[1];
  const locale = isLocale(segment) ? segment : DEFAULT_LOCALE;
  const i18n = pageI18n(locale);
  const nonce = loadContext.nonce;

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
        </I18nextProvider>
      </NonceContext.Provider>,
      {
        nonce,
        // Everyone gets the complete document: pages are small, and waiting keeps status codes
        // and headers right for readers without JavaScript.
        onAllReady() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
}

/** Logs errors thrown by loaders, actions and rendering with the request's id; readers see only the error page. */
export function handleError(error: unknown, { request, context }: { request: Request; context: AppLoadContext }): void {
  if (request.signal.aborted) return;
  context.logger.error({ err: error, url: request.url }, "page error");
}
