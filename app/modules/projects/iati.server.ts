import type { TranslatedText } from "#app/db/schema.ts";
import type { ProjectActivityStatus, ProjectIndicatorUnit, ProjectOrganisationRole } from "#app/db/tables/projects.ts";
import { frameworkOf, type FrameworkResult } from "./framework.server.ts";
import type { ResultView } from "./projects.queries.server.ts";
import type { Choices } from "./projects.view.server.ts";
import type { PublicProject } from "./public-projects.queries.server.ts";

/**
 * IATI 2.03 activity files (decision 015). The mapping between the registry and IATI lives here so
 * that the export and the import read it from one place.
 */

/** The namespace of the platform's own elements and attributes (IATI allows them wherever `##other` is). */
export const CAP_NAMESPACE = "urn:x-community-affairs-platform:iati:1";

/** IATI ActivityStatus codes. */
export const ACTIVITY_STATUS_CODE: Record<ProjectActivityStatus, string> = {
  pipeline: "1",
  implementation: "2",
  finalisation: "3",
  closed: "4",
  cancelled: "5",
  suspended: "6",
};

/** IATI OrganisationRole codes; the platform's "partner" is an implementing organisation (4) marked `cap:role="partner"`. */
export const ROLE_CODE: Record<ProjectOrganisationRole, string> = {
  funding: "1",
  accountable: "2",
  extending: "3",
  implementing: "4",
  partner: "4",
};

/** IATI OrganisationType codes for the platform's organisation types. */
export const ORGANISATION_TYPE_CODE: Record<string, string> = {
  government_office: "10",
  ministry: "10",
  agency: "10",
  municipality_office: "10",
  municipal_committee: "10",
  donor: "10",
  international_organisation: "40",
  cso: "22",
  other: "90",
};

/** Location references of the municipalities: `XK-KAS-<KAS code>` (the statistics agency's code). */
export const MUNICIPALITY_REF_PREFIX = "XK-KAS-";

/** IATI indicator measure for each unit (1 unit, 2 percentage). */
export const MEASURE_CODE: Record<ProjectIndicatorUnit, string> = {
  count: "1",
  number: "1",
  amount: "1",
  percent: "2",
};

/** The languages the platform stores texts in, as written in `xml:lang`. */
export const CONTENT_LANGUAGES = ["sq", "sr", "en", "tr", "bs", "rom"] as const;

/** Control characters other than tab, newline and carriage return: not allowed in XML 1.0. */
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

/** Characters that must not appear raw in XML text or attributes. */
export function escapeXml(value: string): string {
  return value
    .replace(XML_FORBIDDEN_CONTROLS, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

type Attributes = Record<string, string | number | boolean | null | undefined>;

function attrs(attributes: Attributes): string {
  return Object.entries(attributes)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join("");
}

/** A small XML writer: elements with attributes, text and children, indented (the activity and organisation files). */
export class XmlWriter {
  private readonly lines: string[] = [];
  private depth = 0;

  open(name: string, attributes: Attributes = {}): void {
    this.lines.push(`${"  ".repeat(this.depth)}<${name}${attrs(attributes)}>`);
    this.depth += 1;
  }

  close(name: string): void {
    this.depth -= 1;
    this.lines.push(`${"  ".repeat(this.depth)}</${name}>`);
  }

  empty(name: string, attributes: Attributes = {}): void {
    this.lines.push(`${"  ".repeat(this.depth)}<${name}${attrs(attributes)}/>`);
  }

  text(name: string, text: string, attributes: Attributes = {}): void {
    this.lines.push(`${"  ".repeat(this.depth)}<${name}${attrs(attributes)}>${escapeXml(text)}</${name}>`);
  }

  toString(): string {
    return `${this.lines.join("\n")}\n`;
  }
}

/** The texts of a translated value, the original language first, then the others in a fixed order. */
function narrativesOf(text: TranslatedText, originalLocale?: string): [string, string][] {
  const entries = CONTENT_LANGUAGES.flatMap((lang) => {
    const value = text[lang];
    return typeof value === "string" && value.trim() ? [[lang, value] as [string, string]] : [];
  });
  return entries.sort((a, b) => Number(b[0] === originalLocale) - Number(a[0] === originalLocale));
}

/** One `narrative` per language version of the text, the original language first. */
export function narratives(w: XmlWriter, text: TranslatedText, originalLocale?: string): void {
  for (const [lang, value] of narrativesOf(text, originalLocale)) w.text("narrative", value, { "xml:lang": lang });
}

function textElement(
  w: XmlWriter,
  name: string,
  text: TranslatedText,
  attributes: Attributes = {},
  originalLocale?: string,
): void {
  if (narrativesOf(text).length === 0) return;
  w.open(name, attributes);
  narratives(w, text, originalLocale);
  w.close(name);
}

const plain = (value: string): TranslatedText => ({ en: value });

/** A number as IATI writes it (decimal, no exponent, no grouping). */
export function decimal(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(6)));
}

/** Sector percentages that add up to 100 (two decimals; the last takes the rest). */
function percentages(count: number): string[] {
  if (count === 0) return [];
  const each = Math.floor(10000 / count) / 100;
  const out = Array.from({ length: count }, () => each);
  out[count - 1] = Number((100 - each * (count - 1)).toFixed(2));
  return out.map(decimal);
}

/** A document's MIME type from its address (IATI requires one). */
function formatOf(url: string, kind: "document" | "photo"): string {
  const extension = /\.([a-z0-9]{2,5})(?:[?#].*)?$/i.exec(url)?.[1]?.toLowerCase();
  const known: Record<string, string> = {
    pdf: "application/pdf",
    doc: "application/msword",
    docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    jpg: "image/jpeg",
    jpeg: "image/jpeg",
    png: "image/png",
    webp: "image/webp",
    gif: "image/gif",
  };
  const format = extension ? known[extension] : undefined;
  if (kind === "photo") return format?.startsWith("image/") ? format : "image/jpeg";
  return format && !format.startsWith("image/") ? format : "text/html";
}

/** Everything the export needs besides the projects: names of codes and the public address. */
export interface IatiExportContext {
  choices: Choices;
  publicUrl: string;
  generatedAt: Date;
}

/**
 * The validated projects as an IATI 2.03 activity file. Only approved indicator values are
 * written. Results without indicators (IATI requires at least one) and the platform's own fields
 * (output → outcome links, indicator units, partner role) travel as `cap:` elements and
 * attributes, which IATI allows and other readers ignore.
 */
export function buildIatiActivities(
  projects: PublicProject[],
  frameworks: Map<number, ResultView[]>,
  context: IatiExportContext,
): string {
  const base = context.publicUrl.replace(/\/$/, "");
  const sectorNames = new Map(context.choices.sectors.map((s) => [s.code, s.name]));
  const communityNames = new Map(context.choices.communities.map((c) => [c.code, c.name]));
  const municipalities = new Map(context.choices.municipalities.map((m) => [m.kasCode, m]));
  const w = new XmlWriter();
  w.open("iati-activities", {
    version: "2.03",
    "generated-datetime": context.generatedAt.toISOString().replace(/\.\d{3}Z$/, "Z"),
    "xmlns:cap": CAP_NAMESPACE,
  });
  for (const p of projects) {
    const identifier = p.iatiIdentifier ?? `${p.owner.iatiRef}-CAP-${p.id}`;
    w.open("iati-activity", { "default-currency": p.currency, hierarchy: 1 });
    w.text("iati-identifier", identifier);
    w.open("reporting-org", {
      ref: p.owner.iatiRef,
      type: p.owner.iatiTypeCode ?? ORGANISATION_TYPE_CODE[p.owner.typeCode] ?? "90",
    });
    narratives(w, p.owner.name);
    w.close("reporting-org");
    textElement(w, "title", p.title, {}, p.originalLocale);
    if (narrativesOf(p.description).length) textElement(w, "description", p.description, { type: 1 }, p.originalLocale);
    else textElement(w, "description", p.title, { type: 1 }, p.originalLocale);
    for (const o of p.organisations) {
      w.open("participating-org", {
        ref: o.iatiRef,
        type: o.iatiTypeCode ?? ORGANISATION_TYPE_CODE[o.typeCode] ?? "90",
        role: ROLE_CODE[o.role],
        "cap:role": o.role === "partner" ? "partner" : null,
      });
      narratives(w, o.name);
      w.close("participating-org");
    }
    w.empty("activity-status", { code: ACTIVITY_STATUS_CODE[p.activityStatus] });
    w.empty("activity-date", { type: 1, "iso-date": p.plannedStart });
    if (p.actualStart) w.empty("activity-date", { type: 2, "iso-date": p.actualStart });
    w.empty("activity-date", { type: 3, "iso-date": p.plannedEnd });
    if (p.actualEnd) w.empty("activity-date", { type: 4, "iso-date": p.actualEnd });
    for (const c of p.contacts) {
      w.open("contact-info", { type: 1 });
      if (c.organisationName) textElement(w, "organisation", plain(c.organisationName));
      textElement(w, "person-name", plain(c.name));
      if (c.phone) w.text("telephone", c.phone);
      if (c.email) w.text("email", c.email);
      w.close("contact-info");
    }
    w.empty("activity-scope", { code: p.municipalities.length === 1 ? 6 : 4 });
    w.open("recipient-country", { code: "XK", percentage: 100 });
    w.text("narrative", "Kosovo", { "xml:lang": "en" });
    w.close("recipient-country");
    for (const m of p.municipalities) {
      const municipality = municipalities.get(m.kasCode);
      w.open("location", {
        ref: `${MUNICIPALITY_REF_PREFIX}${m.kasCode}`,
        "cap:budget-share": m.budgetShare === null ? null : decimal(m.budgetShare),
      });
      w.empty("location-reach", { code: 1 });
      if (municipality) textElement(w, "name", { sq: municipality.nameSq, sr: municipality.nameSr });
      w.empty("exactness", { code: 1 });
      w.empty("location-class", { code: 1 });
      w.empty("feature-designation", { code: "ADM2" });
      w.close("location");
    }
    // The codes the publisher gave, as given (decision 027), then the platform's sectors in its own vocabulary.
    for (const s of p.iatiSectors)
      w.empty("sector", {
        vocabulary: s.vocabulary,
        code: s.code,
        percentage: s.percentage === null ? null : decimal(s.percentage),
      });
    const sectorShares = percentages(p.sectors.length);
    p.sectors.forEach((code, i) => {
      w.open("sector", {
        vocabulary: 99,
        "vocabulary-uri": `${base}/api/v1/sectors`,
        code,
        percentage: sectorShares[i],
      });
      narratives(w, sectorNames.get(code) ?? plain(code));
      w.close("sector");
    });
    for (const code of p.communities) {
      w.open("tag", { vocabulary: 99, "vocabulary-uri": `${base}/api/v1/communities`, code });
      narratives(w, communityNames.get(code) ?? plain(code));
      w.close("tag");
    }
    if (p.budget !== null) {
      w.open("budget", { type: 1, status: 1 });
      w.empty("period-start", { "iso-date": p.plannedStart });
      w.empty("period-end", { "iso-date": p.plannedEnd });
      w.text("value", decimal(p.budget), { currency: p.currency, "value-date": p.plannedStart });
      w.close("budget");
    }
    for (const f of p.finance) {
      const date = `${f.year}-01-01`;
      w.open("transaction");
      w.empty("transaction-type", { code: f.kind === "commitment" ? 2 : 3 });
      w.empty("transaction-date", { "iso-date": date });
      w.text("value", decimal(f.amount), { currency: p.currency, "value-date": date });
      w.close("transaction");
    }
    for (const d of p.documents) {
      w.open("document-link", { format: formatOf(d.url, d.kind), url: d.url });
      textElement(w, "title", plain(d.title));
      w.empty("category", { code: "A02" });
      w.close("document-link");
    }
    writeResults(w, frameworkOf(frameworks.get(p.id) ?? []), p.originalLocale);
    w.close("iati-activity");
  }
  w.close("iati-activities");
  return `<?xml version="1.0" encoding="UTF-8"?>\n${w.toString()}`;
}

function writeResults(w: XmlWriter, framework: FrameworkResult[], originalLocale: string): void {
  const loose: FrameworkResult[] = [];
  for (const r of framework) {
    if (r.indicators.length === 0) {
      loose.push(r);
      continue;
    }
    w.open("result", { type: r.kind === "output" ? 1 : 2, "aggregation-status": false });
    textElement(w, "title", r.title, {}, originalLocale);
    textElement(w, "description", r.description, {}, originalLocale);
    for (const indicator of r.indicators) {
      w.open("indicator", { measure: MEASURE_CODE[indicator.unit], ascending: true });
      textElement(w, "title", indicator.name, {}, originalLocale);
      const baselineYear = indicator.baselineYear ?? Number((indicator.periods[0]?.periodStart ?? "2000").slice(0, 4));
      if (
        indicator.baselineValue !== null ||
        (indicator.baselineYear !== null && !indicator.baselineDimensions?.length)
      ) {
        w.empty("baseline", {
          year: baselineYear,
          value: indicator.baselineValue === null ? null : decimal(indicator.baselineValue),
        });
      }
      for (const b of indicator.baselineDimensions ?? []) {
        w.open("baseline", { year: baselineYear, value: decimal(b.value) });
        for (const d of b.dimensions) w.empty("dimension", { name: d.name, value: d.value });
        w.close("baseline");
      }
      for (const period of indicator.periods) {
        w.open("period");
        w.empty("period-start", { "iso-date": period.periodStart });
        w.empty("period-end", { "iso-date": period.periodEnd });
        if (period.target !== null) w.empty("target", { value: decimal(period.target) });
        // Disaggregated values as the file gave them, with every dimension; otherwise the platform's disaggregations.
        const given = period.dimensionValues ?? [];
        for (const v of given.filter((x) => x.kind === "target")) {
          w.open("target", { value: decimal(v.value) });
          for (const d of v.dimensions) w.empty("dimension", { name: d.name, value: d.value });
          w.close("target");
        }
        const hasNarrative = narrativesOf(period.narrative).length > 0;
        if (period.actual !== null || hasNarrative) {
          if (hasNarrative) {
            w.open("actual", { value: period.actual === null ? null : decimal(period.actual) });
            textElement(w, "comment", period.narrative, {}, originalLocale);
            w.close("actual");
          } else w.empty("actual", { value: decimal(period.actual!) });
        }
        if (given.length > 0) {
          for (const v of given.filter((x) => x.kind === "actual")) {
            w.open("actual", { value: decimal(v.value) });
            for (const d of v.dimensions) w.empty("dimension", { name: d.name, value: d.value });
            w.close("actual");
          }
        } else {
          for (const d of period.disaggregation) {
            w.open("actual", { value: decimal(d.value) });
            w.empty("dimension", { name: d.dimension, value: d.category });
            w.close("actual");
          }
        }
        w.close("period");
      }
      w.empty("cap:indicator", { unit: indicator.unit, disaggregations: indicator.disaggregations.join(" ") || null });
      w.close("indicator");
    }
    w.empty("cap:result", { ref: r.ref, parent: r.parentRef });
    w.close("result");
  }
  for (const r of loose) {
    w.open("cap:result-without-indicators", { ref: r.ref, kind: r.kind, parent: r.parentRef });
    textElement(w, "cap:title", r.title, {}, originalLocale);
    textElement(w, "cap:description", r.description, {}, originalLocale);
    w.close("cap:result-without-indicators");
  }
}
