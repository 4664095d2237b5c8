import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import type { TranslatedText } from "#app/db/schema.ts";
import { LANGUAGE_TAG, LOCALES } from "#app/i18n/locales.ts";
import { CAP_NAMESPACE, decimal, narratives, ORGANISATION_TYPE_CODE, XmlWriter } from "./iati.server.ts";
import { downloadTranslator } from "./projects.labels.server.ts";
import { PLATFORM_ORGANISATION_PREFIX } from "./public-projects.queries.server.ts";

/*
 * The IATI 2.03 organisation file (`iati-organisations`, issue 14 item 8, decision 039).
 *
 * Who publishes through the platform: an active organisation with a registered IATI organisation
 * identifier of its own (not the platform's `XK-CAP-` stand-in) that reports at least one validated
 * project (it is the project's owner, the activity file's reporting-org). Those are the organisations
 * that can register as publishers in the IATI Registry: an organisation without an identifier cannot.
 *
 * Figures, per calendar year and only from what the platform knows (nothing is estimated or converted):
 * - total-expenditure of year Y: the disbursements recorded for Y on the organisation's validated projects;
 * - total-budget of year Y (status 2, committed): the commitments recorded for Y, and the whole budget of
 *   a project whose planned period lies within Y (a project with a commitment for Y counts by its commitment);
 * - a year whose figures are in more than one currency is left out (the platform holds no exchange rates).
 */

/** An organisation that publishes through the platform, with the figures the platform knows of it. */
export interface PublishingOrganisation {
  id: number;
  slug: string;
  name: TranslatedText;
  identifier: string;
  iatiTypeCode: string;
  /** The most frequent currency of its projects (the file's default currency). */
  defaultCurrency: string;
  lastUpdated: Date;
  totalBudget: YearFigure[];
  totalExpenditure: YearFigure[];
}

/** A sum for one calendar year, in one currency. */
export interface YearFigure {
  year: number;
  currency: string;
  value: number;
}

interface ProjectFigures {
  ownerId: number;
  currency: string;
  budget: number | null;
  plannedStart: string;
  plannedEnd: string;
  updatedAt: Date;
  commitments: Map<number, number>;
  disbursements: Map<number, number>;
}

/** The figures of one year, left out when they are in more than one currency. */
function sumsByYear(entries: { year: number; currency: string; value: number }[]): YearFigure[] {
  const byYear = new Map<number, { currencies: Set<string>; value: number }>();
  for (const e of entries) {
    const y = byYear.get(e.year) ?? { currencies: new Set<string>(), value: 0 };
    y.currencies.add(e.currency);
    y.value += e.value;
    byYear.set(e.year, y);
  }
  return [...byYear.entries()]
    .filter(([, y]) => y.currencies.size === 1)
    .sort(([a], [b]) => a - b)
    .map(([year, y]) => ({ year, currency: [...y.currencies][0]!, value: Number(y.value.toFixed(2)) }));
}

/** The budget and expenditure years of one organisation's projects (the rules in the header). */
export function organisationFigures(projects: Omit<ProjectFigures, "ownerId" | "updatedAt">[]): {
  totalBudget: YearFigure[];
  totalExpenditure: YearFigure[];
} {
  const budget: YearFigure[] = [];
  const expenditure: YearFigure[] = [];
  for (const p of projects) {
    for (const [year, value] of p.commitments) budget.push({ year, currency: p.currency, value });
    const startYear = Number(p.plannedStart.slice(0, 4));
    if (p.budget !== null && startYear === Number(p.plannedEnd.slice(0, 4)) && !p.commitments.has(startYear))
      budget.push({ year: startYear, currency: p.currency, value: p.budget });
    for (const [year, value] of p.disbursements) expenditure.push({ year, currency: p.currency, value });
  }
  return { totalBudget: sumsByYear(budget), totalExpenditure: sumsByYear(expenditure) };
}

/**
 * The organisations that publish through the platform (see the header), by identifier, with their
 * figures; `slug` narrows to one. Three queries whatever the number of organisations and projects.
 */
export async function loadPublishingOrganisations(
  db: Db,
  options: { slug?: string } = {},
): Promise<PublishingOrganisation[]> {
  let query = db
    .selectFrom("organisation as o")
    .select(["o.id", "o.slug", "o.name", "o.iati_identifier", "o.iati_type_code", "o.type_code", "o.updated_at"])
    .where("o.is_active", "=", true)
    .where("o.iati_identifier", "is not", null)
    .where(sql<boolean>`upper(o.iati_identifier) not like ${`${PLATFORM_ORGANISATION_PREFIX}%`}`)
    .where(
      sql<boolean>`exists (select 1 from project p where p.owner_organisation_id = o.id and p.validation_status = 'validated')`,
    )
    .orderBy("o.iati_identifier");
  if (options.slug !== undefined) query = query.where("o.slug", "=", options.slug);
  const organisations = await query.execute();
  if (organisations.length === 0) return [];
  const ids = organisations.map((o) => o.id);
  const [projects, finance] = await Promise.all([
    db
      .selectFrom("project")
      .select(["id", "owner_organisation_id", "currency", "budget", "planned_start", "planned_end", "updated_at"])
      .where("validation_status", "=", "validated")
      .where("owner_organisation_id", "in", ids)
      .execute(),
    db
      .selectFrom("project_finance as f")
      .innerJoin("project as p", "p.id", "f.project_id")
      .select(["f.project_id", "f.year", "f.kind", "f.amount"])
      .where("p.validation_status", "=", "validated")
      .where("p.owner_organisation_id", "in", ids)
      .execute(),
  ]);
  const byProject = new Map<number, ProjectFigures>();
  for (const p of projects) {
    byProject.set(p.id, {
      ownerId: p.owner_organisation_id,
      currency: p.currency,
      budget: p.budget === null ? null : Number(p.budget),
      plannedStart: p.planned_start,
      plannedEnd: p.planned_end,
      updatedAt: new Date(p.updated_at),
      commitments: new Map(),
      disbursements: new Map(),
    });
  }
  for (const f of finance) {
    const p = byProject.get(f.project_id)!;
    const into = f.kind === "commitment" ? p.commitments : p.disbursements;
    into.set(f.year, (into.get(f.year) ?? 0) + Number(f.amount));
  }
  return organisations.map((o) => {
    const own = [...byProject.values()].filter((p) => p.ownerId === o.id);
    const currencyCounts = new Map<string, number>();
    for (const p of own) currencyCounts.set(p.currency, (currencyCounts.get(p.currency) ?? 0) + 1);
    const defaultCurrency = [...currencyCounts.entries()].sort(
      (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
    )[0]![0];
    const lastUpdated = new Date(Math.max(new Date(o.updated_at).getTime(), ...own.map((p) => p.updatedAt.getTime())));
    return {
      id: o.id,
      slug: o.slug,
      name: o.name,
      identifier: o.iati_identifier!,
      iatiTypeCode: o.iati_type_code ?? ORGANISATION_TYPE_CODE[o.type_code] ?? "90",
      defaultCurrency,
      lastUpdated,
      ...organisationFigures(own),
    };
  });
}

/** An ISO date-time as IATI writes it (seconds, Z). */
function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * The IATI language code (ISO 639-1, IATI's Language codelist) of a platform locale: `sr-cyrl` is
 * Serbian too; Romani has no ISO 639-1 code (and "ro" is Romanian), so it has none (decision 043).
 */
function iatiLanguageOf(locale: string): string | null {
  if (locale === "rom") return null;
  return LANGUAGE_TAG[locale as keyof typeof LANGUAGE_TAG]?.slice(0, 2) ?? null;
}

/**
 * The organisations as an IATI 2.03 organisation file: identifier, name in every language version,
 * the organisation as its own reporting-org, total-budget and total-expenditure per year where known,
 * and a document-link to its public page in each interface language.
 */
export function buildIatiOrganisations(
  organisations: PublishingOrganisation[],
  context: { publicUrl: string; generatedAt: Date },
): string {
  const base = context.publicUrl.replace(/\/$/, "");
  const w = new XmlWriter();
  w.open("iati-organisations", {
    version: "2.03",
    "generated-datetime": isoSeconds(context.generatedAt),
    "xmlns:cap": CAP_NAMESPACE,
  });
  for (const o of organisations) {
    w.open("iati-organisation", {
      "last-updated-datetime": isoSeconds(o.lastUpdated),
      "default-currency": o.defaultCurrency,
    });
    w.text("organisation-identifier", o.identifier);
    w.open("name");
    narratives(w, o.name);
    w.close("name");
    w.open("reporting-org", { ref: o.identifier, type: o.iatiTypeCode });
    narratives(w, o.name);
    w.close("reporting-org");
    for (const b of o.totalBudget) {
      w.open("total-budget", { status: 2 });
      yearPeriod(w, b);
      w.close("total-budget");
    }
    for (const e of o.totalExpenditure) {
      w.open("total-expenditure");
      yearPeriod(w, e);
      w.close("total-expenditure");
    }
    for (const locale of LOCALES) {
      const language = iatiLanguageOf(locale);
      if (!language) continue;
      w.open("document-link", {
        format: "text/html",
        url: `${base}/${locale}/organizations/${encodeURIComponent(o.slug)}`,
      });
      w.open("title");
      w.text("narrative", downloadTranslator(locale)("export.iatiOrganisationPage"), { "xml:lang": language });
      w.close("title");
      w.empty("category", { code: "B16" });
      w.empty("language", { code: language });
      w.close("document-link");
    }
    w.close("iati-organisation");
  }
  w.close("iati-organisations");
  return `<?xml version="1.0" encoding="UTF-8"?>\n${w.toString()}`;
}

function yearPeriod(w: XmlWriter, figure: YearFigure): void {
  w.empty("period-start", { "iso-date": `${figure.year}-01-01` });
  w.empty("period-end", { "iso-date": `${figure.year}-12-31` });
  w.text("value", decimal(figure.value), { currency: figure.currency, "value-date": `${figure.year}-01-01` });
}
