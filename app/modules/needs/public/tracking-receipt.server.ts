import { serverTranslator } from "#app/i18n/catalogs.server.ts";
import type { Locale } from "#app/i18n/locales.ts";

/** What a receipt says: nothing personal, only what the submitter needs to find the request again. */
export interface ReceiptFacts {
  reference: string;
  /** The code in its groups (`K7QM-3XRP-9TDN`). */
  code: string;
  /** The date the request was sent, formatted for the locale. */
  sentOn: string;
  /** The platform's public address, without a trailing slash. */
  publicUrl: string;
}

/** The tracking page's address with the code in it, and the address of the form to type it in. */
export function receiptUrls(
  locale: Locale,
  facts: Pick<ReceiptFacts, "code" | "publicUrl">,
): { trackingUrl: string; formUrl: string } {
  const formUrl = `${facts.publicUrl}/${locale}/needs/track`;
  return { trackingUrl: `${formUrl}/${facts.code}`, formUrl };
}

/**
 * The one-line text to copy or send ("Community Affairs Platform – tracking code K7QM-3XRP-9TDN –
 * https://…/en/needs/track/K7QM-3XRP-9TDN"). The code and the address are interpolated values, so
 * in Serbian Cyrillic they stay in Latin letters, as they must be typed.
 */
export function receiptShortText(locale: Locale, facts: Pick<ReceiptFacts, "code" | "publicUrl">): string {
  const t = serverTranslator(locale, "needs");
  return t("public.receipt.shortText", {
    platform: serverTranslator(locale, "core")("platform.name"),
    code: facts.code,
    url: receiptUrls(locale, facts).trackingUrl,
  });
}

/** The receipt as a small text file (CRLF line ends, so every editor and phone shows the lines). */
export function receiptTextFile(locale: Locale, facts: ReceiptFacts): string {
  const t = serverTranslator(locale, "needs");
  const { trackingUrl, formUrl } = receiptUrls(locale, facts);
  const lines = [
    t("public.receipt.fileTitle", { platform: serverTranslator(locale, "core")("platform.name") }),
    "",
    t("public.receipt.referenceLine", { reference: facts.reference }),
    t("public.receipt.sentLine", { date: facts.sentOn }),
    t("public.receipt.codeLine", { code: facts.code }),
    "",
    t("public.receipt.linkLine", { url: trackingUrl }),
    t("public.receipt.formLine", { url: formUrl }),
    "",
    t("public.case.keepCode"),
  ];
  return `${lines.join("\r\n")}\r\n`;
}
