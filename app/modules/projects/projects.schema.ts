import { z } from "zod";
import { isHttpUrl } from "#app/services/form-text.ts";
import type {
  ProjectActivityStatus,
  ProjectDisaggregation,
  ProjectIndicatorUnit,
  ProjectOrganisationRole,
} from "#app/db/tables/projects.ts";
import { optionalCodeParam } from "#app/services/code-params.ts";
import { idSchema, optionalIdSchema, parseId } from "#app/services/ids.ts";

/** IATI activity status codes 1–6, by the names the platform stores. */
export const ACTIVITY_STATUSES = [
  "pipeline",
  "implementation",
  "finalisation",
  "closed",
  "cancelled",
  "suspended",
] as const satisfies readonly ProjectActivityStatus[];
/** Statuses in which a project is under way (the ones the overlap check compares). */
export const ACTIVE_STATUSES: readonly ProjectActivityStatus[] = ["pipeline", "implementation"];
export const ORGANISATION_ROLES = [
  "funding",
  "accountable",
  "extending",
  "implementing",
  "partner",
] as const satisfies readonly ProjectOrganisationRole[];
export const INDICATOR_UNITS = [
  "count",
  "percent",
  "amount",
  "number",
] as const satisfies readonly ProjectIndicatorUnit[];
export const DISAGGREGATIONS = [
  "community",
  "gender",
  "beneficiary_type",
] as const satisfies readonly ProjectDisaggregation[];
export const GENDER_CATEGORIES = ["female", "male"] as const;
export const BENEFICIARY_TYPES = [
  "repatriated",
  "refugee",
  "displaced",
  "returnee",
  "host_community",
  "official",
  "other",
] as const;
/** The languages of the workspace forms. */
export const PROJECT_FORM_LOCALES = ["sq", "sr", "en"] as const;
type FormLocale = (typeof PROJECT_FORM_LOCALES)[number];

/** Extra empty rows each repeatable group offers, so a browser without JavaScript can add rows by saving. */
export const EMPTY_ROWS = { organisations: 3, finance: 3, contacts: 1, documents: 1 } as const;

const TOO_LONG = "projects:errors.tooLong";
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const text = (max: number) => z.string().trim().max(max, TOO_LONG);
const optionalDate = z.string().refine(isIsoDate, "projects:errors.dateInvalid").nullable();
const translated = (max: number) =>
  z.object({ sq: text(max).optional(), sr: text(max).optional(), en: text(max).optional() }).catchall(text(max));

/** A project as every source gives it (the form, an IATI file, the demo seed): validated by the same schema. */
export const ProjectInputSchema = z
  .object({
    ownerOrganisationId: z.number().int().positive("projects:errors.ownerRequired"),
    iatiIdentifier: z
      .string()
      .trim()
      .max(150, TOO_LONG)
      .regex(/^[A-Za-z0-9][A-Za-z0-9._\-/:]*$/, "projects:errors.identifierInvalid")
      .nullable(),
    title: translated(400).refine(
      (t) => Object.values(t).some((v) => v && v.length > 0),
      "projects:errors.titleRequired",
    ),
    description: translated(10_000),
    originalLocale: z.enum(["sq", "sr", "en", "tr", "bs", "rom"]),
    activityStatus: z.enum(ACTIVITY_STATUSES, "projects:errors.statusRequired"),
    plannedStart: z.string().refine(isIsoDate, "projects:errors.dateInvalid"),
    plannedEnd: z.string().refine(isIsoDate, "projects:errors.dateInvalid"),
    actualStart: optionalDate,
    actualEnd: optionalDate,
    budget: z
      .number()
      .nonnegative("projects:errors.amountInvalid")
      .max(1e13, "projects:errors.amountInvalid")
      .nullable(),
    currency: z.string().regex(/^[A-Z]{3}$/, "projects:errors.currencyInvalid"),
    sectors: z.array(z.string().regex(/^[a-z_]{1,40}$/)).max(40),
    communities: z.array(z.string().regex(/^[a-z_]{1,40}$/)).max(40),
    measureIds: z.array(z.number().int().positive()).max(200),
    municipalities: z
      .array(
        z.object({
          kasCode: z.string().regex(/^\d{2}$/),
          budgetShare: z
            .number()
            .gt(0, "projects:errors.shareInvalid")
            .max(100, "projects:errors.shareInvalid")
            .nullable(),
        }),
      )
      .max(38),
    organisations: z
      .array(z.object({ organisationId: z.number().int().positive(), role: z.enum(ORGANISATION_ROLES) }))
      .max(100),
    finance: z
      .array(
        z.object({
          year: z.number().int().min(1990).max(2100),
          kind: z.enum(["commitment", "disbursement"]),
          amount: z.number().nonnegative().max(1e13),
        }),
      )
      .max(200),
    contacts: z
      .array(
        z.object({
          name: text(200).min(1, "projects:errors.contactNameRequired"),
          organisationName: text(300).nullable(),
          email: z.email("projects:errors.emailInvalid").max(254).nullable(),
          phone: z
            .string()
            .regex(/^[+0-9][0-9 ()\-./]{2,49}$/, "projects:errors.phoneInvalid")
            .nullable(),
        }),
      )
      .max(20),
    documents: z
      .array(
        z.object({
          kind: z.enum(["document", "photo"]),
          title: text(300).min(1, "projects:errors.documentTitleRequired"),
          url: z.string().max(1000).refine(isHttpUrl, "projects:errors.urlInvalid"),
        }),
      )
      .max(50),
  })
  .superRefine((p, ctx) => {
    if (p.plannedEnd < p.plannedStart)
      ctx.addIssue({ code: "custom", path: ["plannedEnd"], message: "projects:errors.endBeforeStart" });
    if (p.actualStart && p.actualEnd && p.actualEnd < p.actualStart)
      ctx.addIssue({ code: "custom", path: ["actualEnd"], message: "projects:errors.endBeforeStart" });
    const shares = p.municipalities.map((m) => m.budgetShare).filter((s): s is number => s !== null);
    if (shares.reduce((a, b) => a + b, 0) > 100.001)
      ctx.addIssue({ code: "custom", path: ["municipalities"], message: "projects:errors.sharesOver100" });
    if (!p.organisations.some((o) => o.role === "funding"))
      ctx.addIssue({ code: "custom", path: ["organisations"], message: "projects:errors.funderRequired" });
    const seenFinance = new Set<string>();
    for (const f of p.finance) {
      const key = `${f.year}-${f.kind}`;
      if (seenFinance.has(key))
        ctx.addIssue({ code: "custom", path: ["finance"], message: "projects:errors.financeYearTwice" });
      seenFinance.add(key);
    }
    if (new Set(p.municipalities.map((m) => m.kasCode)).size !== p.municipalities.length)
      ctx.addIssue({ code: "custom", path: ["municipalities"], message: "projects:errors.duplicate" });
  });

export type ProjectInput = z.infer<typeof ProjectInputSchema>;

/** The submitted form's raw values: single strings or lists. */
export type RawForm = Record<string, string | string[] | undefined>;

/** Reads a submitted FormData into the raw map (lists where a name repeats). */
export function rawFormOf(form: FormData): RawForm {
  const raw: RawForm = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key).filter((v): v is string => typeof v === "string");
    raw[key] = all.length > 1 ? all : all[0];
  }
  return raw;
}

function one(raw: RawForm, name: string): string {
  const value = raw[name];
  return (Array.isArray(value) ? (value[0] ?? "") : (value ?? "")).trim();
}

function many(raw: RawForm, name: string): string[] {
  const value = raw[name];
  return (value === undefined ? [] : Array.isArray(value) ? value : [value]).map((v) => v.trim()).filter(Boolean);
}

/** Parses a decimal typed with a comma or a point ("12 500,50" or "12500.50"); null when empty, NaN when not a number. */
export function parseDecimal(value: string): number | null {
  const compact = value.replace(/[\s\u00a0\u202f']/g, "");
  if (compact === "") return null;
  if (!/^-?\d+([.,]\d+)?$/.test(compact)) return Number.NaN;
  return Number(compact.replace(",", "."));
}

/** Row indexes present in the form for a group prefix (`org_0_id` → 0). */
function rowIndexes(raw: RawForm, prefix: string): number[] {
  const found = new Set<number>();
  const pattern = new RegExp(`^${prefix}_(\\d{1,3})_`);
  for (const key of Object.keys(raw)) {
    const match = pattern.exec(key);
    if (match) found.add(Number(match[1]));
  }
  return [...found].sort((a, b) => a - b);
}

/** The result of reading the project form: the input to validate, or field errors found while reading. */
export type ProjectFormResult =
  { ok: true; input: ProjectInput; version: number | null } | { ok: false; errors: Record<string, string> };

/**
 * Reads the project form into a project input, then validates it with the shared schema. Errors are
 * keyed by the form's field names (`org_2_role`, `share_20`, `fin_1_year`…) so the page can mark the
 * very field.
 */
export function parseProjectForm(raw: RawForm): ProjectFormResult {
  const errors: Record<string, string> = {};
  const title: Record<string, string> = {};
  const description: Record<string, string> = {};
  for (const locale of PROJECT_FORM_LOCALES) {
    const suffix = locale[0]!.toUpperCase() + locale.slice(1);
    const t = one(raw, `title${suffix}`);
    const d = one(raw, `description${suffix}`);
    if (t) title[locale] = t;
    if (d) description[locale] = d;
  }
  const number = (name: string, message = "projects:errors.amountInvalid"): number | null => {
    const value = parseDecimal(one(raw, name));
    if (value !== null && Number.isNaN(value)) {
      errors[name] = message;
      return null;
    }
    return value;
  };
  const owner = Number(one(raw, "ownerOrganisationId"));
  const budget = number("budget");
  const municipalities = many(raw, "municipalities").map((kasCode) => ({
    kasCode,
    budgetShare: number(`share_${kasCode}`, "projects:errors.shareInvalid"),
  }));
  const organisations: ProjectInput["organisations"] = [];
  for (const i of rowIndexes(raw, "org")) {
    const id = one(raw, `org_${i}_id`);
    const role = one(raw, `org_${i}_role`);
    if (!id && !role) continue;
    const organisationId = parseId(id);
    if (organisationId === null) errors[`org_${i}_id`] = "projects:errors.organisationRequired";
    else if (!(ORGANISATION_ROLES as readonly string[]).includes(role))
      errors[`org_${i}_role`] = "projects:errors.roleRequired";
    else organisations.push({ organisationId, role: role as ProjectInput["organisations"][number]["role"] });
  }
  const finance: ProjectInput["finance"] = [];
  for (const i of rowIndexes(raw, "fin")) {
    const yearText = one(raw, `fin_${i}_year`);
    const commitment = number(`fin_${i}_commitment`);
    const disbursement = number(`fin_${i}_disbursement`);
    if (!yearText && commitment === null && disbursement === null) continue;
    const year = Number(yearText);
    if (!/^\d{4}$/.test(yearText) || year < 1990 || year > 2100) {
      errors[`fin_${i}_year`] = "projects:errors.yearInvalid";
      continue;
    }
    if (finance.some((f) => f.year === year)) errors[`fin_${i}_year`] = "projects:errors.financeYearTwice";
    if (commitment !== null) finance.push({ year, kind: "commitment", amount: commitment });
    if (disbursement !== null) finance.push({ year, kind: "disbursement", amount: disbursement });
  }
  const contacts: ProjectInput["contacts"] = [];
  for (const i of rowIndexes(raw, "contact")) {
    const row = {
      name: one(raw, `contact_${i}_name`),
      organisationName: one(raw, `contact_${i}_organisation`) || null,
      email: one(raw, `contact_${i}_email`) || null,
      phone: one(raw, `contact_${i}_phone`) || null,
    };
    if (!row.name && !row.organisationName && !row.email && !row.phone) continue;
    contacts.push(row);
  }
  const documents: ProjectInput["documents"] = [];
  for (const i of rowIndexes(raw, "doc")) {
    const row = {
      kind: one(raw, `doc_${i}_kind`) === "photo" ? ("photo" as const) : ("document" as const),
      title: one(raw, `doc_${i}_title`),
      url: one(raw, `doc_${i}_url`),
    };
    if (!row.title && !row.url) continue;
    documents.push(row);
  }
  const originalLocale = (PROJECT_FORM_LOCALES as readonly string[]).includes(one(raw, "originalLocale"))
    ? (one(raw, "originalLocale") as FormLocale)
    : ((Object.keys(title)[0] as FormLocale | undefined) ?? "en");
  const candidate = {
    ownerOrganisationId: Number.isInteger(owner) ? owner : 0,
    iatiIdentifier: one(raw, "iatiIdentifier") || null,
    title,
    description,
    originalLocale,
    activityStatus: one(raw, "activityStatus"),
    plannedStart: one(raw, "plannedStart"),
    plannedEnd: one(raw, "plannedEnd"),
    actualStart: one(raw, "actualStart") || null,
    actualEnd: one(raw, "actualEnd") || null,
    budget,
    currency: one(raw, "currency").toUpperCase() || "EUR",
    sectors: [...new Set(many(raw, "sectors"))].sort(),
    communities: [...new Set(many(raw, "communities"))].sort(),
    measureIds: [...new Set(many(raw, "measures").map(Number))]
      .filter((n) => Number.isInteger(n) && n > 0)
      .sort((a, b) => a - b),
    municipalities,
    organisations,
    finance,
    contacts,
    documents,
  };
  const parsed = ProjectInputSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = formFieldOf(issue.path, candidate);
      errors[field] ??= /^[a-z-]+:[\w.]+$/.test(issue.message) ? issue.message : "core:form.invalid";
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  const versionText = one(raw, "version");
  return { ok: true, input: parsed.data, version: versionText ? Number(versionText) : null };
}

/** The form field an issue of the structured input belongs to. */
function formFieldOf(
  path: PropertyKey[],
  candidate: { municipalities: { kasCode: string }[]; contacts: unknown[]; documents: unknown[] },
): string {
  const [head, index, leaf] = path;
  if (head === "title") return "titleSq";
  if (head === "description") return "descriptionSq";
  if (head === "ownerOrganisationId") return "ownerOrganisationId";
  if (head === "municipalities" && typeof index === "number")
    return `share_${candidate.municipalities[index]?.kasCode ?? ""}`;
  if (head === "organisations") return typeof index === "number" ? `org_${index}_id` : "org_0_id";
  if (head === "finance") return "fin_0_year";
  if (head === "contacts" && typeof index === "number")
    return `contact_${index}_${leaf === "organisationName" ? "organisation" : String(leaf ?? "name")}`;
  if (head === "documents" && typeof index === "number") return `doc_${index}_${String(leaf ?? "title")}`;
  return String(head ?? "form");
}

/** Rows of the public table per page (the pages' components need it too, so it lives outside the server modules). */
export const PROJECTS_PAGE_SIZE = 25;

/** The filters of the public lists, the 3W view and the API (all optional). */
export const ProjectFilterSchema = z.object({
  sector: optionalCodeParam(),
  municipality: z
    .string()
    .regex(/^\d{2}$/)
    .optional()
    .catch(undefined),
  community: optionalCodeParam(),
  donor: optionalIdSchema().catch(undefined),
  year: z.coerce.number().int().min(1990).max(2100).optional().catch(undefined),
  status: z.enum(ACTIVITY_STATUSES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type ProjectFilter = z.infer<typeof ProjectFilterSchema>;

/** Reads the filters from a query string; anything unreadable is ignored (a public page never fails on a bad link). */
export function parseProjectFilter(params: URLSearchParams): ProjectFilter {
  const raw: Record<string, string> = {};
  for (const key of ["sector", "municipality", "community", "donor", "year", "status", "page"]) {
    const value = params.get(key);
    if (value) raw[key] = value;
  }
  return ProjectFilterSchema.parse(raw);
}

/** A result (outcome or output) as the results form sends it. */
export const ResultFormSchema = z
  .object({
    kind: z.enum(["outcome", "output"], "projects:errors.kindRequired"),
    parentId: z.preprocess(
      (v) => (v === "" || v === undefined ? null : Number(v)),
      z.number().int().positive().nullable(),
    ),
    titleSq: z.string().trim().max(400, TOO_LONG).optional().default(""),
    titleSr: z.string().trim().max(400, TOO_LONG).optional().default(""),
    titleEn: z.string().trim().max(400, TOO_LONG).optional().default(""),
  })
  .superRefine((r, ctx) => {
    if (!r.titleSq && !r.titleSr && !r.titleEn)
      ctx.addIssue({ code: "custom", path: ["titleSq"], message: "projects:errors.titleRequired" });
    if (r.kind === "output" && r.parentId === null)
      ctx.addIssue({ code: "custom", path: ["parentId"], message: "projects:errors.outcomeRequired" });
  });

/** An indicator as the results form sends it. */
export const IndicatorFormSchema = z
  .object({
    resultId: idSchema("projects:errors.resultRequired"),
    nameSq: z.string().trim().max(400, TOO_LONG).optional().default(""),
    nameSr: z.string().trim().max(400, TOO_LONG).optional().default(""),
    nameEn: z.string().trim().max(400, TOO_LONG).optional().default(""),
    unit: z.enum(INDICATOR_UNITS, "projects:errors.unitRequired"),
    baselineValue: z.preprocess(
      (v) => (typeof v === "string" ? parseDecimal(v) : null),
      z.number("projects:errors.amountInvalid").nullable(),
    ),
    baselineYear: z.preprocess(
      (v) => (v === "" || v === undefined ? null : Number(v)),
      z
        .number("projects:errors.yearInvalid")
        .int("projects:errors.yearInvalid")
        .min(1990, "projects:errors.yearInvalid")
        .max(2100, "projects:errors.yearInvalid")
        .nullable(),
    ),
    disaggregations: z
      .preprocess(
        (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
        z.array(z.enum(DISAGGREGATIONS)),
      )
      .transform((list) => [...new Set(list)].sort()),
  })
  .superRefine((r, ctx) => {
    if (!r.nameSq && !r.nameSr && !r.nameEn)
      ctx.addIssue({ code: "custom", path: ["nameSq"], message: "projects:errors.titleRequired" });
  });

/** The categories each disaggregation offers (communities come from the reference data). */
export function disaggregationCategories(
  dimension: ProjectDisaggregation,
  communities: readonly string[],
): readonly string[] {
  if (dimension === "community") return communities;
  if (dimension === "gender") return GENDER_CATEGORIES;
  return BENEFICIARY_TYPES;
}
