import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { Db } from "#app/db/client.server.ts";
import type { TranslatedText } from "#app/db/schema.ts";
import type {
  BaselineDimensionValue,
  DimensionValue,
  DisaggregatedValue,
  IatiDimension,
  ProjectActivityStatus,
  ProjectDisaggregation,
  ProjectIndicatorUnit,
  ProjectOrganisationRole,
} from "#app/db/tables/projects.ts";
import { recordAudit, type AuditContext } from "#app/services/audit.server.ts";
import { isCoordinator, type Actor } from "#app/services/authorization.ts";
import {
  insertFrameworks,
  replaceFramework,
  frameworkOf,
  type FrameworkIndicator,
  type FrameworkPeriod,
  type FrameworkResult,
} from "./framework.server.ts";
import { isKnownCurrency, isOrganisationTypeCode, OTHER_SECTOR, readDacSector } from "./iati-codelists.server.ts";
import {
  communityNameIndex,
  findNearMatches,
  loadLocationIndex,
  loadOrganisationIndex,
  platformDimension,
  type NearMatch,
  type OrganisationIndex,
} from "./iati-matching.server.ts";
import { ACTIVITY_STATUS_CODE, CONTENT_LANGUAGES, MUNICIPALITY_REF_PREFIX } from "./iati.server.ts";
import { createImportedOrganisation, platformTypeOfIati } from "./iati-organisations.server.ts";
import { createImportedProjects, submitProject, updateProject } from "./projects.commands.server.ts";
import { projectOrganisationsOf, projectsPolicy } from "./projects.policy.ts";
import { loadIatiSectors, loadProjectInputs, loadResultsFrameworks } from "./projects.queries.server.ts";
import { ProjectInputSchema, type ProjectInput } from "./projects.schema.ts";

/**
 * Import of a donor's IATI activity file (versions 2.01–2.03, decisions 015 and 027): read, check
 * every code, recognise organisations, sectors, places and result dimensions the way real
 * publishers write them, plan what will be created, updated or left unchanged (by
 * iati-identifier), list every error and warning with its activity, element and line at once,
 * and only on confirmation write everything in one transaction. Any error leaves the database
 * untouched.
 */

/** The largest file accepted (bytes). */
export const IATI_IMPORT_MAX_BYTES = 5 * 1024 * 1024;
/** The most activities one file may hold (checked before the file is parsed). */
export const IATI_IMPORT_MAX_ACTIVITIES = 2_000;
/** From this many activities, a confirmed import runs as a background job with a progress bar. */
export const IATI_BACKGROUND_ACTIVITIES = 100;

/** Where a problem is: the activity (when known), the element and the line of the file. */
export interface IssuePlace {
  identifier: string | null;
  element: string;
  line: number;
}

/** A problem found in the file: a translation key of the projects catalog, its values, and its place. */
export interface ImportIssue {
  key: string;
  values?: Record<string, string | number>;
  place?: IssuePlace;
}

/** What the importer decided for an organisation the registry did not match. */
export type OrganisationDecision = { action: "create"; typeCode: string } | { action: "link"; organisationId: number };

/** An organisation named in the file that the registry did not match (one entry per identifier, or per name when it has none). */
export interface UnmatchedOrganisation {
  key: string;
  ref: string | null;
  names: string[];
  /** IATI OrganisationType code from the file, when given. */
  typeCode: string | null;
  /** IATI OrganisationRole codes it has in the file ("reporting" for the reporting organisation). */
  roles: string[];
  activities: string[];
  proposals: NearMatch[];
  decision: OrganisationDecision;
}

/** The original sector code of an activity, kept beside the platform sector. */
export interface IatiSectorCode {
  vocabulary: string;
  code: string;
  percentage: number | null;
}

/** One activity of the file as it will be written. */
export interface PlannedActivity {
  identifier: string;
  title: TranslatedText;
  originalLocale: string;
  action: "create" | "update" | "unchanged";
  projectId: number | null;
  input: ProjectInput;
  /** Organisations to be created by this import, by their placeholder id in `input`. */
  pendingOrganisations: Map<number, string>;
  iatiSectors: IatiSectorCode[];
  framework: FrameworkResult[];
  counts: {
    organisations: number;
    municipalities: number;
    transactions: number;
    results: number;
    indicators: number;
    values: number;
  };
}

/** The plan of an import: what will be written, what the importer must decide, and every problem. */
export interface ImportPlan {
  ok: boolean;
  activities: PlannedActivity[];
  organisations: UnmatchedOrganisation[];
  warnings: ImportIssue[];
  errors: ImportIssue[];
}

type Node = Record<string, unknown> & { [key: symbol]: unknown };

const META = XMLParser.getMetaDataSymbol() as unknown as symbol;
const STATUS_BY_CODE = new Map(
  Object.entries(ACTIVITY_STATUS_CODE).map(([status, code]) => [code, status as ProjectActivityStatus]),
);
const ROLE_BY_CODE: Record<string, ProjectOrganisationRole> = {
  "1": "funding",
  "2": "accountable",
  "3": "extending",
  "4": "implementing",
};
const DIMENSIONS = new Set<ProjectDisaggregation>(["community", "gender", "beneficiary_type"]);
const UNITS = new Set<ProjectIndicatorUnit>(["count", "percent", "amount", "number"]);
/** Placeholder ids of organisations still to be created start here (never a real id in a test or production database). */
const PLACEHOLDER_BASE = 2_000_000_000;

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
  // Only XML's predefined and numeric character references: a DOCTYPE (and so any declared entity) is refused before parsing.
  processEntities: true,
  htmlEntities: false,
  captureMetaData: true,
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
});

function list(node: unknown, name: string): Node[] {
  if (!node || typeof node !== "object") return [];
  const value = (node as Node)[name];
  if (Array.isArray(value))
    return value.map((v) => (typeof v === "object" && v !== null ? (v as Node) : ({ "#text": String(v) } as Node)));
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

/** Line numbers from character offsets of the file. */
class Lines {
  private readonly starts: number[] = [0];
  constructor(xml: string) {
    for (let i = xml.indexOf("\n"); i !== -1; i = xml.indexOf("\n", i + 1)) this.starts.push(i + 1);
  }

  /** The line (from 1) of an element, or the fallback when the parser kept no position for it. */
  of(node: Node | undefined, fallback: number): number {
    const meta = node?.[META] as { startIndex?: number } | undefined;
    if (typeof meta?.startIndex !== "number") return fallback;
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= meta.startIndex) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  }
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

/** Every narrative of an element, whatever its language (names of organisations and places). */
function allNarratives(node: Node | undefined): string[] {
  const direct = text(node);
  const texts = list(node, "narrative").map(text).filter(Boolean);
  return texts.length ? texts : direct ? [direct] : [];
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

const isIsoDate = (value: string | undefined): value is string =>
  !!value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));

/** An xsd:decimal as IATI requires it: no grouping, no currency sign, no words. null when absent, NaN when not a number. */
function decimal(value: string | undefined): number | null {
  if (value === undefined || value.trim() === "") return null;
  const trimmed = value.trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(trimmed)) return Number.NaN;
  return Number(trimmed);
}

/** What the registry knows, loaded once per plan (a constant number of queries). */
async function loadRegistry(db: Db, identifiers: string[]) {
  const [organisations, locations, sectors, communities, municipalities, existing] = await Promise.all([
    loadOrganisationIndex(db),
    loadLocationIndex(db),
    db.selectFrom("sector").select("code").execute(),
    db.selectFrom("community").select(["code", "name"]).execute(),
    db.selectFrom("municipality").select("kas_code").execute(),
    identifiers.length
      ? db
          .selectFrom("project")
          .select(["id", "iati_identifier", "owner_organisation_id"])
          .where("iati_identifier", "in", identifiers)
          .execute()
      : Promise.resolve([]),
  ]);
  return {
    organisations,
    locations,
    sectors: new Set(sectors.map((s) => s.code)),
    communities: new Set(communities.map((c) => c.code)),
    communityNames: communityNameIndex(communities),
    municipalities: new Set(municipalities.map((m) => m.kas_code)),
    existing: new Map(existing.map((p) => [p.iati_identifier!, { id: p.id, owner: p.owner_organisation_id }])),
  };
}

type Registry = Awaited<ReturnType<typeof loadRegistry>>;

/**
 * Checks the file before it is parsed: size, XML well-formedness, no DOCTYPE (so no entity
 * expansion and no external entities), IATI activities of a supported version, not too many
 * activities. Cheap checks first, so a hostile file costs little.
 */
function readDocument(
  xml: string,
): { ok: true; activities: Node[]; defaultLang: string; lines: Lines } | { ok: false; errors: ImportIssue[] } {
  if (xml.length === 0) return { ok: false, errors: [{ key: "import.errors.empty" }] };
  if (Buffer.byteLength(xml, "utf8") > IATI_IMPORT_MAX_BYTES)
    return {
      ok: false,
      errors: [{ key: "import.errors.tooLarge", values: { size: IATI_IMPORT_MAX_BYTES / 1024 / 1024 } }],
    };
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) return { ok: false, errors: [{ key: "import.errors.doctype" }] };
  const count = xml.match(/<iati-activity[\s>/]/g)?.length ?? 0;
  if (count > IATI_IMPORT_MAX_ACTIVITIES)
    return {
      ok: false,
      errors: [{ key: "import.errors.tooManyActivities", values: { count, max: IATI_IMPORT_MAX_ACTIVITIES } }],
    };
  const checked = XMLValidator.validate(xml);
  if (checked !== true)
    return {
      ok: false,
      errors: [{ key: "import.errors.notXml", values: { line: checked.err.line, message: checked.err.msg } }],
    };
  let document: Node;
  try {
    document = parser.parse(xml) as Node;
  } catch (error) {
    return {
      ok: false,
      errors: [
        {
          key: "import.errors.notXml",
          values: { line: 0, message: error instanceof Error ? error.message : String(error) },
        },
      ],
    };
  }
  const root = first(document, "iati-activities");
  if (!root) {
    if (first(document, "iati-organisations"))
      return { ok: false, errors: [{ key: "import.errors.organisationFile" }] };
    return { ok: false, errors: [{ key: "import.errors.notIati" }] };
  }
  const version = attr(root, "version") ?? "";
  if (/^1\.0\d$/.test(version)) return { ok: false, errors: [{ key: "import.errors.version1", values: { version } }] };
  if (!/^2\.0[123]$/.test(version))
    return { ok: false, errors: [{ key: "import.errors.version", values: { version: version || "?" } }] };
  const activities = list(root, "iati-activity");
  if (activities.length === 0) return { ok: false, errors: [{ key: "import.errors.noActivities" }] };
  return { ok: true, activities, defaultLang: attr(root, "xml:lang") ?? "en", lines: new Lines(xml) };
}

/** Collects the organisations the registry does not know, across all activities of the file. */
class UnmatchedCollector {
  readonly entries = new Map<string, UnmatchedOrganisation>();
  private next = 0;
  readonly placeholderOf = new Map<string, number>();

  add(ref: string | null, names: string[], typeCode: string | null, role: string, identifier: string): string {
    const key = ref ? `ref:${ref.toUpperCase()}` : `name:${names[0] ?? "?"}`;
    const entry = this.entries.get(key) ?? {
      key,
      ref,
      names: [],
      typeCode: null,
      roles: [],
      activities: [],
      proposals: [],
      decision: { action: "create", typeCode: "90" },
    };
    for (const n of names) if (!entry.names.includes(n)) entry.names.push(n);
    if (!entry.typeCode && typeCode && isOrganisationTypeCode(typeCode)) entry.typeCode = typeCode;
    if (!entry.roles.includes(role)) entry.roles.push(role);
    if (!entry.activities.includes(identifier)) entry.activities.push(identifier);
    this.entries.set(key, entry);
    return key;
  }

  placeholder(key: string): number {
    let id = this.placeholderOf.get(key);
    if (id === undefined) {
      id = PLACEHOLDER_BASE + this.next;
      this.next += 1;
      this.placeholderOf.set(key, id);
    }
    return id;
  }
}

/** Reads one actual, target or baseline: its value and dimensions as given. */
function valueWithDimensions(node: Node): {
  value: number | null;
  raw: string | undefined;
  dimensions: IatiDimension[];
} {
  const raw = attr(node, "value");
  return {
    value: decimal(raw),
    raw,
    dimensions: list(node, "dimension").map((d) => ({ name: attr(d, "name") ?? "", value: attr(d, "value") ?? "" })),
  };
}

/**
 * Reads an IATI file and plans the import for the actor, with the importer's decisions on
 * unmatched organisations (by key; defaults: link to the only near match for the reporting
 * organisation of a donor, else create). Reads only; writes nothing.
 */
export async function planIatiImport(
  db: Db,
  actor: Actor,
  xml: string,
  decisions: Record<string, OrganisationDecision> = {},
  onProgress?: (done: number, total: number) => Promise<void>,
): Promise<ImportPlan> {
  const read = readDocument(xml);
  if (!read.ok) return { ok: false, activities: [], organisations: [], warnings: [], errors: read.errors };
  const identifiers = read.activities.map((a) => text(first(a, "iati-identifier")));
  const registry = await loadRegistry(db, identifiers.filter(Boolean));
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const unmatched = new UnmatchedCollector();
  const drafts: DraftActivity[] = [];
  const seen = new Set<string>();
  for (const [index, activity] of read.activities.entries()) {
    const draft = readActivity(
      activity,
      index + 1,
      read.defaultLang,
      read.lines,
      registry,
      errors,
      warnings,
      unmatched,
    );
    if (draft) {
      if (seen.has(draft.identifier))
        errors.push({
          key: "import.errors.duplicateIdentifier",
          values: { identifier: draft.identifier },
          place: { identifier: draft.identifier, element: "iati-identifier", line: draft.line },
        });
      seen.add(draft.identifier);
      drafts.push(draft);
    }
    if (onProgress && index % 25 === 24) await onProgress(index + 1, read.activities.length * 2);
  }

  // Every unmatched organisation in one list, with near matches and the decision in force.
  const entries = [...unmatched.entries.values()];
  const near = await findNearMatches(
    db,
    registry.organisations,
    entries.map((e) => ({ key: e.key, name: e.names[0] ?? e.ref ?? "" })),
  );
  const ownOrganisations = projectOrganisationsOf(actor);
  for (const entry of entries) {
    entry.proposals = near.get(entry.key) ?? [];
    const chosen = decisions[entry.key];
    if (chosen && isValidDecision(chosen, registry.organisations)) entry.decision = chosen;
    else if (entry.proposals.length > 0 && entry.proposals[0]!.score >= 0.6)
      entry.decision = { action: "link", organisationId: entry.proposals[0]!.organisationId };
    else if (entry.roles.includes("reporting") && !isCoordinator(actor) && ownOrganisations.length === 1)
      entry.decision = { action: "link", organisationId: ownOrganisations[0]! };
    else entry.decision = { action: "create", typeCode: entry.typeCode ?? "90" };
  }
  const resolved = new Map<string, number | { placeholder: number }>();
  for (const entry of entries)
    resolved.set(
      entry.key,
      entry.decision.action === "link"
        ? entry.decision.organisationId
        : { placeholder: unmatched.placeholder(entry.key) },
    );

  const activities: PlannedActivity[] = [];
  for (const draft of drafts) {
    const planned = finishActivity(draft, resolved, registry, actor, errors, warnings);
    if (planned) activities.push(planned);
  }
  await markUnchanged(db, activities);
  return {
    ok: errors.length === 0,
    activities: errors.length ? [] : activities,
    organisations: entries,
    warnings,
    errors,
  };
}

function isValidDecision(decision: OrganisationDecision, index: OrganisationIndex): boolean {
  if (decision.action === "link") return index.organisations.has(decision.organisationId);
  return isOrganisationTypeCode(decision.typeCode);
}

/** An organisation reference of an activity: known id, or the key of an unmatched organisation. */
type OrganisationRef = { id: number } | { key: string };

/** An activity read from the file, before unmatched organisations are resolved. */
interface DraftActivity {
  identifier: string;
  line: number;
  owner: OrganisationRef;
  reportingRef: string;
  organisations: { ref: OrganisationRef; role: ProjectOrganisationRole }[];
  candidate: Omit<ProjectInput, "ownerOrganisationId" | "organisations">;
  title: TranslatedText;
  originalLocale: string;
  iatiSectors: IatiSectorCode[];
  framework: FrameworkResult[];
  transactions: number;
}

function readActivity(
  activity: Node,
  position: number,
  fileLang: string,
  lines: Lines,
  registry: Registry,
  errors: ImportIssue[],
  warnings: ImportIssue[],
  unmatched: UnmatchedCollector,
): DraftActivity | null {
  const defaultLang = attr(activity, "xml:lang") ?? fileLang;
  const activityLine = lines.of(activity, 1);
  const identifierNode = first(activity, "iati-identifier");
  const identifier = text(identifierNode);
  const errorCount = errors.length;
  const dropped = new Set<string>();
  const place = (element: string, node?: Node, fallback = activityLine): IssuePlace => ({
    identifier: identifier || null,
    element,
    line: lines.of(node, fallback),
  });
  const fail = (key: string, where: IssuePlace, values: Record<string, string | number> = {}) =>
    errors.push({ key, values: { identifier: identifier || String(position), ...values }, place: where });
  const warn = (key: string, where: IssuePlace, values: Record<string, string | number> = {}) =>
    warnings.push({ key, values: { identifier: identifier || String(position), ...values }, place: where });
  if (!identifier) fail("import.errors.noIdentifier", place("iati-identifier", identifierNode), { position });

  const resolveOrganisation = (node: Node | undefined, role: string): OrganisationRef => {
    const ref = attr(node, "ref") || null;
    const names = allNarratives(node);
    const byRef = ref ? registry.organisations.findByRef(ref) : undefined;
    if (byRef !== undefined) return { id: byRef };
    const byName = names.length ? registry.organisations.findByName(names, ref) : undefined;
    if (byName !== undefined) return { id: byName };
    return { key: unmatched.add(ref, names, attr(node, "type") ?? null, role, identifier || String(position)) };
  };

  const reporting = first(activity, "reporting-org");
  if (!reporting) fail("import.errors.noReportingOrg", place("reporting-org"));
  const owner = resolveOrganisation(reporting, "reporting");

  const titleNode = first(activity, "title");
  const title = narratives(titleNode, defaultLang, dropped);
  if (Object.keys(title).length === 0) fail("import.errors.noTitle", place("title", titleNode));
  const descriptions = list(activity, "description");
  const general = descriptions.find((d) => (attr(d, "type") ?? "1") === "1") ?? descriptions[0];
  const description = narratives(general, defaultLang, dropped);

  const statusNode = first(activity, "activity-status");
  const statusCode = attr(statusNode, "code") ?? "";
  const activityStatus = STATUS_BY_CODE.get(statusCode);
  if (!activityStatus)
    fail("import.errors.unknownStatus", place("activity-status", statusNode), { code: statusCode || "—" });

  const dates = new Map<string, { iso: string; node: Node }>();
  for (const d of list(activity, "activity-date")) {
    const iso = attr(d, "iso-date");
    const type = attr(d, "type") ?? "";
    if (!isIsoDate(iso)) fail("import.errors.badDate", place("activity-date", d), { value: iso ?? "—" });
    else if (!dates.has(type)) dates.set(type, { iso, node: d });
  }
  const start = dates.get("1") ?? dates.get("2");
  let end = dates.get("3") ?? dates.get("4");
  const reportedOrder = new Set<Node>();
  for (const [s, e] of [
    [dates.get("1"), dates.get("3")],
    [dates.get("2"), dates.get("4")],
    [start, end],
  ] as const) {
    if (!s || !e || e.iso >= s.iso || reportedOrder.has(e.node)) continue;
    reportedOrder.add(e.node);
    fail("import.errors.datesOutOfOrder", place("activity-date", e.node), { start: s.iso, end: e.iso });
  }
  if (!start) fail("import.errors.noDates", place("activity-date"));

  const organisations: DraftActivity["organisations"] = [];
  for (const o of list(activity, "participating-org")) {
    const roleCode = attr(o, "role") ?? "";
    let role = ROLE_BY_CODE[roleCode];
    if (!role) {
      fail("import.errors.unknownRole", place("participating-org", o), { code: roleCode || "—" });
      continue;
    }
    if (role === "implementing" && attr(o, "cap:role") === "partner") role = "partner";
    organisations.push({ ref: resolveOrganisation(o, roleCode), role });
  }

  const sectors = new Set<string>();
  const iatiSectors: IatiSectorCode[] = [];
  for (const s of list(activity, "sector")) {
    const vocabulary = attr(s, "vocabulary") ?? "1";
    const code = attr(s, "code") ?? "";
    const percentage = decimal(attr(s, "percentage"));
    if (!code) {
      fail("import.errors.noSectorCode", place("sector", s));
      continue;
    }
    if (percentage !== null && (Number.isNaN(percentage) || percentage < 0 || percentage > 100))
      fail("import.errors.badPercentage", place("sector", s), { value: attr(s, "percentage") ?? "" });
    const isPlatformVocabulary =
      (vocabulary === "99" || vocabulary === "98") && /\/api\/v1\/sectors$/.test(attr(s, "vocabulary-uri") ?? "");
    // The platform's own sector codes (its exports) are its sectors, not a publisher's codes to keep.
    if (!isPlatformVocabulary) {
      const share = percentage === null || Number.isNaN(percentage) ? null : percentage;
      // The same code twice (e.g. two 5-digit codes a publisher rolled up to one 3-digit category): one code, its shares added.
      const same = iatiSectors.find((known) => known.vocabulary === vocabulary && known.code === code);
      if (same)
        same.percentage =
          same.percentage === null || share === null
            ? (same.percentage ?? share)
            : Number((same.percentage + share).toFixed(4));
      else iatiSectors.push({ vocabulary, code, percentage: share });
    }
    if (vocabulary === "99" || vocabulary === "98") {
      if (registry.sectors.has(code)) {
        sectors.add(code);
        continue;
      }
      warn("import.warnings.sectorNotDac", place("sector", s), { vocabulary, code });
      sectors.add(OTHER_SECTOR);
      continue;
    }
    const reading = readDacSector(vocabulary, code);
    if (reading.kind === "mapped" && registry.sectors.has(reading.sector)) sectors.add(reading.sector);
    else {
      sectors.add(OTHER_SECTOR);
      if (reading.kind === "unmapped")
        warn("import.warnings.sectorUnmapped", place("sector", s), { code, name: reading.name });
      else if (reading.kind === "unknownCode")
        warn("import.warnings.sectorUnknownCode", place("sector", s), { vocabulary, code });
      else warn("import.warnings.sectorNotDac", place("sector", s), { vocabulary, code });
    }
  }
  // A sector "other" beside real sectors only says that part of the activity is elsewhere; it stays so the warning's decision is visible.

  const communities = new Set<string>();
  for (const tag of list(activity, "tag")) {
    const code = attr(tag, "code") ?? "";
    if (attr(tag, "vocabulary") === "99" && /\/communities$/.test(attr(tag, "vocabulary-uri") ?? "")) {
      if (registry.communities.has(code)) communities.add(code);
      else warn("import.warnings.communityUnknown", place("tag", tag), { code: code || "—" });
    }
  }

  const municipalities: ProjectInput["municipalities"] = [];
  const addMunicipality = (kasCode: string, share: number | null) => {
    if (!municipalities.some((m) => m.kasCode === kasCode)) municipalities.push({ kasCode, budgetShare: share });
  };
  for (const location of list(activity, "location")) {
    const ref = attr(location, "ref") ?? "";
    const shareValue = decimal(attr(location, "cap:budget-share"));
    const share = shareValue === null || Number.isNaN(shareValue) ? null : shareValue;
    const where = place("location", location);
    if (ref.toUpperCase().startsWith(MUNICIPALITY_REF_PREFIX)) {
      const kasCode = ref.slice(MUNICIPALITY_REF_PREFIX.length);
      if (registry.municipalities.has(kasCode)) {
        addMunicipality(kasCode, share);
        continue;
      }
    }
    const codes = [...list(location, "location-id"), ...list(location, "administrative")]
      .filter((n) => attr(n, "vocabulary") === "G1")
      .map((n) => attr(n, "code") ?? "");
    const byCode = codes.map((c) => registry.locations.byGeonamesId(c)).find((k): k is string => k !== null);
    if (byCode) {
      addMunicipality(byCode, share);
      continue;
    }
    const names = allNarratives(first(location, "name"));
    let ambiguous: string[] | null = null;
    let byName: string | null = null;
    for (const name of names) {
      const found = registry.locations.byName(name);
      if (found && "kasCode" in found) {
        byName = found.kasCode;
        break;
      }
      if (found && "ambiguous" in found) ambiguous ??= found.ambiguous;
    }
    if (byName) {
      addMunicipality(byName, share);
      continue;
    }
    const pos = text(first(first(location, "point"), "pos"));
    const point = /^\s*(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s*$/.exec(pos);
    if (point) {
      const byPoint = registry.locations.byPoint(Number(point[2]), Number(point[1]));
      if (byPoint) {
        addMunicipality(byPoint, share);
        continue;
      }
    }
    const seenText = names[0] ?? (pos ? pos : ref || "—");
    if (ambiguous)
      warn("import.warnings.locationAmbiguous", where, {
        name: seenText,
        list: ambiguous.map((k) => registry.locations.municipalityNames.get(k) ?? k).join(", "),
      });
    else warn("import.warnings.locationSkipped", where, { name: seenText });
  }

  const currencyOf = (valueNode: Node | undefined, element: string): string | null => {
    const currency = attr(valueNode, "currency") || attr(activity, "default-currency") || null;
    if (!currency) {
      fail("import.errors.noCurrency", place(element, valueNode));
      return null;
    }
    if (!isKnownCurrency(currency)) {
      fail("import.errors.unknownCurrency", place(element, valueNode), { code: currency });
      return null;
    }
    return currency;
  };
  const defaultCurrency = attr(activity, "default-currency");
  if (defaultCurrency && !isKnownCurrency(defaultCurrency))
    fail("import.errors.unknownCurrency", place("iati-activity", activity), { code: defaultCurrency });
  let projectCurrency: string | null = defaultCurrency && isKnownCurrency(defaultCurrency) ? defaultCurrency : null;
  const otherCurrency = (element: string, node: Node | undefined, currency: string, value: string) =>
    warn("import.warnings.otherCurrency", place(element, node), {
      currency,
      value,
      projectCurrency: projectCurrency ?? "",
    });

  const budgets = list(activity, "budget");
  const revised = budgets.some((b) => attr(b, "type") === "2");
  let budget: number | null = null;
  const latest: { date: string | null } = { date: null };
  const later = (iso: string | undefined) => {
    if (isIsoDate(iso) && (!latest.date || iso > latest.date)) latest.date = iso;
  };
  for (const b of budgets) {
    const valueNode = first(b, "value");
    const value = decimal(text(valueNode));
    const periodStart = attr(first(b, "period-start"), "iso-date");
    const periodEnd = attr(first(b, "period-end"), "iso-date");
    if (!isIsoDate(periodStart) || !isIsoDate(periodEnd))
      fail("import.errors.badDate", place("budget/period-start", first(b, "period-start"), lines.of(b, activityLine)), {
        value: `${periodStart ?? "—"} – ${periodEnd ?? "—"}`,
      });
    else if (periodEnd < periodStart)
      fail(
        "import.errors.datesOutOfOrder",
        place("budget/period-end", first(b, "period-end"), lines.of(b, activityLine)),
        { start: periodStart, end: periodEnd },
      );
    later(periodEnd);
    if (value === null || Number.isNaN(value) || value < 0) {
      fail("import.errors.badAmount", place("budget/value", valueNode, lines.of(b, activityLine)), {
        value: text(valueNode) || "—",
      });
      continue;
    }
    const currency = currencyOf(valueNode, "budget/value");
    if (!currency) continue;
    projectCurrency ??= currency;
    if (currency !== projectCurrency) {
      otherCurrency("budget/value", valueNode, currency, text(valueNode));
      continue;
    }
    if (revised && attr(b, "type") !== "2") continue;
    budget = Number(((budget ?? 0) + value).toFixed(2));
  }

  const finance = new Map<string, ProjectInput["finance"][number]>();
  let transactions = 0;
  for (const t of list(activity, "transaction")) {
    const typeNode = first(t, "transaction-type");
    const type = attr(typeNode, "code");
    const dateNode = first(t, "transaction-date");
    const date = attr(dateNode, "iso-date");
    const valueNode = first(t, "value");
    const value = decimal(text(valueNode));
    const tLine = lines.of(t, activityLine);
    if (!isIsoDate(date))
      fail("import.errors.badDate", place("transaction/transaction-date", dateNode, tLine), { value: date ?? "—" });
    if (value === null || Number.isNaN(value))
      fail("import.errors.badAmount", place("transaction/value", valueNode, tLine), { value: text(valueNode) || "—" });
    const currency = currencyOf(valueNode, "transaction/value");
    later(date);
    const kind = type === "2" ? "commitment" : type === "3" ? "disbursement" : null;
    if (!kind) {
      warn("import.warnings.transactionSkipped", place("transaction/transaction-type", typeNode, tLine), {
        code: type ?? "—",
      });
      continue;
    }
    if (!isIsoDate(date) || value === null || Number.isNaN(value) || !currency) continue;
    if (value < 0) {
      warn("import.warnings.negativeTransaction", place("transaction/value", valueNode, tLine), {
        value: text(valueNode),
      });
      continue;
    }
    projectCurrency ??= currency;
    if (currency !== projectCurrency) {
      otherCurrency("transaction/value", valueNode, currency, text(valueNode));
      continue;
    }
    const year = Number(date.slice(0, 4));
    const key = `${year}-${kind}`;
    const previous = finance.get(key);
    finance.set(key, { year, kind, amount: Number(((previous?.amount ?? 0) + value).toFixed(2)) });
    transactions += 1;
  }

  const contacts: ProjectInput["contacts"] = list(activity, "contact-info").flatMap((c) => {
    const name =
      plainText(first(c, "person-name"), defaultLang) ||
      plainText(first(c, "job-title"), defaultLang) ||
      plainText(first(c, "organisation"), defaultLang);
    if (!name) return [];
    return [
      {
        name,
        organisationName: plainText(first(c, "organisation"), defaultLang) || null,
        email: text(first(c, "email")) || null,
        phone: text(first(c, "telephone")) || null,
      },
    ];
  });
  const documents: ProjectInput["documents"] = list(activity, "document-link").map((d) => ({
    kind: (attr(d, "format") ?? "").startsWith("image/") ? "photo" : "document",
    title: plainText(first(d, "title"), defaultLang) || attr(d, "url") || "",
    url: attr(d, "url") ?? "",
  }));

  const framework = readResults(
    activity,
    defaultLang,
    registry,
    lines,
    activityLine,
    (key, element, node, values) => fail(key, place(element, node), values),
    (key, element, node, values) => warn(key, place(element, node), values),
    (iso) => later(iso),
  );

  if (dropped.size) warn("import.warnings.languagesSkipped", place("narrative"), { list: [...dropped].join(", ") });
  if (!end && start) {
    const fallback: string = latest.date && latest.date > start.iso ? latest.date : start.iso;
    end = { iso: fallback, node: activity };
    warn("import.warnings.noEndDate", place("activity-date"), { date: fallback });
  }
  if (!projectCurrency) {
    projectCurrency = "EUR";
    if (budget !== null || finance.size) fail("import.errors.noCurrency", place("iati-activity", activity));
  }
  if (errors.length > errorCount || !identifier || !activityStatus || !start || !end) return null;

  const originalLocale = firstLanguage(titleNode, defaultLang) ?? Object.keys(title)[0] ?? "en";
  return {
    identifier,
    line: activityLine,
    owner,
    reportingRef: attr(reporting, "ref") ?? "",
    organisations,
    title,
    originalLocale,
    iatiSectors,
    framework,
    transactions,
    candidate: {
      iatiIdentifier: identifier,
      title: title as Record<string, string>,
      description: description as Record<string, string>,
      originalLocale: originalLocale as ProjectInput["originalLocale"],
      activityStatus,
      plannedStart: dates.get("1")?.iso ?? start.iso,
      plannedEnd: dates.get("3")?.iso ?? end.iso,
      actualStart: dates.get("2")?.iso ?? null,
      actualEnd: dates.get("4")?.iso ?? null,
      budget,
      currency: projectCurrency,
      sectors: [...sectors].sort(),
      communities: [...communities].sort(),
      measureIds: [],
      municipalities: municipalities.sort((a, b) => a.kasCode.localeCompare(b.kasCode)),
      finance: [...finance.values()].sort((a, b) => a.year - b.year || a.kind.localeCompare(b.kind)),
      contacts,
      documents,
    },
  };
}

/** Turns a draft into a planned activity once every organisation is resolved; checks who may import it. */
function finishActivity(
  draft: DraftActivity,
  resolved: Map<string, number | { placeholder: number }>,
  registry: Registry,
  actor: Actor,
  errors: ImportIssue[],
  warnings: ImportIssue[],
): PlannedActivity | null {
  const pending = new Map<number, string>();
  const idOf = (ref: OrganisationRef): number => {
    if ("id" in ref) return ref.id;
    const target = resolved.get(ref.key)!;
    if (typeof target === "number") return target;
    pending.set(target.placeholder, ref.key);
    return target.placeholder;
  };
  const place: IssuePlace = { identifier: draft.identifier, element: "reporting-org", line: draft.line };
  const ownerId = idOf(draft.owner);
  const ownerPending = pending.has(ownerId);
  if (
    ownerPending ? !isCoordinator(actor) : !projectsPolicy.can(actor, "project.import", { organisationId: ownerId })
  ) {
    errors.push({
      key: "import.errors.notYourOrganisation",
      values: { identifier: draft.identifier, ref: draft.reportingRef },
      place,
    });
    return null;
  }
  const organisations: ProjectInput["organisations"] = [];
  for (const o of draft.organisations) {
    const id = idOf(o.ref);
    if (!organisations.some((x) => x.organisationId === id && x.role === o.role))
      organisations.push({ organisationId: id, role: o.role });
  }
  if (!organisations.some((o) => o.role === "funding")) {
    // IATI allows an activity without a funding organisation; the platform needs one: the reporting organisation funds it.
    organisations.unshift({ organisationId: ownerId, role: "funding" });
    warnings.push({
      key: "import.warnings.noFunder",
      values: { identifier: draft.identifier },
      place: { ...place, element: "participating-org" },
    });
  }
  const existing = registry.existing.get(draft.identifier);
  if (existing && existing.owner !== ownerId) {
    errors.push({ key: "import.errors.otherOwner", values: { identifier: draft.identifier }, place });
    return null;
  }
  const parsed = ProjectInputSchema.safeParse({ ...draft.candidate, ownerOrganisationId: ownerId, organisations });
  if (!parsed.success) {
    for (const issue of parsed.error.issues.slice(0, 5)) {
      errors.push({
        key: "import.errors.invalidField",
        values: {
          identifier: draft.identifier,
          field: issue.path.map(String).join(".") || "—",
          message: /^[a-z-]+:[\w.]+$/.test(issue.message) ? issue.message : "core:form.invalid",
        },
        place: { ...place, element: "iati-activity" },
      });
    }
    return null;
  }
  const indicators = draft.framework.flatMap((r) => r.indicators);
  return {
    identifier: draft.identifier,
    title: draft.title,
    originalLocale: draft.originalLocale,
    action: existing ? "update" : "create",
    projectId: existing?.id ?? null,
    input: parsed.data,
    pendingOrganisations: pending,
    iatiSectors: draft.iatiSectors,
    framework: draft.framework,
    counts: {
      organisations: organisations.length,
      municipalities: parsed.data.municipalities.length,
      transactions: draft.transactions,
      results: draft.framework.length,
      indicators: indicators.length,
      values: indicators.reduce((n, i) => n + i.periods.length, 0),
    },
  };
}

/** Marks updates that would change nothing as "unchanged" (and keeps the links to strategy measures IATI does not carry). */
async function markUnchanged(db: Db, activities: PlannedActivity[]): Promise<void> {
  const ids = activities.flatMap((a) => (a.projectId === null ? [] : [a.projectId]));
  if (ids.length === 0) return;
  const [inputs, frameworks, iatiSectors] = await Promise.all([
    loadProjectInputs(db, ids),
    loadResultsFrameworks(db, ids, { approvedOnly: false }),
    loadIatiSectors(db, ids),
  ]);
  for (const a of activities) {
    if (a.projectId === null) continue;
    const before = inputs.get(a.projectId);
    if (!before) continue;
    a.input.measureIds = before.measureIds;
    if (a.pendingOrganisations.size) continue;
    const { version: _version, validationStatus: _status, ...beforeInput } = before;
    const sectorsBefore = iatiSectors.get(a.projectId) ?? [];
    const same =
      canonical(comparableInput(beforeInput)) === canonical(comparableInput(a.input)) &&
      canonical(sectorsBefore) === canonical(a.iatiSectors) &&
      canonical(comparableFramework(frameworkOf(frameworks.get(a.projectId) ?? []))) ===
        canonical(comparableFramework(a.framework));
    if (same) a.action = "unchanged";
  }
}

/**
 * A project input with its lists in one order (the file's order and the database's differ), and each
 * organisation once per role: a file may name one organisation twice in the same role (two spellings
 * matched to one registry organisation), the database keeps it once.
 */
function comparableInput(input: ProjectInput) {
  const organisations = [...new Map(input.organisations.map((o) => [`${o.organisationId}-${o.role}`, o])).values()];
  return {
    ...input,
    organisations: organisations.sort((a, b) => a.role.localeCompare(b.role) || a.organisationId - b.organisationId),
    contacts: input.contacts,
    documents: input.documents,
  };
}

/**
 * A framework without what the platform adds on its own (approval status), its references
 * renamed by position: a reference only links an output to its outcome and is not stored (the
 * database gives `r<position>`, a file without `cap:result` refs gives `x<n>`), so two frameworks
 * that differ only in their reference names are the same.
 */
function comparableFramework(framework: FrameworkResult[]) {
  const refs = new Map(framework.map((r, i) => [r.ref, `r${i + 1}`]));
  return framework.map((r) => ({
    ...r,
    ref: refs.get(r.ref) ?? r.ref,
    parentRef: r.parentRef === null ? null : (refs.get(r.parentRef) ?? r.parentRef),
    indicators: r.indicators.map((i) => ({
      ...i,
      baselineDimensions: i.baselineDimensions ?? [],
      periods: i.periods.map(({ status: _status, ...p }) => ({ ...p, dimensionValues: p.dimensionValues ?? [] })),
    })),
  }));
}

/** JSON with object keys sorted, so equal values compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>)
            .filter(([, x]) => x !== undefined)
            .sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

type Report = (key: string, element: string, node: Node | undefined, values?: Record<string, string | number>) => void;

/** The results framework of an activity (IATI results, and the platform's results without indicators). */
function readResults(
  activity: Node,
  defaultLang: string,
  registry: Registry,
  lines: Lines,
  activityLine: number,
  fail: Report,
  warn: Report,
  later: (iso: string | undefined) => void,
): FrameworkResult[] {
  const dropped = new Set<string>();
  const results: (FrameworkResult & { position: number })[] = [];
  let lastOutcome: string | null = null;
  list(activity, "result").forEach((r, index) => {
    const cap = first(r, "cap:result");
    const ref = attr(cap, "ref") ?? `x${index + 1}`;
    const type = attr(r, "type") ?? "";
    if (!["1", "2", "3", "9"].includes(type))
      fail("import.errors.unknownResultType", "result", r, { code: type || "—" });
    let kind: "outcome" | "output" = type === "1" ? "output" : "outcome";
    let parentRef = attr(cap, "parent") ?? null;
    if (kind === "output" && !parentRef) {
      if (lastOutcome) parentRef = lastOutcome;
      else kind = "outcome";
    }
    if (kind === "outcome") lastOutcome = ref;
    const indicators: FrameworkIndicator[] = list(r, "indicator").map((i) =>
      readIndicator(i, defaultLang, dropped, registry, fail, warn, later),
    );
    const title = narratives(first(r, "title"), defaultLang, dropped);
    if (Object.keys(title).length === 0) fail("import.errors.noResultTitle", "result/title", r);
    results.push({
      ref,
      kind,
      parentRef: kind === "output" ? parentRef : null,
      title,
      description: narratives(first(r, "description"), defaultLang, dropped),
      indicators,
      position: positionOf(ref, index),
    });
  });
  list(activity, "cap:result-without-indicators").forEach((r, index) => {
    const ref = attr(r, "ref") ?? `y${index + 1}`;
    const kind = attr(r, "kind") === "output" ? "output" : "outcome";
    results.push({
      ref,
      kind,
      parentRef: kind === "output" ? (attr(r, "parent") ?? null) : null,
      title: narratives(first(r, "cap:title"), defaultLang, dropped),
      description: narratives(first(r, "cap:description"), defaultLang, dropped),
      indicators: [],
      position: positionOf(ref, 10_000 + index),
    });
  });
  const refs = new Set(results.map((r) => r.ref));
  for (const r of results) {
    if (
      r.kind === "output" &&
      (!r.parentRef || !refs.has(r.parentRef) || results.find((x) => x.ref === r.parentRef)?.kind !== "outcome")
    )
      fail("import.errors.badResultParent", "result", undefined, { ref: r.ref });
  }
  return results.sort((a, b) => a.position - b.position).map(({ position: _position, ...r }) => r);
}

function positionOf(ref: string, fallback: number): number {
  const match = /^r(\d+)$/.exec(ref);
  return match ? Number(match[1]) : 100_000 + fallback;
}

function readIndicator(
  node: Node,
  defaultLang: string,
  dropped: Set<string>,
  registry: Registry,
  fail: Report,
  warn: Report,
  later: (iso: string | undefined) => void,
): FrameworkIndicator {
  const cap = first(node, "cap:indicator");
  const measure = attr(node, "measure") ?? "1";
  const capUnit = attr(cap, "unit") as ProjectIndicatorUnit | undefined;
  if (!["1", "2"].includes(measure))
    fail("import.errors.unsupportedMeasure", "indicator", node, { code: measure || "—" });
  const badNumber = (element: string, n: Node, raw: string | undefined) =>
    fail("import.errors.badAmount", element, n, { value: raw ?? "—" });

  let baselineValue: number | null = null;
  let baselineYear: number | null = null;
  const baselineDimensions: BaselineDimensionValue[] = [];
  for (const b of list(node, "baseline")) {
    const read = valueWithDimensions(b);
    const year = decimal(attr(b, "year"));
    if (read.value !== null && Number.isNaN(read.value)) badNumber("baseline", b, read.raw);
    if (year !== null && (Number.isNaN(year) || !Number.isInteger(year))) badNumber("baseline", b, attr(b, "year"));
    if (baselineYear === null && year !== null && !Number.isNaN(year)) baselineYear = year;
    if (read.value === null || Number.isNaN(read.value)) continue;
    if (read.dimensions.length) baselineDimensions.push({ value: read.value, dimensions: read.dimensions });
    else baselineValue ??= read.value;
  }

  const used = new Set<ProjectDisaggregation>();
  const periods: FrameworkPeriod[] = list(node, "period").map((p) => {
    const periodStart = attr(first(p, "period-start"), "iso-date");
    const periodEnd = attr(first(p, "period-end"), "iso-date");
    if (!isIsoDate(periodStart) || !isIsoDate(periodEnd))
      fail("import.errors.badDate", "period", p, { value: `${periodStart ?? "—"} – ${periodEnd ?? "—"}` });
    else if (periodEnd < periodStart)
      fail("import.errors.datesOutOfOrder", "period/period-end", first(p, "period-end") ?? p, {
        start: periodStart,
        end: periodEnd,
      });
    later(periodEnd);
    const dimensionValues: DimensionValue[] = [];
    let target: number | null = null;
    let actual: number | null = null;
    let narrative: TranslatedText = {};
    const cells: { value: number; dimensions: IatiDimension[] }[] = [];
    for (const [kind, element] of [
      ["target", "target"],
      ["actual", "actual"],
    ] as const) {
      for (const v of list(p, element)) {
        const read = valueWithDimensions(v);
        if (read.value !== null && Number.isNaN(read.value)) {
          badNumber(`period/${element}`, v, read.raw);
          continue;
        }
        if (read.value === null) {
          if (kind === "actual" && !read.dimensions.length)
            narrative = narratives(first(v, "comment"), defaultLang, dropped);
          continue;
        }
        if (read.dimensions.length === 0) {
          if (kind === "target") target ??= read.value;
          else {
            actual ??= read.value;
            narrative = narratives(first(v, "comment"), defaultLang, dropped);
          }
          continue;
        }
        dimensionValues.push({ kind, value: read.value, dimensions: read.dimensions });
        if (kind === "actual") cells.push({ value: read.value, dimensions: read.dimensions });
      }
    }
    // The platform's disaggregations: actual values summed per category of each dimension it knows.
    const sums = new Map<string, DisaggregatedValue>();
    const unknownDimensions = new Set<string>();
    for (const cell of cells) {
      for (const d of cell.dimensions) {
        const mapped = platformDimension(d.name, d.value, registry.communityNames);
        if (!mapped) {
          unknownDimensions.add(`${d.name}=${d.value}`);
          continue;
        }
        used.add(mapped.dimension);
        const key = `${mapped.dimension}:${mapped.category}`;
        const previous = sums.get(key);
        sums.set(key, {
          dimension: mapped.dimension,
          category: mapped.category,
          value: Number(((previous?.value ?? 0) + cell.value).toFixed(6)),
        });
      }
    }
    if (unknownDimensions.size)
      warn("import.warnings.dimensionsKept", "period/actual", p, { list: [...unknownDimensions].join(", ") });
    // No total given: the cells are the total when they all break down by the same dimensions.
    if (actual === null && cells.length > 0) {
      const shape = (c: (typeof cells)[number]) =>
        c.dimensions
          .map((d) => d.name.toLowerCase())
          .sort()
          .join("|");
      if (cells.every((c) => shape(c) === shape(cells[0]!)))
        actual = Number(cells.reduce((n, c) => n + c.value, 0).toFixed(6));
      else warn("import.warnings.noTotalActual", "period/actual", p);
    }
    return {
      periodStart: periodStart ?? "",
      periodEnd: periodEnd ?? "",
      target,
      actual,
      narrative,
      disaggregation: [...sums.values()].sort(
        (a, b) => a.dimension.localeCompare(b.dimension) || a.category.localeCompare(b.category),
      ),
      dimensionValues,
      status: "approved" as const,
    };
  });
  const values = periods.flatMap((p) => [p.target, p.actual]).filter((v): v is number => v !== null);
  const unit: ProjectIndicatorUnit =
    capUnit && UNITS.has(capUnit)
      ? capUnit
      : measure === "2"
        ? "percent"
        : values.every(Number.isInteger)
          ? "count"
          : "number";
  const declared = (attr(cap, "disaggregations") ?? "")
    .split(/\s+/)
    .filter((d): d is ProjectDisaggregation => DIMENSIONS.has(d as ProjectDisaggregation));
  return {
    name: narratives(first(node, "title"), defaultLang, dropped),
    unit,
    baselineValue,
    baselineYear,
    baselineDimensions,
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

/** The outcome of an import. */
export type ImportOutcome =
  | {
      ok: true;
      created: number;
      updated: number;
      unchanged: number;
      organisationsCreated: number;
      projectIds: number[];
    }
  | { ok: false; errors: ImportIssue[]; organisations: UnmatchedOrganisation[] };

/**
 * Writes a planned import in one transaction: creates the organisations the importer chose to
 * create (audit `organisation.create` with the import as reason), creates or updates each
 * activity's project (audit `project.import`), keeps its original sector codes, replaces its
 * results framework, and sends it to the Office for validation. Unchanged activities are left
 * alone. Any refusal rolls everything back.
 */
export async function applyIatiImport(
  db: Db,
  audit: AuditContext,
  xml: string,
  decisions: Record<string, OrganisationDecision> = {},
  onProgress?: (done: number, total: number) => Promise<void>,
): Promise<ImportOutcome> {
  try {
    return await db.transaction().execute(async (trx) => {
      const plan = await planIatiImport(trx, audit.actor, xml, decisions, onProgress);
      if (!plan.ok) throw new ImportAborted(plan.errors);
      const createdIds = new Map<number, number>();
      let organisationsCreated = 0;
      for (const entry of plan.organisations) {
        if (entry.decision.action !== "create") continue;
        const placeholderUsed = plan.activities.some((a) => [...a.pendingOrganisations.values()].includes(entry.key));
        if (!placeholderUsed) continue;
        const id = await createImportedOrganisation(trx, audit, {
          ref: entry.ref,
          names: entry.names,
          iatiTypeCode: entry.decision.typeCode,
          platformTypeCode: platformTypeOfIati(entry.decision.typeCode, entry.roles),
        });
        for (const a of plan.activities)
          for (const [placeholder, key] of a.pendingOrganisations)
            if (key === entry.key) createdIds.set(placeholder, id);
        organisationsCreated += 1;
      }
      let updated = 0;
      let unchanged = 0;
      const projectIds: number[] = [];
      const total = plan.activities.length;
      const swap = (id: number) => createdIds.get(id) ?? id;
      const inputOf = (a: PlannedActivity): ProjectInput => ({
        ...a.input,
        ownerOrganisationId: swap(a.input.ownerOrganisationId),
        organisations: a.input.organisations.map((o) => ({ ...o, organisationId: swap(o.organisationId) })),
      });
      const invalidIn = (a: PlannedActivity, errors: Record<string, string>) =>
        new ImportAborted(
          Object.entries(errors).map(([field, message]) => ({
            key: "import.errors.invalidField",
            values: { identifier: a.identifier, field, message },
          })),
        );
      // New projects in a constant number of statements per table (the benchmark's 500 activities: about 30 statements each before).
      const fresh = plan.activities.filter((a) => a.projectId === null);
      const made = await createImportedProjects(trx, audit, fresh.map(inputOf), { auditAction: "project.import" });
      if (!made.ok) throw invalidIn(fresh[made.index]!, made.errors);
      const freshIds = new Map(fresh.map((a, i) => [a, made.ids[i]!]));
      const sectorRowsOf = (projectId: number, a: PlannedActivity) => [
        ...new Map(
          a.iatiSectors.map((s, i) => [
            `${s.vocabulary}|${s.code}`,
            {
              project_id: projectId,
              vocabulary: s.vocabulary,
              code: s.code,
              percentage: s.percentage === null ? null : String(s.percentage),
              sort_order: i,
            },
          ]),
        ).values(),
      ];
      const freshSectors = fresh.flatMap((a) => sectorRowsOf(freshIds.get(a)!, a));
      for (let i = 0; i < freshSectors.length; i += 2000)
        await trx
          .insertInto("project_iati_sector")
          .values(freshSectors.slice(i, i + 2000))
          .execute();
      await insertFrameworks(
        trx,
        fresh.map((a) => ({ projectId: freshIds.get(a)!, framework: a.framework })),
      );
      const created = fresh.length;
      if (onProgress && total > 0) await onProgress(total + fresh.length, total * 2);
      for (const [index, a] of plan.activities.entries()) {
        if (onProgress && index % 10 === 9 && a.projectId !== null) await onProgress(total + index + 1, total * 2);
        const projectId = a.projectId ?? freshIds.get(a)!;
        if (a.projectId === null) {
          projectIds.push(projectId);
          continue;
        }
        if (a.action === "unchanged") {
          unchanged += 1;
          projectIds.push(projectId);
          continue;
        }
        const invalid = (errors: Record<string, string>) => invalidIn(a, errors);
        const result = await updateProject(trx, audit, projectId, inputOf(a), null, {
          auditAction: "project.import",
          isImport: true,
        });
        if (!result.ok) throw invalid(result.errors);
        updated += 1;
        await trx.deleteFrom("project_iati_sector").where("project_id", "=", projectId).execute();
        const sectorRows = sectorRowsOf(projectId, a);
        if (sectorRows.length) await trx.insertInto("project_iati_sector").values(sectorRows).execute();
        await replaceFramework(trx, projectId, a.framework);
        const status = await trx
          .selectFrom("project")
          .select("validation_status")
          .where("id", "=", projectId)
          .executeTakeFirstOrThrow();
        if (status.validation_status === "draft") {
          const submitted = await submitProject(trx, audit, projectId, { isImport: true });
          if (!submitted.ok) throw invalid(submitted.errors);
        }
        projectIds.push(projectId);
      }
      return { ok: true as const, created, updated, unchanged, organisationsCreated, projectIds };
    });
  } catch (error) {
    if (error instanceof ImportAborted) {
      const plan = await planIatiImport(db, audit.actor, xml, decisions).catch(() => null);
      return { ok: false, errors: error.issues, organisations: plan?.organisations ?? [] };
    }
    throw error;
  }
}

/**
 * The importer's decisions read from the preview form: for each unmatched organisation (`key` in
 * `org_<n>_key`), `org_<n>_choice` is "create" (with `org_<n>_type`, an IATI OrganisationType) or
 * an organisation id to link to. Anything malformed is ignored (the default decision stays).
 */
export function decisionsFromForm(form: FormData): Record<string, OrganisationDecision> {
  const out: Record<string, OrganisationDecision> = {};
  for (const [name, value] of form.entries()) {
    const match = /^org_(\d{1,4})_key$/.exec(name);
    if (!match || typeof value !== "string" || value.length > 600) continue;
    const choice = String(form.get(`org_${match[1]}_choice`) ?? "");
    if (choice === "create") {
      const typeCode = String(form.get(`org_${match[1]}_type`) ?? "");
      if (isOrganisationTypeCode(typeCode)) out[value] = { action: "create", typeCode };
    } else if (/^\d{1,9}$/.test(choice)) out[value] = { action: "link", organisationId: Number(choice) };
  }
  return out;
}

/** How long an uploaded file waits for confirmation. */
const PENDING_IMPORT_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Keeps an uploaded file until its uploader confirms or cancels the import (the confirmation is a
 * second request, and without JavaScript the browser cannot send the file twice). Older pending
 * files of anyone are dropped on the way. Only someone who may import (the Office, or someone who
 * registers projects for an organisation) may upload.
 */
export async function stageIatiImport(
  db: Db,
  audit: AuditContext,
  fileName: string,
  xml: string,
): Promise<{ ok: true; id: string } | { ok: false; status: 403 }> {
  const actor = audit.actor;
  if (actor.kind !== "user" || !projectsPolicy.can(actor, "project.importPage", null))
    return { ok: false, status: 403 };
  const id = crypto.randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom("project_import")
      .where((eb) =>
        eb.or([
          eb("created_at", "<", new Date(Date.now() - PENDING_IMPORT_TTL_MS)),
          eb.and([eb("user_id", "=", actor.userId), eb("job_id", "is", null)]),
        ]),
      )
      .execute();
    await trx
      .insertInto("project_import")
      .values({ id, user_id: actor.userId, file_name: fileName.slice(0, 200), xml })
      .execute();
    await recordAudit(trx, audit, {
      action: "project.import.upload",
      subjectType: "project_import",
      subjectId: id,
      after: { file_name: fileName.slice(0, 200), bytes: xml.length },
    });
  });
  return { ok: true, id };
}

/** A pending import as its uploader sees it. */
export interface PendingImport {
  id: string;
  fileName: string;
  xml: string;
  decisions: Record<string, OrganisationDecision>;
  jobId: number | null;
}

/** The uploader's pending file, or null (someone else's, expired or unknown). */
export async function loadPendingImport(db: Db, actor: Actor, id: string): Promise<PendingImport | null> {
  if (actor.kind !== "user" || !/^[0-9a-f-]{36}$/.test(id)) return null;
  const row = await db
    .selectFrom("project_import")
    .select(["id", "file_name", "xml", "decisions", "job_id"])
    .where("id", "=", id)
    .where("user_id", "=", actor.userId)
    .where("created_at", ">=", new Date(Date.now() - PENDING_IMPORT_TTL_MS))
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        fileName: row.file_name,
        xml: row.xml,
        decisions: (row.decisions ?? {}) as Record<string, OrganisationDecision>,
        jobId: row.job_id,
      }
    : null;
}

/** Remembers the importer's decisions on unmatched organisations for their pending file. */
export async function saveImportDecisions(
  db: Db,
  actor: Actor,
  id: string,
  decisions: Record<string, OrganisationDecision>,
): Promise<void> {
  if (actor.kind !== "user" || !/^[0-9a-f-]{36}$/.test(id)) return;
  await db
    .updateTable("project_import")
    .set({ decisions: JSON.stringify(decisions) as unknown as Record<string, unknown> })
    .where("id", "=", id)
    .where("user_id", "=", actor.userId)
    .execute();
}

/** Drops the uploader's pending file (after the import, or when they cancel). */
export async function discardPendingImport(db: Db, actor: Actor, id: string): Promise<void> {
  if (actor.kind !== "user" || !/^[0-9a-f-]{36}$/.test(id)) return;
  await db.deleteFrom("project_import").where("id", "=", id).where("user_id", "=", actor.userId).execute();
}

/** True when an import of this file is large enough to run as a background job. */
export function isLargeImport(xml: string): boolean {
  return (xml.match(/<iati-activity[\s>/]/g)?.length ?? 0) >= IATI_BACKGROUND_ACTIVITIES;
}
