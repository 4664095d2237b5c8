import type { Db } from "#app/db/client.server.ts";
import { formatDate, formatNumber } from "#app/i18n/format.ts";
import type { Locale } from "#app/i18n/locales.ts";
import { contentLocaleOf, localize } from "#app/i18n/translated-text.ts";
import { listDocuments, loadLibraryFilterOptions } from "./library.queries.server.ts";
import { LibraryQuerySchema } from "./library.schema.ts";
import { LIBRARY_PAGE_SIZE } from "./library.constants.ts";

export { LIBRARY_PAGE_SIZE };

/**
 * The view model of a public document list (the library, or its "Know your rights" collection):
 * filters, one page of documents and the filter choices, in three queries; dates and numbers
 * formatted here (decision 010).
 */
export async function loadLibraryList(
  db: Db,
  request: Request,
  locale: Locale,
  { knowYourRights }: { knowYourRights: boolean },
) {
  const query = LibraryQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { sort, page, ...filters } = query;
  const [{ items, total }, options] = await Promise.all([
    listDocuments(db, {
      filters: { ...filters, knowYourRights },
      sort,
      page,
      pageSize: LIBRARY_PAGE_SIZE,
      locale: contentLocaleOf(locale),
    }),
    loadLibraryFilterOptions(db, { selectedIssuer: filters.issuer ?? null }),
  ]);
  const name = (value: Parameters<typeof localize>[0]) => localize(value, locale)?.text ?? "";
  // An issuer's name leads to its documents on this list: the filter lists only the main issuers.
  const listPath = `/${locale}/library${knowYourRights ? "/know-your-rights" : ""}`;
  return {
    query,
    total,
    totalLabel: formatNumber(total, locale),
    options: {
      issuers: options.issuers.map((o) => ({ value: String(o.id), label: name(o.name) })),
      years: options.years.map((y) => ({ value: String(y), label: String(y) })),
      sectors: options.sectors.map((s) => ({ value: s.code, label: name(s.name) })),
      communities: options.communities.map((c) => ({ value: c.code, label: name(c.name) })),
    },
    items: items.map((d) => ({
      slug: d.slug,
      docType: d.docType,
      isDemo: d.isDemo,
      isKnowYourRights: d.isKnowYourRights,
      title: localize(d.title, locale, d.originalLocale),
      summary: localize(d.summary, locale, d.originalLocale),
      issuer: localize(d.organisationName, locale),
      issuerHref: `${listPath}?issuer=${d.organisationId}`,
      issuedOn: d.issuedOn,
      issuedLabel: formatDate(`${d.issuedOn}T12:00:00Z`, locale),
      locales: d.locales,
    })),
  };
}

export type LibraryListData = Awaited<ReturnType<typeof loadLibraryList>>;
