import { sql, type Insertable, type Updateable } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import { insertRows } from "#app/db/insert-rows.server.ts";
import type { Database, TranslatedText } from "#app/db/schema.ts";
import type {
  DisaggregatedValue,
  ProjectDisaggregation,
  ProjectIndicatorUnit,
  ProjectOverlapDecision,
  ProjectPeriodStatus,
  ProjectResultKind,
} from "#app/db/tables/projects.ts";
import { recordAudit, recordAudits, type AuditContext, type AuditEntry } from "#app/services/audit.server.ts";
import { type CommandFailure, inTransaction, invalidInput, type Trx } from "#app/services/commands.server.ts";
import type { FieldIssue } from "#app/services/form-errors.ts";
import {
  normaliseForSearch,
  removeSearchEntry,
  type SearchEntryInput,
  upsertSearchEntry,
} from "#app/services/search-index.server.ts";
import { projectsPolicy, type ProjectSubject } from "./projects.policy.ts";
import { refreshOverlapsOf, refreshOverlapsOfMany } from "./overlaps.server.ts";
import { loadProjectInput, type PeriodValues } from "./projects.queries.server.ts";
import { ProjectInputSchema, type ProjectInput } from "./projects.schema.ts";

const FORBIDDEN: CommandFailure = { ok: false, status: 403, errors: { form: "projects:errors.forbidden" } };
const NOT_FOUND: CommandFailure = { ok: false, status: 404, errors: { form: "projects:errors.notFound" } };

/**
 * The refusal of an action on a project: 403 to someone who may see the project, 404 to anyone
 * else, so that a refusal never tells whether another organisation's draft exists (issue 12).
 */
function refusal(actor: AuditContext["actor"], subject: ProjectSubject): CommandFailure {
  return projectsPolicy.can(actor, "project.read", subject) ? FORBIDDEN : NOT_FOUND;
}
const EDITED_BY_OTHERS: CommandFailure = { ok: false, status: 409, errors: { form: "projects:errors.editedByOthers" } };

/** A 400 with the errors by field, a nested value's field named by its whole path (`finance_0_amount`). */
function invalid(issues: readonly FieldIssue[]): CommandFailure {
  return invalidInput(issues, (path) => path.map(String).join("_") || "form");
}

/** The project's policy subject, locked for the rest of the transaction. */
async function lockProject(trx: Trx, id: number): Promise<(ProjectSubject & { version: number }) | null> {
  const row = await trx
    .selectFrom("project")
    .select(["owner_organisation_id", "validation_status", "version"])
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  return row
    ? { ownerOrganisationId: row.owner_organisation_id, validationStatus: row.validation_status, version: row.version }
    : null;
}

/** The actions on one project that its commands check on the locked project. */
type ProjectRecordAction = "project.update" | "project.approveValues" | "project.comment";

/**
 * The project locked for an action on it: its policy subject and version, or the refusal (404 when there is no
 * such project; else `refusal`'s 403 or 404 when the actor may not). An import (`project.import`) is decided by
 * the project's owner organisation alone.
 */
export async function lockProjectFor(
  trx: Trx,
  actor: AuditContext["actor"],
  id: number,
  action: ProjectRecordAction | "project.import",
): Promise<(ProjectSubject & { version: number }) | CommandFailure> {
  const subject = await lockProject(trx, id);
  if (!subject) return NOT_FOUND;
  const allowed =
    action === "project.import"
      ? projectsPolicy.can(actor, action, { organisationId: subject.ownerOrganisationId })
      : projectsPolicy.can(actor, action, subject);
  if (!allowed) return refusal(actor, subject);
  return subject;
}

/** What a project's change is checked against: the import rule when an IATI import writes, else `project.update`. */
function changeActionOf(options: Pick<SaveOptions, "isImport">): "project.import" | "project.update" {
  return options.isImport ? "project.import" : "project.update";
}

/**
 * A command that adds to or records in a project's results framework, called `(db, audit, projectId, ...args)`: in
 * one transaction, the project locked for an actor who may update it (`lockProjectFor`; else its refusal), then
 * `write`, then the audit entry `write` gives for the row it wrote; answers that row's id.
 */
function frameworkCommand<A extends unknown[]>(
  write: (
    trx: Trx,
    projectId: number,
    ...args: A
  ) => Promise<{ id: number; entry: Pick<AuditEntry, "action" | "before" | "after"> } | CommandFailure>,
) {
  return (
    db: Db,
    audit: AuditContext,
    projectId: number,
    ...args: A
  ): Promise<{ ok: true; id: number } | CommandFailure> =>
    inTransaction(db, async (trx) => {
      const subject = await lockProjectFor(trx, audit.actor, projectId, "project.update");
      if ("ok" in subject) return subject;
      const written = await write(trx, projectId, ...args);
      if ("ok" in written) return written;
      await auditProject(trx, audit, projectId, subject.ownerOrganisationId, written.entry);
      return { ok: true as const, id: written.id };
    });
}

/** Sets a project's columns one version on (its `version` and `updated_at`); returns the new version. */
async function updateProjectRow(trx: Db, projectId: number, columns: Updateable<Database["project"]>): Promise<number> {
  const row = await trx
    .updateTable("project")
    .set((eb) => ({ ...columns, version: eb("version", "+", 1), updated_at: new Date() }))
    .where("id", "=", projectId)
    .returning("version")
    .executeTakeFirstOrThrow();
  return row.version;
}

/** The normalised text the overlap check compares: every title and description. */
export function matchTextOf(title: TranslatedText, description: TranslatedText): string {
  const texts = (t: TranslatedText) =>
    Object.entries(t).flatMap(([k, v]) => (k === "machine" || typeof v !== "string" ? [] : [v]));
  return normaliseForSearch([...texts(title), ...texts(description)].join(" ")).slice(0, 4000);
}

/** Checks that everything the input names exists (one query); errors keyed by field. */
async function checkReferences(trx: Db, input: ProjectInput): Promise<Record<string, string>> {
  const organisationIds = [
    ...new Set([input.ownerOrganisationId, ...input.organisations.map((o) => o.organisationId)]),
  ];
  const kasCodes = input.municipalities.map((m) => m.kasCode);
  const row = await trx
    .selectNoFrom([
      sql<number>`(select count(*)::int from organisation where id in (${sql.join(organisationIds)}))`.as(
        "organisations",
      ),
      sql<number>`(select count(*)::int from sector where code = any(${input.sectors}::text[]))`.as("sectors"),
      sql<number>`(select count(*)::int from community where code = any(${input.communities}::text[]))`.as(
        "communities",
      ),
      sql<number>`(select count(*)::int from municipality where kas_code = any(${kasCodes}::text[]))`.as(
        "municipalities",
      ),
      sql<number>`(select count(*)::int from measure where id = any(${input.measureIds}::int[]))`.as("measures"),
    ])
    .executeTakeFirstOrThrow();
  const errors: Record<string, string> = {};
  if (Number(row.organisations) !== organisationIds.length)
    errors.organisations = "projects:errors.organisationUnknown";
  if (Number(row.sectors) !== input.sectors.length) errors.sectors = "projects:errors.codeUnknown";
  if (Number(row.communities) !== input.communities.length) errors.communities = "projects:errors.codeUnknown";
  if (Number(row.municipalities) !== kasCodes.length) errors.municipalities = "projects:errors.codeUnknown";
  if (Number(row.measures) !== input.measureIds.length) errors.measures = "projects:errors.codeUnknown";
  return errors;
}

/** The project row's own columns from its input (the registry's commands and the demo seed). */
export function columnsOf(input: ProjectInput) {
  return {
    iati_identifier: input.iatiIdentifier,
    title: input.title as TranslatedText,
    description: input.description as TranslatedText,
    original_locale: input.originalLocale,
    owner_organisation_id: input.ownerOrganisationId,
    activity_status: input.activityStatus,
    planned_start: input.plannedStart,
    planned_end: input.plannedEnd,
    actual_start: input.actualStart,
    actual_end: input.actualEnd,
    budget: input.budget === null ? null : input.budget.toFixed(2),
    currency: input.currency,
    match_text: matchTextOf(input.title, input.description),
  };
}

/** The tables of a project's lists, in the order they are written. */
const CHILD_TABLES = [
  "project_organisation",
  "project_sector",
  "project_community",
  "project_municipality",
  "project_finance",
  "project_measure",
  "project_contact",
  "project_document",
] as const;
type ChildTable = (typeof CHILD_TABLES)[number];
type ChildRows = { [T in ChildTable]: Insertable<Database[T]>[] };

/** The rows of a project's lists (organisations with their roles, sectors, … documents), by table. */
function childRowsOf(projectId: number, input: ProjectInput): ChildRows {
  return {
    project_organisation: [
      ...new Map(input.organisations.map((o) => [`${o.organisationId}-${o.role}`, o])).values(),
    ].map((o) => ({ project_id: projectId, organisation_id: o.organisationId, role: o.role })),
    project_sector: input.sectors.map((code) => ({ project_id: projectId, sector_code: code })),
    project_community: input.communities.map((code) => ({ project_id: projectId, community_code: code })),
    project_municipality: input.municipalities.map((m) => ({
      project_id: projectId,
      kas_code: m.kasCode,
      budget_share: m.budgetShare === null ? null : m.budgetShare.toFixed(2),
    })),
    project_finance: input.finance.map((f) => ({
      project_id: projectId,
      year: f.year,
      kind: f.kind,
      amount: f.amount.toFixed(2),
    })),
    project_measure: input.measureIds.map((id) => ({ project_id: projectId, measure_id: id })),
    project_contact: input.contacts.map((c, i) => ({
      project_id: projectId,
      name: c.name,
      organisation_name: c.organisationName,
      email: c.email,
      phone: c.phone,
      sort_order: i,
    })),
    project_document: input.documents.map((d, i) => ({
      project_id: projectId,
      kind: d.kind,
      title: d.title,
      url: d.url,
      sort_order: i,
    })),
  };
}

/** Writes a new project's lists: one insert per table that has rows (the registry's commands and the demo seed). */
export async function insertChildren(trx: Db, projectId: number, input: ProjectInput): Promise<void> {
  const rows = childRowsOf(projectId, input);
  const insert = <T extends ChildTable>(table: T) => insertRows(trx, table, rows[table]);
  for (const table of CHILD_TABLES) await insert(table);
}

async function replaceChildren(trx: Db, projectId: number, input: ProjectInput): Promise<void> {
  for (const table of CHILD_TABLES) {
    await trx.deleteFrom(table).where("project_id", "=", projectId).execute();
  }
  await insertChildren(trx, projectId, input);
}

/** True when another project already carries this IATI identifier. */
async function identifierTaken(trx: Db, identifier: string | null, exceptId: number | null): Promise<boolean> {
  if (!identifier) return false;
  let query = trx.selectFrom("project").select("id").where("iati_identifier", "=", identifier);
  if (exceptId !== null) query = query.where("id", "<>", exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

/** Options of the registry commands used by the seed and the IATI import. */
export interface SaveOptions {
  isDemo?: boolean;
  /** The audit action (e.g. `project.import`). */
  auditAction?: string;
  /** True when an IATI import writes: the `project.import` rule decides (the Office may import for any organisation). */
  isImport?: boolean;
}

/** Records an audit entry on a project, under the organisation it was written for (none for the Office's own acts). */
async function auditProject(
  trx: Db,
  audit: AuditContext,
  projectId: number,
  organisationId: number | null,
  entry: Pick<AuditEntry, "action" | "before" | "after">,
): Promise<void> {
  await recordAudit(trx, audit, { ...entry, subjectType: "project", subjectId: projectId, organisationId });
}

/** Runs `write` over `rows` in slices, so that no statement nears PostgreSQL's 65,535 parameters. */
async function inSlices<T>(rows: T[], write: (slice: T[]) => Promise<unknown>, size = 2000): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

/**
 * Registers many new projects at once and sends them to the Office (an IATI import of hundreds of
 * activities, issue 14): for each, what `createProject` followed by `submitProject` does — the
 * schema, the `project.import` rule, every code and organisation it names, its IATI identifier not
 * taken, the project with its lists, the audit entries `project.import` and `project.submit`, the
 * overlap queue — but in a constant number of statements per table instead of about thirty per
 * project. Runs in the caller's transaction;
 * the first refusal is returned with the position of the input and nothing is left half-written
 * by the caller's rollback.
 */
export async function createImportedProjects(
  trx: Db,
  audit: AuditContext,
  inputs: ProjectInput[],
  options: Pick<SaveOptions, "auditAction"> = {},
): Promise<{ ok: true; ids: number[] } | (CommandFailure & { index: number })> {
  if (inputs.length === 0) return { ok: true, ids: [] };
  const data: ProjectInput[] = [];
  for (const [index, input] of inputs.entries()) {
    const parsed = ProjectInputSchema.safeParse(input);
    if (!parsed.success) return { ...invalid(parsed.error.issues), index };
    if (!projectsPolicy.can(audit.actor, "project.import", { organisationId: parsed.data.ownerOrganisationId }))
      return { ...FORBIDDEN, index };
    data.push(parsed.data);
  }
  // What exists, in one statement for all inputs; then each input is checked as checkReferences does.
  const known = await trx
    .selectNoFrom([
      sql<
        number[]
      >`(select coalesce(array_agg(id), '{}') from organisation where id = any(${[...new Set(data.flatMap((d) => [d.ownerOrganisationId, ...d.organisations.map((o) => o.organisationId)]))]}::int[]))`.as(
        "organisations",
      ),
      sql<string[]>`(select coalesce(array_agg(code), '{}') from sector)`.as("sectors"),
      sql<string[]>`(select coalesce(array_agg(code), '{}') from community)`.as("communities"),
      sql<string[]>`(select coalesce(array_agg(kas_code), '{}') from municipality)`.as("municipalities"),
      sql<
        number[]
      >`(select coalesce(array_agg(id), '{}') from measure where id = any(${[...new Set(data.flatMap((d) => d.measureIds))]}::int[]))`.as(
        "measures",
      ),
      sql<
        string[]
      >`(select coalesce(array_agg(iati_identifier), '{}') from project where iati_identifier = any(${data.flatMap((d) => (d.iatiIdentifier ? [d.iatiIdentifier] : []))}::text[]))`.as(
        "taken",
      ),
    ])
    .executeTakeFirstOrThrow();
  const sets = {
    organisations: new Set(known.organisations.map(Number)),
    sectors: new Set(known.sectors),
    communities: new Set(known.communities),
    municipalities: new Set(known.municipalities),
    measures: new Set(known.measures.map(Number)),
    taken: new Set(known.taken),
  };
  const seen = new Set<string>();
  for (const [index, d] of data.entries()) {
    const errors: Record<string, string> = {};
    if (
      ![d.ownerOrganisationId, ...d.organisations.map((o) => o.organisationId)].every((id) =>
        sets.organisations.has(id),
      )
    )
      errors.organisations = "projects:errors.organisationUnknown";
    if (!d.sectors.every((c) => sets.sectors.has(c))) errors.sectors = "projects:errors.codeUnknown";
    if (!d.communities.every((c) => sets.communities.has(c))) errors.communities = "projects:errors.codeUnknown";
    if (!d.municipalities.every((m) => sets.municipalities.has(m.kasCode)))
      errors.municipalities = "projects:errors.codeUnknown";
    if (!d.measureIds.every((id) => sets.measures.has(id))) errors.measures = "projects:errors.codeUnknown";
    if (d.iatiIdentifier && (sets.taken.has(d.iatiIdentifier) || seen.has(d.iatiIdentifier)))
      errors.iatiIdentifier = "projects:errors.identifierTaken";
    if (d.iatiIdentifier) seen.add(d.iatiIdentifier);
    if (Object.keys(errors).length) return { ok: false, status: 400, errors, index };
  }
  const createdBy = audit.actor.kind === "user" ? audit.actor.userId : null;
  const now = new Date();
  const ids: number[] = [];
  // Rows come back in the order of VALUES (PostgreSQL inserts and returns them in that order).
  await inSlices(
    data,
    async (slice) => {
      const rows = await trx
        .insertInto("project")
        .values(
          slice.map((d) => ({
            ...columnsOf(d),
            validation_status: "submitted" as const,
            submitted_at: now,
            created_by: createdBy,
          })),
        )
        .returning("id")
        .execute();
      ids.push(...rows.map((r) => r.id));
    },
    1000,
  );
  const childRows = data.map((d, i) => childRowsOf(ids[i]!, d));
  const insertAll = <T extends ChildTable>(table: T) =>
    inSlices(
      childRows.flatMap((rows): Insertable<Database[T]>[] => rows[table]),
      (slice) => insertRows(trx, table, slice),
    );
  for (const table of CHILD_TABLES) await insertAll(table);
  await refreshOverlapsOfMany(trx, ids);
  await recordAudits(
    trx,
    audit,
    data.flatMap((d, i) => [
      {
        action: options.auditAction ?? "project.create",
        subjectType: "project",
        subjectId: ids[i]!,
        before: null,
        after: { ...d },
        organisationId: d.ownerOrganisationId,
      },
      {
        action: "project.submit",
        subjectType: "project",
        subjectId: ids[i]!,
        before: { validation_status: "draft" },
        after: { validation_status: "submitted" },
        organisationId: d.ownerOrganisationId,
      },
    ]),
  );
  return { ok: true, ids };
}

/**
 * Registers a project for one of the actor's organisations, as a draft: validates it, checks every
 * code and organisation it names, writes it with its lists and records the audit entry in one
 * transaction.
 */
export async function createProject(
  db: Db,
  audit: AuditContext,
  input: ProjectInput,
  options: SaveOptions = {},
): Promise<{ ok: true; id: number } | CommandFailure> {
  const parsed = ProjectInputSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues);
  const data = parsed.data;
  if (
    !(options.isImport
      ? projectsPolicy.can(audit.actor, "project.import", { organisationId: data.ownerOrganisationId })
      : projectsPolicy.can(audit.actor, "project.create", { organisationId: data.ownerOrganisationId }))
  )
    return FORBIDDEN;
  return inTransaction(db, async (trx) => {
    const errors = await checkReferences(trx, data);
    if (await identifierTaken(trx, data.iatiIdentifier, null))
      errors.iatiIdentifier = "projects:errors.identifierTaken";
    if (Object.keys(errors).length) return { ok: false, status: 400, errors } satisfies CommandFailure;
    const { id } = await trx
      .insertInto("project")
      .values({
        ...columnsOf(data),
        is_demo: options.isDemo ?? false,
        created_by: audit.actor.kind === "user" ? audit.actor.userId : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await replaceChildren(trx, id, data);
    await auditProject(trx, audit, id, data.ownerOrganisationId, {
      action: options.auditAction ?? "project.create",
      before: null,
      after: { ...data },
    });
    return { ok: true as const, id };
  });
}

/**
 * Saves an edited project if nobody changed it since the editor loaded it (`version`), else 409.
 * A validated project that is changed goes back to the Office ("submitted") and leaves the public
 * pages and the search index until it is validated again.
 */
export async function updateProject(
  db: Db,
  audit: AuditContext,
  projectId: number,
  input: ProjectInput,
  version: number | null,
  options: SaveOptions = {},
): Promise<{ ok: true; version: number } | CommandFailure> {
  const parsed = ProjectInputSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues);
  const data = parsed.data;
  return inTransaction(db, async (trx) => {
    const subject = await lockProjectFor(trx, audit.actor, projectId, changeActionOf(options));
    if ("ok" in subject) return subject;
    if (data.ownerOrganisationId !== subject.ownerOrganisationId)
      return {
        ok: false as const,
        status: 400 as const,
        errors: { ownerOrganisationId: "projects:errors.ownerLocked" },
      };
    if (version !== null && version !== subject.version) return EDITED_BY_OTHERS;
    const errors = await checkReferences(trx, data);
    if (await identifierTaken(trx, data.iatiIdentifier, projectId))
      errors.iatiIdentifier = "projects:errors.identifierTaken";
    if (Object.keys(errors).length) return { ok: false as const, status: 400 as const, errors };
    const before = await loadProjectInput(trx, projectId);
    const wasValidated = subject.validationStatus === "validated";
    const newVersion = await updateProjectRow(trx, projectId, {
      ...columnsOf(data),
      ...(wasValidated ? { validation_status: "submitted" as const, submitted_at: new Date() } : {}),
    });
    await replaceChildren(trx, projectId, data);
    if (wasValidated) await removeSearchEntry(trx, "project", projectId);
    await refreshOverlapsOf(trx, projectId);
    const {
      version: _beforeVersion,
      validationStatus: beforeStatus,
      ...beforeData
    } = before ?? { version: 0, validationStatus: "draft" };
    await auditProject(trx, audit, projectId, subject.ownerOrganisationId, {
      action: options.auditAction ?? "project.update",
      before: { ...beforeData, validationStatus: beforeStatus },
      after: { ...data, validationStatus: wasValidated ? "submitted" : beforeStatus },
    });
    return { ok: true as const, version: newVersion };
  });
}

/** Sends a draft project to the Office for validation. */
export async function submitProject(
  db: Db,
  audit: AuditContext,
  projectId: number,
  options: Pick<SaveOptions, "isImport"> = {},
): Promise<{ ok: true } | CommandFailure> {
  return inTransaction(db, async (trx) => {
    const subject = await lockProjectFor(trx, audit.actor, projectId, changeActionOf(options));
    if ("ok" in subject) return subject;
    if (subject.validationStatus !== "draft")
      return { ok: false as const, status: 409 as const, errors: { form: "projects:errors.notADraft" } };
    await updateProjectRow(trx, projectId, { validation_status: "submitted", submitted_at: new Date() });
    await refreshOverlapsOf(trx, projectId);
    await auditProject(trx, audit, projectId, subject.ownerOrganisationId, {
      action: "project.submit",
      before: { validation_status: "draft" },
      after: { validation_status: "submitted" },
    });
    return { ok: true as const };
  });
}

/** The public search entry of a validated project (path `projects/<id>`; the registry and the demo seed). */
export function projectSearchEntryOf(projectId: number, input: ProjectInput): SearchEntryInput {
  return {
    kind: "project",
    refId: projectId,
    title: input.title,
    summary: input.description,
    path: `projects/${projectId}`,
    originalLocale: input.originalLocale,
    sectors: input.sectors,
    municipalities: input.municipalities.map((m) => m.kasCode),
    communities: input.communities,
    publishedAt: new Date(),
    isPublic: true,
  };
}

/** Indexes a validated project for search. */
async function indexProject(trx: Db, projectId: number): Promise<void> {
  const input = await loadProjectInput(trx, projectId);
  if (!input) return;
  await upsertSearchEntry(trx, projectSearchEntryOf(projectId, input));
}

/**
 * The Office's decision on a submitted project: validate (it becomes public and searchable) or
 * send it back to its organisation as a draft, with a comment saying why.
 */
export async function validateProject(
  db: Db,
  audit: AuditContext,
  projectId: number,
  decision: "validate" | "return",
  comment: string | null,
): Promise<{ ok: true } | CommandFailure> {
  return inTransaction(db, async (trx) => {
    const subject = await lockProject(trx, projectId);
    if (!subject) return NOT_FOUND;
    if (!projectsPolicy.can(audit.actor, "project.validate", subject)) {
      if (!projectsPolicy.can(audit.actor, "project.read", subject)) return NOT_FOUND;
      return subject.validationStatus === "submitted"
        ? FORBIDDEN
        : { ok: false as const, status: 409 as const, errors: { form: "projects:errors.notSubmitted" } };
    }
    if (decision === "return" && !comment)
      return { ok: false as const, status: 400 as const, errors: { comment: "projects:errors.commentRequired" } };
    const userId = audit.actor.kind === "user" ? audit.actor.userId : null;
    const next = decision === "validate" ? "validated" : "draft";
    await updateProjectRow(trx, projectId, {
      validation_status: next,
      validated_at: decision === "validate" ? new Date() : null,
      validated_by: decision === "validate" ? userId : null,
    });
    if (comment) await insertComment(trx, audit, projectId, null, comment);
    if (decision === "validate") await indexProject(trx, projectId);
    await refreshOverlapsOf(trx, projectId);
    await auditProject(trx, audit, projectId, null, {
      action: `project.${decision}`,
      before: { validation_status: "submitted" },
      after: { validation_status: next, comment },
    });
    return { ok: true as const };
  });
}

async function insertComment(
  trx: Db,
  audit: AuditContext,
  projectId: number,
  periodId: number | null,
  body: string,
): Promise<number> {
  const actor = audit.actor;
  const { id } = await trx
    .insertInto("project_comment")
    .values({
      project_id: projectId,
      period_id: periodId,
      author_user_id: actor.kind === "user" ? actor.userId : null,
      author_label: actor.kind === "user" ? actor.name : "anonymous",
      body,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

/** The Office comments on a project or on one of its values. */
export async function commentOnProject(
  db: Db,
  audit: AuditContext,
  projectId: number,
  periodId: number | null,
  body: string,
): Promise<{ ok: true } | CommandFailure> {
  const text = body.trim();
  if (!text) return { ok: false, status: 400, errors: { comment: "projects:errors.commentRequired" } };
  if (text.length > 5000) return { ok: false, status: 400, errors: { comment: "projects:errors.tooLong" } };
  return inTransaction(db, async (trx) => {
    const subject = await lockProjectFor(trx, audit.actor, projectId, "project.comment");
    if ("ok" in subject) return subject;
    if (periodId !== null) {
      const period = await periodOfProject(trx, periodId, projectId);
      if (!period) return NOT_FOUND;
    }
    const id = await insertComment(trx, audit, projectId, periodId, text);
    await auditProject(trx, audit, projectId, null, {
      action: "project.comment",
      after: { comment_id: id, period_id: periodId, body: text },
    });
    return { ok: true as const };
  });
}

async function periodOfProject(trx: Db, periodId: number, projectId: number) {
  return trx
    .selectFrom("project_indicator_period as p")
    .innerJoin("project_indicator as i", "i.id", "p.indicator_id")
    .innerJoin("project_result as r", "r.id", "i.result_id")
    .select(["p.id", "p.status", "p.version", "p.indicator_id", "i.disaggregations"])
    .where("p.id", "=", periodId)
    .where("r.project_id", "=", projectId)
    .forUpdate("p")
    .executeTakeFirst();
}

/** A result (outcome or output) to add. */
export interface ResultInput {
  kind: ProjectResultKind;
  parentId: number | null;
  title: TranslatedText;
  description?: TranslatedText;
}

/** Adds an outcome, or an output under one of the project's outcomes. */
export const addResult = frameworkCommand(async (trx, projectId, input: ResultInput) => {
  if (input.kind === "output") {
    const parent = await trx
      .selectFrom("project_result")
      .select("id")
      .where("id", "=", input.parentId ?? -1)
      .where("project_id", "=", projectId)
      .where("kind", "=", "outcome")
      .executeTakeFirst();
    if (!parent)
      return { ok: false as const, status: 400 as const, errors: { parentId: "projects:errors.outcomeRequired" } };
  }
  const { count } = await trx
    .selectFrom("project_result")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("project_id", "=", projectId)
    .executeTakeFirstOrThrow();
  const { id } = await trx
    .insertInto("project_result")
    .values({
      project_id: projectId,
      kind: input.kind,
      parent_id: input.kind === "output" ? input.parentId : null,
      title: input.title,
      description: input.description ?? {},
      sort_order: Number(count),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id, entry: { action: "project.result.add", after: { result_id: id, ...input } } };
});

/** An indicator to add to a result. */
export interface IndicatorInput {
  resultId: number;
  name: TranslatedText;
  unit: ProjectIndicatorUnit;
  baselineValue: number | null;
  baselineYear: number | null;
  disaggregations: ProjectDisaggregation[];
}

/** Adds an indicator to one of the project's results. */
export const addIndicator = frameworkCommand(async (trx, projectId, input: IndicatorInput) => {
  const result = await trx
    .selectFrom("project_result")
    .select("id")
    .where("id", "=", input.resultId)
    .where("project_id", "=", projectId)
    .executeTakeFirst();
  if (!result)
    return { ok: false as const, status: 400 as const, errors: { resultId: "projects:errors.resultRequired" } };
  const { id } = await trx
    .insertInto("project_indicator")
    .values({
      result_id: input.resultId,
      name: input.name,
      unit: input.unit,
      baseline_value: input.baselineValue === null ? null : String(input.baselineValue),
      baseline_year: input.baselineYear,
      disaggregations: input.disaggregations,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id, entry: { action: "project.indicator.add", after: { indicator_id: id, ...input } } };
});

/** Values of one indicator for one period, as recorded. */
export interface PeriodInput extends PeriodValues {
  indicatorId: number;
}

function checkPeriod(
  input: PeriodInput,
  unit: ProjectIndicatorUnit,
  allowed: ProjectDisaggregation[],
): Record<string, string> {
  const errors: Record<string, string> = {};
  const iso = /^\d{4}-\d{2}-\d{2}$/;
  if (!iso.test(input.periodStart) || Number.isNaN(Date.parse(input.periodStart)))
    errors.periodStart = "projects:errors.dateInvalid";
  if (!iso.test(input.periodEnd) || Number.isNaN(Date.parse(input.periodEnd)))
    errors.periodEnd = "projects:errors.dateInvalid";
  else if (input.periodEnd < input.periodStart) errors.periodEnd = "projects:errors.endBeforeStart";
  for (const [field, value] of [
    ["target", input.target],
    ["actual", input.actual],
  ] as const) {
    if (value === null) continue;
    if (!Number.isFinite(value) || Math.abs(value) > 1e11) errors[field] = "projects:errors.amountInvalid";
    else if (unit === "count" && (!Number.isInteger(value) || value < 0))
      errors[field] = "projects:errors.countInvalid";
    else if (unit === "percent" && (value < 0 || value > 100)) errors[field] = "projects:errors.percentInvalid";
  }
  for (const d of input.disaggregation) {
    if (!allowed.includes(d.dimension) || !Number.isFinite(d.value) || d.value < 0)
      errors[`dis_${d.dimension}_${d.category}`] = "projects:errors.amountInvalid";
  }
  return errors;
}

/**
 * Records (or corrects) an indicator's values for a period, as a draft. Approved values are final;
 * a submitted value can still be corrected, which makes it a draft again. The form's `version`
 * protects a value someone else changed meanwhile.
 */
export const recordPeriodValues = frameworkCommand(
  async (trx, projectId, input: PeriodInput, version: number | null) => {
    const indicator = await trx
      .selectFrom("project_indicator as i")
      .innerJoin("project_result as r", "r.id", "i.result_id")
      .select(["i.id", "i.unit", "i.disaggregations"])
      .where("i.id", "=", input.indicatorId)
      .where("r.project_id", "=", projectId)
      .executeTakeFirst();
    if (!indicator)
      return { ok: false as const, status: 400 as const, errors: { indicatorId: "projects:errors.indicatorRequired" } };
    const errors = checkPeriod(input, indicator.unit, indicator.disaggregations);
    if (Object.keys(errors).length) return { ok: false as const, status: 400 as const, errors };
    const existing = await trx
      .selectFrom("project_indicator_period")
      .selectAll()
      .where("indicator_id", "=", input.indicatorId)
      .where("period_start", "=", input.periodStart)
      .forUpdate()
      .executeTakeFirst();
    const values = {
      period_end: input.periodEnd,
      target: input.target === null ? null : String(input.target),
      actual: input.actual === null ? null : String(input.actual),
      narrative: input.narrative,
      disaggregation: JSON.stringify(input.disaggregation) as unknown as DisaggregatedValue[],
    };
    let id: number;
    if (existing) {
      if (existing.status === "approved")
        return { ok: false as const, status: 409 as const, errors: { form: "projects:errors.valueApproved" } };
      if (version !== null && version !== existing.version) return EDITED_BY_OTHERS;
      await trx
        .updateTable("project_indicator_period")
        .set((eb) => ({ ...values, status: "draft", submitted_at: null, version: eb("version", "+", 1) }))
        .where("id", "=", existing.id)
        .execute();
      id = existing.id;
    } else {
      ({ id } = await trx
        .insertInto("project_indicator_period")
        .values({ indicator_id: input.indicatorId, period_start: input.periodStart, ...values })
        .returning("id")
        .executeTakeFirstOrThrow());
    }
    const before = existing
      ? { period_id: existing.id, target: existing.target, actual: existing.actual, status: existing.status }
      : null;
    return { id, entry: { action: "project.value.record", before, after: { period_id: id, ...input } } };
  },
);

/** Moves a value one step: draft → submitted (its organisation), submitted → approved (its organisation). */
export async function changePeriodStatus(
  db: Db,
  audit: AuditContext,
  projectId: number,
  periodId: number,
  next: Exclude<ProjectPeriodStatus, "draft">,
): Promise<{ ok: true } | CommandFailure> {
  return inTransaction(db, async (trx) => {
    const action = next === "submitted" ? "project.update" : "project.approveValues";
    const subject = await lockProjectFor(trx, audit.actor, projectId, action);
    if ("ok" in subject) return subject;
    const period = await periodOfProject(trx, periodId, projectId);
    if (!period) return NOT_FOUND;
    const expected = next === "submitted" ? "draft" : "submitted";
    if (period.status !== expected)
      return { ok: false as const, status: 409 as const, errors: { form: "projects:errors.valueWrongStep" } };
    const userId = audit.actor.kind === "user" ? audit.actor.userId : null;
    await trx
      .updateTable("project_indicator_period")
      .set((eb) => ({
        status: next,
        ...(next === "submitted" ? { submitted_at: new Date() } : { approved_at: new Date(), approved_by: userId }),
        version: eb("version", "+", 1),
      }))
      .where("id", "=", periodId)
      .execute();
    await auditProject(trx, audit, projectId, subject.ownerOrganisationId, {
      action: `project.value.${next === "submitted" ? "submit" : "approve"}`,
      before: { period_id: periodId, status: period.status },
      after: { period_id: periodId, status: next },
    });
    return { ok: true as const };
  });
}

/** A coordinator's decision on a flagged pair: duplicate, complementary or unrelated (kept with its author, audited). */
export async function decideOverlap(
  db: Db,
  audit: AuditContext,
  projectAId: number,
  projectBId: number,
  decision: ProjectOverlapDecision,
  note: string | null,
): Promise<{ ok: true } | CommandFailure> {
  if (!projectsPolicy.can(audit.actor, "project.reviewOverlaps", null)) return FORBIDDEN;
  const [a, b] = projectAId < projectBId ? [projectAId, projectBId] : [projectBId, projectAId];
  if ((note ?? "").length > 2000) return { ok: false, status: 400, errors: { note: "projects:errors.tooLong" } };
  return inTransaction(db, async (trx) => {
    const pair = await trx
      .selectFrom("project_overlap")
      .select(["decision", "note"])
      .where("project_a_id", "=", a)
      .where("project_b_id", "=", b)
      .forUpdate()
      .executeTakeFirst();
    if (!pair) return NOT_FOUND;
    const actor = audit.actor;
    await trx
      .updateTable("project_overlap")
      .set({
        decision,
        note: note || null,
        decided_by: actor.kind === "user" ? actor.userId : null,
        decided_by_label: actor.kind === "user" ? actor.name : null,
        decided_at: new Date(),
      })
      .where("project_a_id", "=", a)
      .where("project_b_id", "=", b)
      .execute();
    await recordAudit(trx, audit, {
      action: "project.overlap.decide",
      subjectType: "project_overlap",
      subjectId: `${a}-${b}`,
      before: { decision: pair.decision, note: pair.note },
      after: { decision, note: note || null },
    });
    return { ok: true as const };
  });
}
