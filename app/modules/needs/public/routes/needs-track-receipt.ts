import { data } from "react-router";
import { formatDate } from "#app/i18n/format.ts";
import { isLocale } from "#app/i18n/locales.ts";
import { getTrackingView, lookUpTrackingCode } from "../../needs.tracking.server.ts";
import { countTrackingMiss, hasTooManyTrackingMisses } from "../spam-defence.server.ts";
import { receiptTextFile } from "../tracking-receipt.server.ts";
import type { Route } from "./+types/needs-track-receipt";

/**
 * The receipt of a request as a small text file to save (a resource route: a plain link, no
 * JavaScript). The code is looked up like the tracking page's: the same limit on misses, the same
 * answers for typing errors and unknown codes, and nothing personal in the file.
 */
export async function loader({ params, context }: Route.LoaderArgs) {
  if (!isLocale(params.lang)) throw data(null, { status: 404 });
  const locale = params.lang;
  const plain = (status: number) => new Response(null, { status, headers: { "Cache-Control": "no-store" } });
  if (await hasTooManyTrackingMisses(context.db, context)) return plain(429);
  const lookup = await lookUpTrackingCode(context.db, params.code);
  if (lookup.kind === "typo") return plain(400);
  if (lookup.kind === "unknown") {
    await countTrackingMiss(context.db, context);
    return plain(404);
  }
  const view = await getTrackingView(context.db, lookup.caseId);
  if (!view) return plain(404);
  const text = receiptTextFile(locale, {
    reference: view.reference,
    code: lookup.code,
    sentOn: formatDate(view.createdAt, locale),
    publicUrl: context.publicUrl.replace(/\/+$/, ""),
  });
  return new Response(text, {
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Disposition": `attachment; filename="receipt-${view.reference}.txt"`,
      "Cache-Control": "no-store",
    },
  });
}
