import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { Db } from "#app/db/client.server.ts";
import type { TranslatedText } from "#app/db/schema.ts";
import type { DisaggregatedValue, ProjectActivityStatus, ProjectDisaggregation, ProjectIndicatorUnit, ProjectOrganisationRole } from "#app/db/tables/projects.ts";
import { recordAudit, type AuditContext } from "#app/services/audit.server.ts";
import type { Actor } from "#app/services/authorization.ts";
import { replaceFramework, type FrameworkIndicator, type FrameworkPeriod, type FrameworkResult } from "./framework.server.ts";
import { ACTIVITY_STATUS_CODE, CONTENT_LANGUAGES, MUNICIPALITY_REF_PREFIX } from "./iati.server.ts";
import { createProject, submitProject, updateProject } from "./projects.commands.server.ts";
import { actsForOrganisation } from "./projects.policy.ts";
import { loadProjectInputs } from "./projects.queries.server.ts";
import { ProjectInputSchema, type ProjectInput } from "./projects.schema.ts";
import { PLATFORM_ORGANISATION_PREFIX } from "./public-projects.queries.server.ts";

/**
 * Import of a donor's IATI activity file (versions 2.01–2.03): read, check every code against the
 * registry, plan what will be created or updated (by iati-identifier), and only on confirmation
 * write everything in one transaction. Any error leaves the database untouched.
 */

/** The largest file accepted (bytes). */
export const IATI_IMPORT_MAX_BYTES = 5 * 1024 * 1024;

/** A problem found in the file: a translation key of the projects catalog and its values. */
export interface ImportIssue {
  key: string;
  values?: Record<string, string | number>;
}

/** One activity of the file as it will be written. */
export interface PlannedActivity {
  identifier: string;
  title: TranslatedText;
  originalLocale: string;
  action: "create" | "update";
  projectId: number | null;
  input: ProjectInput;
  framework: FrameworkResult[];
  counts: { organisations: number; municipalities: number; transactions: number; results: number; indicators: number; values: number };
}

export type ImportPlan =
  | { ok: true; activities: PlannedActivity[]; warnings: ImportIssue[] }
  | { ok: false; errors: ImportIssue[]; missingOrganisations: { ref: string; name: string }[] };

type Node = Record<string, unknown>;

const STATUS_BY_CODE = new Map(Object.entries(ACTIVITY_STATUS_CODE).map(([status, code]) => [code, status as ProjectActivityStatus]));
const ROLE_BY_CODE: Record<string, ProjectOrganisationRole> = { "1": "funding", "2": "accountable", "3": "extending", "4": "implementing" };
const DIMENSIONS = new Set<ProjectDisaggregation>(["community", "gender", "beneficiary_type"]);
const UNITS = new Set<ProjectIndicatorUnit>(["count", "percent", "amount", "number"]);

/**
 * OECD DAC purpose codes (5 digits, vocabulary 1) and categories (3 digits, vocabulary 2) the
 * platform's sectors stand for. A 5-digit code is looked up whole, then by its category.
 */
const DAC_SECTORS: Record<string, string> = {
  "111": "education",
  "112": "education",
  "113": "education",
  "114": "education",
  "121": "health",
  "122": "health",
  "123": "health",
  "130": "health",
  "16010": "employment_social_welfare",
  "16020": "employment_social_welfare",
  "16030": "housing",
  "16040": "housing",
  "16061": "culture_media",
  "15150": "participation",
  "15151": "participation",
  "15152": "security",
  "15153": "culture_media",
  "15160": "non_discrimination",
  "15170": "non_discrimination",
  "15180": "non_discrimination",
  "15130": "security",
  "15210": "security",
  "15190": "return_reintegration",
  "15220": "security",
  "152": "security",
  "250": "economic_development",
  "311": "economic_development",
  "321": "economic_development",
  "331": "economic_development",
  "720": "return_reintegration",
  "730": "return_reintegration",
};

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  attributesGroupName: "@",
  textNodeName: "#text",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
});

function list(node: unknown, name: string): Node[] {
  if (!node || typeof node !== "object") return [];
  const value = (node as Node)[name];
  if (Array.isArray(value)) return value.map((v) => (typeof v === "object" && v !== null ? (v as Node) : ({ "#text": String(v) } as Node)));
  return [];
}

function first(node: unknown, name: string): Node | undefined {
  return list(node, name)[0];
}

function attr(node: Node | undefined, name: string): string | undefined {
  const attributes = node?.["@"] as Record<string, string> | undefined;
  const value = attributes?.[name];
  return typeof value === "string" ? value.trim() : undefined;
}

function text(node: Node | undefined): string {
  if (!node) return "";
  const value = node["#text"];
  return (Array.isArray(value) ? value.join("") : typeof value === "string" ? value : "").trim();
}

/** The content language of an `xml:lang` value (sr-Latn → sr); null for one the platform does not keep. */
function languageOf(tag: string | undefined, fallback: string): string | null {
  const base = (tag ?? fallback).toLowerCase().split(/[-_]/)[0]!;
  return (CONTENT_LANGUAGES as readonly string[]).includes(base) ? base : null;
}

/** The narratives of an element as a translated text; narratives in other languages are reported. */
function narratives(node: Node | undefined, defaultLang: string, dropped: Set<string>): TranslatedText {
  const out: Record<string, string> = {};
  for (const n of list(node, "narrative")) {
    const value = text(n);
    if (!value) continue;
    const lang = languageOf(attr(n, "xml:lang"), defaultLang);
    if (lang === null) {
      dropped.add(attr(n, "xml:lang") ?? defaultLang);
      continue;
    }
    out[lang] ??= value;
  }
  return out;
}

/** The strings of a translated text (the machine translations left out). */
function stringsOf(value: TranslatedText): string[] {
  return Object.entries(value).flatMap(([key, v]) => (key !== "machine" && typeof v === "string" ? [v] : []));
}

function plainText(node: Node | undefined, defaultLang: string): string {
  return stringsOf(narratives(node, defaultLang, new Set()))[0] ?? "";
}

function firstLanguage(node: Node | undefined, defaultLang: string): string | null {
  for (const n of list(node, "narrative")) {
    const lang = languageOf(attr(n, "xml:lang"), defaultLang);
    if (lang && text(n)) return lang;
  }
  return null;
}

const isIsoDate = (value: string | undefined): value is string => !!value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));

function decimal(value: string | undefined): number | null {
  if (value === undefined || value.trim() === "") return null;
  const n = Number(value.trim());
  return Number.isFinite(n) ? n : Number.NaN;
}

/** What the registry knows, loaded once per plan (five queries). */
async function loadRegistry(db: Db, identifiers: string[]) {
  const [organisations, sectors, communities, municipalities, existing] = await Promise.all([
    db.selectFrom("organisation").select(["id", "slug", "name", "acronym", "iati_identifier"]).execute(),
    db.selectFrom("sector").select("code").execute(),
    db.selectFrom("community").select("code").execute(),
    db.selectFrom("municipality").select(["kas_code", "name_sq", "name_sr"]).execute(),
    identifiers.length ? db.selectFrom("project").select(["id", "iati_identifier", "owner_organisation_id"]).where("iati_identifier", "in", identifiers).execute() : Promise.resolve([]),
  ]);
  const byRef = new Map<string, number>();
  for (const o of organisations) if (o.iati_identifier) byRef.set(o.iati_identifier.toUpperCase(), o.id);
  for (const o of organisations) byRef.set(`${PLATFORM_ORGANISATION_PREFIX}${o.slug}`.toUpperCase(), o.id);
  const byName = new Map<string, number>();
  for (const o of organisations) for (const name of [...Object.values(o.name), o.acronym]) if (typeof name === "string" && name) byName.set(name.trim().toLowerCase(), o.id);
  const byMunicipalityName = new Map<string, string>();
  for (const m of municipalities) for (const name of [m.name_sq, m.name_sr]) byMunicipalityName.set(name.toLowerCase(), m.kas_code);
  return {
    byRef,
    byName,
    sectors: new Set(sectors.map((s) => s.code)),
    communities: new Set(communities.map((c) => c.code)),
    municipalities: new Set(municipalities.map((m) => m.kas_code)),
    byMunicipalityName,
    existing: new Map(existing.map((p) => [p.iati_identifier!, { id: p.id, owner: p.owner_organisation_id }])),
  };
}

type Registry = Awaited<ReturnType<typeof loadRegistry>>;

/** Reads the file's root and activities, or the reason it cannot be read. */
function readDocument(xml: string): { ok: true; activities: Node[]; defaultLang: string } | { ok: false; errors: ImportIssue[] } {
  if (xml.length === 0) return { ok: false, errors: [{ key: "import.errors.empty" }] };
  if (/<!DOCTYPE/i.test(xml)) return { ok: false, errors: [{ key: "import.errors.doctype" }] };
  const checked = XMLValidator.validate(xml);
  if (checked !== true) return { ok: false, errors: [{ key: "import.errors.notXml", values: { line: checked.err.line, message: checked.err.msg } }] };
  let document: Node;
  try {
    document = parser.parse(xml) as Node;
  } catch (error) {
    return { ok: false, errors: [{ key: "import.errors.notXml", values: { line: 0, message: error instanceof Error ? error.message : String(error) } }] };
  }
  const root = first(document, "iati-activities");
  if (!root) return { ok: false, errors: [{ key: "import.errors.notIati" }] };
  const version = attr(root, "version") ?? "";
  if (!/^2\.0[123]$/.test(version)) return { ok: false, errors: [{ key: "import.errors.version", values: { version: version || "?" } }] };
  const activities = list(root, "iati-activity");
  if (activities.length === 0) return { ok: false, errors: [{ key: "import.errors.noActivities" }] };
  return { ok: true, activities, defaultLang: attr(root, "xml:lang") ?? "en" };
}

/**
 * Reads an IATI file and plans the import for the actor: every activity must be reported by one of
 * the actor's organisations, name only organisations, sectors, communities and municipalities the
 * platform knows, and make a valid project. Reads only; writes nothing.
 */
export async function planIatiImport(db: Db, actor: Actor, xml: string): Promise<ImportPlan> {
  const read = readDocument(xml);
  if (!read.ok) return { ...read, missingOrganisations: [] };
  const identifiers = read.activities.map((a) => text(first(a, "iati-identifier")));
  const registry = await loadRegistry(db, identifiers.filter(Boolean));
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const missing = new Map<string, string>();
  const seen = new Set<string>();
  const activities: PlannedActivity[] = [];
  read.activities.forEach((activity, index) => {
    const planned = planActivity(activity, index + 1, read.defaultLang, registry, actor, errors, warnings, missing);
    if (!planned) return;
    if (seen.has(planned.identifier)) errors.push({ key: "import.errors.duplicateIdentifier", values: { identifier: planned.identifier } });
    seen.add(planned.identifier);
    activities.push(planned);
  });
  if (missing.size) errors.unshift({ key: "import.errors.unknownOrganisations", values: { count: missing.size, list: [...missing].map(([ref, name]) => (name ? `${ref} (${name})` : ref)).join(", ") } });
  if (errors.length) return { ok: false, errors, missingOrganisations: [...missing].map(([ref, name]) => ({ ref, name })) };
  const existingIds = activities.flatMap((a) => (a.projectId === null ? [] : [a.projectId]));
  const existing = await loadProjectInputs(db, existingIds);
  for (const a of activities) {
    const before = a.projectId === null ? undefined : existing.get(a.projectId);
    if (!before) continue;
    // IATI does not carry the links to strategy measures: an update keeps them.
    a.input.measureIds = before.measureIds;
  }
  return { ok: true, activities, warnings };
}

function planActivity(activity: Node, position: number, fileLang: string, registry: Registry, actor: Actor, errors: ImportIssue[], warnings: ImportIssue[], missing: Map<string, string>): PlannedActivity | null {
  const defaultLang = attr(activity, "xml:lang") ?? fileLang;
  const identifier = text(first(activity, "iati-identifier"));
  if (!identifier) {
    errors.push({ key: "import.errors.noIdentifier", values: { position } });
    return null;
  }
  const errorCount = errors.length;
  const dropped = new Set<string>();
  const fail = (key: string, values: Record<string, string | number> = {}) => errors.push({ key, values: { identifier, ...values } });

  const resolveOrganisation = (node: Node | undefined): number | null => {
    const ref = attr(node, "ref");
    const name = plainText(node, defaultLang);
    const byRef = ref ? registry.byRef.get(ref.toUpperCase()) : undefined;
    if (byRef !== undefined) return byRef;
    // A name is matched only when the file gives no identifier: an unknown identifier is reported, never guessed.
    const byName = !ref && name ? registry.byName.get(name.toLowerCase()) : undefined;
    if (byName !== undefined) return byName;
    missing.set(ref || "—", name);
    return null;
  };

  const reporting = first(activity, "reporting-org");
  const ownerId = resolveOrganisation(reporting);
  if (ownerId !== null && !actsForOrganisation(actor, ownerId)) fail("import.errors.notYourOrganisation", { ref: attr(reporting, "ref") ?? "" });

  const titleNode = first(activity, "title");
  const title = narratives(titleNode, defaultLang, dropped);
  if (Object.keys(title).length === 0) fail("import.errors.noTitle");
  const descriptions = list(activity, "description");
  const general = descriptions.find((d) => (attr(d, "type") ?? "1") === "1") ?? descriptions[0];
  const description = narratives(general, defaultLang, dropped);

  const statusCode = attr(first(activity, "activity-status"), "code") ?? "";
  const activityStatus = STATUS_BY_CODE.get(statusCode);
  if (!activityStatus) fail("import.errors.unknownStatus", { code: statusCode || "—" });

  const dates = new Map<string, string>();
  for (const d of list(activity, "activity-date")) {
    const iso = attr(d, "iso-date");
    const type = attr(d, "type") ?? "";
    if (!isIsoDate(iso)) fail("import.errors.badDate", { value: iso ?? "—" });
    else if (!dates.has(type)) dates.set(type, iso);
  }
  const plannedStart = dates.get("1") ?? dates.get("2");
  const plannedEnd = dates.get("3") ?? dates.get("4");
  if (!plannedStart || !plannedEnd) fail("import.errors.noDates");

  const organisations: ProjectInput["organisations"] = [];
  for (const o of list(activity, "participating-org")) {
    const roleCode = attr(o, "role") ?? "";
    let role = ROLE_BY_CODE[roleCode];
    if (!role) {
      fail("import.errors.unknownRole", { code: roleCode || "—" });
      continue;
    }
    if (role === "implementing" && attr(o, "cap:role") === "partner") role = "partner";
    const id = resolveOrganisation(o);
    if (id !== null && !organisations.some((x) => x.organisationId === id && x.role === role)) organisations.push({ organisationId: id, role });
  }

  const sectors = new Set<string>();
  for (const s of list(activity, "sector")) {
    const vocabulary = attr(s, "vocabulary") ?? "1";
    const code = attr(s, "code") ?? "";
    const sector = vocabulary === "99" || vocabulary === "98" ? (registry.sectors.has(code) ? code : undefined) : vocabulary === "1" ? (DAC_SECTORS[code] ?? DAC_SECTORS[code.slice(0, 3)]) : vocabulary === "2" ? DAC_SECTORS[code] : undefined;
    if (!sector) fail("import.errors.unknownSector", { vocabulary, code: code || "—" });
    else sectors.add(sector);
  }

  const communities = new Set<string>();
  for (const tag of list(activity, "tag")) {
    const code = attr(tag, "code") ?? "";
    if (attr(tag, "vocabulary") === "99" && /\/communities$/.test(attr(tag, "vocabulary-uri") ?? "")) {
      if (registry.communities.has(code)) communities.add(code);
      else fail("import.errors.unknownCommunity", { code: code || "—" });
    }
  }

  const municipalities: ProjectInput["municipalities"] = [];
  for (const location of list(activity, "location")) {
    const ref = attr(location, "ref") ?? "";
    let kasCode: string | undefined;
    if (ref.toUpperCase().startsWith(MUNICIPALITY_REF_PREFIX)) {
      kasCode = ref.slice(MUNICIPALITY_REF_PREFIX.length);
      if (!registry.municipalities.has(kasCode)) {
        fail("import.errors.unknownMunicipality", { code: ref });
        continue;
      }
    } else {
      const names = stringsOf(narratives(first(location, "name"), defaultLang, new Set()));
      kasCode = names.map((n) => registry.byMunicipalityName.get(n.toLowerCase())).find((c) => c !== undefined);
      if (!kasCode) {
        warnings.push({ key: "import.warnings.locationSkipped", values: { identifier, name: names[0] ?? (ref || "—") } });
        continue;
      }
    }
    const share = decimal(attr(location, "cap:budget-share"));
    if (!municipalities.some((m) => m.kasCode === kasCode)) municipalities.push({ kasCode, budgetShare: share === null || Number.isNaN(share) ? null : share });
  }

  const currencies = new Set<string>();
  const defaultCurrency = attr(activity, "default-currency");
  if (defaultCurrency) currencies.add(defaultCurrency);
  let budget: number | null = null;
  for (const b of list(activity, "budget")) {
    const valueNode = first(b, "value");
    const value = decimal(text(valueNode));
    if (value === null || Number.isNaN(value)) {
      fail("import.errors.badAmount", { value: text(valueNode) || "—" });
      continue;
    }
    if (attr(valueNode, "currency")) currencies.add(attr(valueNode, "currency")!);
    budget = (budget ?? 0) + value;
  }
  const finance = new Map<string, ProjectInput["finance"][number]>();
  let transactions = 0;
  for (const t of list(activity, "transaction")) {
    const type = attr(first(t, "transaction-type"), "code");
    const kind = type === "2" ? "commitment" : type === "3" ? "disbursement" : null;
    if (!kind) {
      warnings.push({ key: "import.warnings.transactionSkipped", values: { identifier, code: type ?? "—" } });
      continue;
    }
    const date = attr(first(t, "transaction-date"), "iso-date");
    const valueNode = first(t, "value");
    const value = decimal(text(valueNode));
    if (!isIsoDate(date)) {
      fail("import.errors.badDate", { value: date ?? "—" });
      continue;
    }
    if (value === null || Number.isNaN(value) || value < 0) {
      fail("import.errors.badAmount", { value: text(valueNode) || "—" });
      continue;
    }
    if (attr(valueNode, "currency")) currencies.add(attr(valueNode, "currency")!);
    const year = Number(date.slice(0, 4));
    const key = `${year}-${kind}`;
    const previous = finance.get(key);
    finance.set(key, { year, kind, amount: Number(((previous?.amount ?? 0) + value).toFixed(2)) });
    transactions += 1;
  }
  if (currencies.size > 1) fail("import.errors.mixedCurrencies", { list: [...currencies].join(", ") });

  const contacts: ProjectInput["contacts"] = list(activity, "contact-info").flatMap((c) => {
    const name = plainText(first(c, "person-name"), defaultLang) || plainText(first(c, "job-title"), defaultLang) || plainText(first(c, "organisation"), defaultLang);
    if (!name) return [];
    return [{ name, organisationName: plainText(first(c, "organisation"), defaultLang) || null, email: text(first(c, "email")) || null, phone: text(first(c, "telephone")) || null }];
  });
  const documents: ProjectInput["documents"] = list(activity, "document-link").map((d) => ({
    kind: (attr(d, "format") ?? "").startsWith("image/") ? "photo" : "document",
    title: plainText(first(d, "title"), defaultLang) || attr(d, "url") || "",
    url: attr(d, "url") ?? "",
  }));

  const framework = readResults(activity, defaultLang, fail);

  if (errors.length > errorCount || ownerId === null || !activityStatus || !plannedStart || !plannedEnd) return null;
  if (dropped.size) warnings.push({ key: "import.warnings.languagesSkipped", values: { identifier, list: [...dropped].join(", ") } });

  const existing = registry.existing.get(identifier);
  if (existing && existing.owner !== ownerId) {
    fail("import.errors.otherOwner");
    return null;
  }
  const originalLocale = firstLanguage(titleNode, defaultLang) ?? Object.keys(title)[0] ?? "en";
  const candidate = {
    ownerOrganisationId: ownerId,
    iatiIdentifier: identifier,
    title,
    description,
    originalLocale,
    activityStatus,
    plannedStart: dates.get("1") ?? plannedStart,
    plannedEnd: dates.get("3") ?? plannedEnd,
    actualStart: dates.get("2") ?? null,
    actualEnd: dates.get("4") ?? null,
    budget,
    currency: [...currencies][0] ?? "EUR",
    sectors: [...sectors].sort(),
    communities: [...communities].sort(),
    measureIds: [],
    municipalities: municipalities.sort((a, b) => a.kasCode.localeCompare(b.kasCode)),
    organisations,
    finance: [...finance.values()].sort((a, b) => a.year - b.year || a.kind.localeCompare(b.kind)),
    contacts,
    documents,
  };
  const parsed = ProjectInputSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues.slice(0, 5)) {
      fail("import.errors.invalidField", { field: issue.path.map(String).join(".") || "—", message: /^[a-z-]+:[\w.]+$/.test(issue.message) ? issue.message : "core:form.invalid" });
    }
    return null;
  }
  const indicators = framework.flatMap((r) => r.indicators);
  return {
    identifier,
    title,
    originalLocale,
    action: existing ? "update" : "create",
    projectId: existing?.id ?? null,
    input: parsed.data,
    framework,
    counts: {
      organisations: organisations.length,
      municipalities: municipalities.length,
      transactions,
      results: framework.length,
      indicators: indicators.length,
      values: indicators.reduce((n, i) => n + i.periods.length, 0),
    },
  };
}

/** The results framework of an activity (IATI results, and the platform's results without indicators). */
function readResults(activity: Node, defaultLang: string, fail: (key: string, values?: Record<string, string | number>) => void): FrameworkResult[] {
  const dropped = new Set<string>();
  const results: (FrameworkResult & { position: number })[] = [];
  let lastOutcome: string | null = null;
  list(activity, "result").forEach((r, index) => {
    const cap = first(r, "cap:result");
    const ref = attr(cap, "ref") ?? `x${index + 1}`;
    const type = attr(r, "type") ?? "";
    if (!["1", "2", "3"].includes(type)) fail("import.errors.unknownResultType", { code: type || "—" });
    let kind: "outcome" | "output" = type === "1" ? "output" : "outcome";
    let parentRef = attr(cap, "parent") ?? null;
    if (kind === "output" && !parentRef) {
      if (lastOutcome) parentRef = lastOutcome;
      else kind = "outcome";
    }
    if (kind === "outcome") lastOutcome = ref;
    const indicators: FrameworkIndicator[] = list(r, "indicator").map((i) => readIndicator(i, defaultLang, dropped, fail));
    results.push({ ref, kind, parentRef: kind === "output" ? parentRef : null, title: narratives(first(r, "title"), defaultLang, dropped), description: narratives(first(r, "description"), defaultLang, dropped), indicators, position: positionOf(ref, index) });
  });
  list(activity, "cap:result-without-indicators").forEach((r, index) => {
    const ref = attr(r, "ref") ?? `y${index + 1}`;
    const kind = attr(r, "kind") === "output" ? "output" : "outcome";
    results.push({ ref, kind, parentRef: kind === "output" ? (attr(r, "parent") ?? null) : null, title: narratives(first(r, "cap:title"), defaultLang, dropped), description: narratives(first(r, "cap:description"), defaultLang, dropped), indicators: [], position: positionOf(ref, 10_000 + index) });
  });
  const refs = new Set(results.map((r) => r.ref));
  for (const r of results) {
    if (Object.keys(r.title).length === 0) fail("import.errors.noResultTitle");
    if (r.kind === "output" && (!r.parentRef || !refs.has(r.parentRef) || results.find((x) => x.ref === r.parentRef)?.kind !== "outcome")) fail("import.errors.badResultParent", { ref: r.ref });
  }
  return results.sort((a, b) => a.position - b.position).map(({ position: _position, ...r }) => r);
}

function positionOf(ref: string, fallback: number): number {
  const match = /^r(\d+)$/.exec(ref);
  return match ? Number(match[1]) : 100_000 + fallback;
}

function readIndicator(node: Node, defaultLang: string, dropped: Set<string>, fail: (key: string, values?: Record<string, string | number>) => void): FrameworkIndicator {
  const cap = first(node, "cap:indicator");
  const measure = attr(node, "measure") ?? "";
  const capUnit = attr(cap, "unit") as ProjectIndicatorUnit | undefined;
  if (!["1", "2"].includes(measure)) fail("import.errors.unsupportedMeasure", { code: measure || "—" });
  const baseline = first(node, "baseline");
  const baselineValue = decimal(attr(baseline, "value"));
  const baselineYear = decimal(attr(baseline, "year"));
  const periods: FrameworkPeriod[] = list(node, "period").map((p) => {
    const periodStart = attr(first(p, "period-start"), "iso-date");
    const periodEnd = attr(first(p, "period-end"), "iso-date");
    if (!isIsoDate(periodStart) || !isIsoDate(periodEnd)) fail("import.errors.badDate", { value: `${periodStart ?? "—"} – ${periodEnd ?? "—"}` });
    const actuals = list(p, "actual");
    const total = actuals.find((a) => list(a, "dimension").length === 0);
    const disaggregation: DisaggregatedValue[] = [];
    for (const a of actuals) {
      const dimension = first(a, "dimension");
      if (!dimension) continue;
      const name = (attr(dimension, "name") ?? "") as ProjectDisaggregation;
      const value = decimal(attr(a, "value"));
      if (DIMENSIONS.has(name) && value !== null && !Number.isNaN(value)) disaggregation.push({ dimension: name, category: attr(dimension, "value") ?? "", value });
    }
    const target = decimal(attr(first(p, "target"), "value"));
    const actual = decimal(attr(total, "value"));
    if ((target !== null && Number.isNaN(target)) || (actual !== null && Number.isNaN(actual))) fail("import.errors.badAmount", { value: `${attr(first(p, "target"), "value") ?? ""} ${attr(total, "value") ?? ""}`.trim() });
    return {
      periodStart: periodStart ?? "",
      periodEnd: periodEnd ?? "",
      target: target === null || Number.isNaN(target) ? null : target,
      actual: actual === null || Number.isNaN(actual) ? null : actual,
      narrative: narratives(first(total, "comment"), defaultLang, dropped),
      disaggregation,
      status: "approved" as const,
    };
  });
  const values = periods.flatMap((p) => [p.target, p.actual]).filter((v): v is number => v !== null);
  const unit: ProjectIndicatorUnit = capUnit && UNITS.has(capUnit) ? capUnit : measure === "2" ? "percent" : values.every(Number.isInteger) ? "count" : "number";
  const declared = (attr(cap, "disaggregations") ?? "").split(/\s+/).filter((d): d is ProjectDisaggregation => DIMENSIONS.has(d as ProjectDisaggregation));
  const used = periods.flatMap((p) => p.disaggregation.map((d) => d.dimension));
  return {
    name: narratives(first(node, "title"), defaultLang, dropped),
    unit,
    baselineValue: baselineValue === null || Number.isNaN(baselineValue) ? null : baselineValue,
    baselineYear: baselineYear === null || Number.isNaN(baselineYear) ? null : baselineYear,
    disaggregations: [...new Set([...declared, ...used])].sort(),
    periods: periods.sort((a, b) => a.periodStart.localeCompare(b.periodStart)),
  };
}

/** Thrown inside the import transaction to roll everything back. */
class ImportAborted extends Error {
  constructor(readonly issues: ImportIssue[]) {
    super("IATI import aborted");
  }
}

/**
 * Writes a planned import in one transaction: creates or updates each activity's project (audit
 * action `project.import`), replaces its results framework, and sends it to the Office for
 * validation. Any refusal rolls everything back.
 */
export async function applyIatiImport(db: Db, audit: AuditContext, xml: string): Promise<{ ok: true; created: number; updated: number; projectIds: number[] } | { ok: false; errors: ImportIssue[]; missingOrganisations: { ref: string; name: string }[] }> {
  try {
    return await db.transaction().execute(async (trx) => {
      const plan = await planIatiImport(trx, audit.actor, xml);
      if (!plan.ok) throw new ImportAborted(plan.errors);
      let created = 0;
      let updated = 0;
      const projectIds: number[] = [];
      for (const a of plan.activities) {
        let projectId: number;
        if (a.projectId === null) {
          const result = await createProject(trx, audit, a.input, { auditAction: "project.import" });
          if (!result.ok) throw new ImportAborted(Object.entries(result.errors).map(([field, message]) => ({ key: "import.errors.invalidField", values: { identifier: a.identifier, field, message } })));
          projectId = result.id;
          created += 1;
        } else {
          const result = await updateProject(trx, audit, a.projectId, a.input, null, { auditAction: "project.import" });
          if (!result.ok) throw new ImportAborted(Object.entries(result.errors).map(([field, message]) => ({ key: "import.errors.invalidField", values: { identifier: a.identifier, field, message } })));
          projectId = a.projectId;
          updated += 1;
        }
        await replaceFramework(trx, projectId, a.framework);
        const status = await trx.selectFrom("project").select("validation_status").where("id", "=", projectId).executeTakeFirstOrThrow();
        if (status.validation_status === "draft") {
          const submitted = await submitProject(trx, audit, projectId);
          if (!submitted.ok) throw new ImportAborted([{ key: "import.errors.invalidField", values: { identifier: a.identifier, field: "form", message: Object.values(submitted.errors)[0] ?? "core:form.invalid" } }]);
        }
        projectIds.push(projectId);
      }
      return { ok: true as const, created, updated, projectIds };
    });
  } catch (error) {
    if (error instanceof ImportAborted) {
      const plan = await planIatiImport(db, audit.actor, xml).catch(() => null);
      return { ok: false, errors: error.issues, missingOrganisations: plan && !plan.ok ? plan.missingOrganisations : [] };
    }
    throw error;
  }
}

/** How long an uploaded file waits for confirmation. */
const PENDING_IMPORT_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Keeps an uploaded file until its uploader confirms or cancels the import (the confirmation is a
 * second request, and without JavaScript the browser cannot send the file twice). Older pending
 * files of anyone are dropped on the way. Only someone who registers projects may upload.
 */
export async function stageIatiImport(db: Db, audit: AuditContext, fileName: string, xml: string): Promise<{ ok: true; id: string } | { ok: false; status: 403 }> {
  const actor = audit.actor;
  if (actor.kind !== "user" || !actor.grants.some((g) => g.organisationId !== null && actsForOrganisation(actor, g.organisationId))) return { ok: false, status: 403 };
  const id = crypto.randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("project_import").where((eb) => eb.or([eb("created_at", "<", new Date(Date.now() - PENDING_IMPORT_TTL_MS)), eb("user_id", "=", actor.userId)])).execute();
    await trx.insertInto("project_import").values({ id, user_id: actor.userId, file_name: fileName.slice(0, 200), xml }).execute();
    await recordAudit(trx, audit, { action: "project.import.upload", subjectType: "project_import", subjectId: id, after: { file_name: fileName.slice(0, 200), bytes: xml.length } });
  });
  return { ok: true, id };
}

/** The uploader's pending file, or null (someone else's, expired or unknown). */
export async function loadPendingImport(db: Db, actor: Actor, id: string): Promise<{ id: string; fileName: string; xml: string } | null> {
  if (actor.kind !== "user" || !/^[0-9a-f-]{36}$/.test(id)) return null;
  const row = await db
    .selectFrom("project_import")
    .select(["id", "file_name", "xml"])
    .where("id", "=", id)
    .where("user_id", "=", actor.userId)
    .where("created_at", ">=", new Date(Date.now() - PENDING_IMPORT_TTL_MS))
    .executeTakeFirst();
  return row ? { id: row.id, fileName: row.file_name, xml: row.xml } : null;
}

/** Drops the uploader's pending file (after the import, or when they cancel). */
export async function discardPendingImport(db: Db, actor: Actor, id: string): Promise<void> {
  if (actor.kind !== "user" || !/^[0-9a-f-]{36}$/.test(id)) return;
  await db.deleteFrom("project_import").where("id", "=", id).where("user_id", "=", actor.userId).execute();
}
