import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import type { TranslatedText } from "#app/db/schema.ts";
import type { ProjectValidationStatus } from "#app/db/tables/projects.ts";
import { countValidatedProjects, filterOf } from "./coordination.queries.server.ts";
import {
  loadIatiSectors,
  loadProjectInputs,
  loadResultsFrameworks,
  type ResultView,
} from "./projects.queries.server.ts";
import type { ProjectFilter, ProjectInput } from "./projects.schema.ts";

/** The prefix of the organisation identifiers the platform makes for organisations without a registered IATI identifier. */
export const PLATFORM_ORGANISATION_PREFIX = "XK-CAP-";

/** The platform's identifier of an organisation that has no IATI identifier of its own: `XK-CAP-<slug>`. */
export function platformOrganisationRef(slug: string): string {
  return `${PLATFORM_ORGANISATION_PREFIX}${slug}`;
}

/** A validated project with the names of its organisations, as the API, the exports and IATI read it. */
export interface PublicProject extends Omit<ProjectInput, "organisations"> {
  id: number;
  validationStatus: ProjectValidationStatus;
  organisations: {
    organisationId: number;
    role: ProjectInput["organisations"][number]["role"];
    name: TranslatedText;
    slug: string;
    acronym: string | null;
    typeCode: string;
    iatiTypeCode: string | null;
    iatiRef: string;
  }[];
  owner: {
    id: number;
    name: TranslatedText;
    slug: string;
    typeCode: string;
    iatiTypeCode: string | null;
    iatiRef: string;
  };
  /** The sector codes an IATI file gave (vocabulary, code, percentage), written back by the export (decision 027). */
  iatiSectors: { vocabulary: string; code: string; percentage: number | null }[];
}

/**
 * A page of validated projects matching the filters (newest start first) and their total, in four
 * queries whatever the page size: the page's ids through the public ordering index, the total
 * (counted once per generation of the project tables, `countValidatedProjects`), every field,
 * organisation names.
 */
export async function listPublicProjects(
  db: Db,
  filter: Omit<ProjectFilter, "page">,
  page: { limit: number; offset: number },
): Promise<{ total: number; projects: PublicProject[] }> {
  const [rows, total] = await Promise.all([
    sql<{ id: number }>`
      select p.id from project p where ${filterOf(filter)}
      order by coalesce(p.actual_start, p.planned_start) desc, p.id desc
      limit ${page.limit} offset ${page.offset}`.execute(db),
    countValidatedProjects(db, filter),
  ]);
  return {
    total,
    projects: await loadPublicProjects(
      db,
      rows.rows.map((r) => r.id),
    ),
  };
}

/**
 * What the public list of projects shows depends on, as one value read in one statement (decision 079): the
 * projects' generation (migration 0065: the project and every table of its public record) and the
 * organisations' (migration 0052: names and acronyms). Both are bumped by trigger in the writing transaction.
 */
export async function publicProjectsGeneration(db: Db): Promise<string> {
  const { rows } = await sql<{ generation: string }>`select
    (select generation from project_generation)::text || '.' ||
    (select generation from organisation_generation)::text as generation`.execute(db);
  return rows[0]!.generation;
}

/** Validated projects by id, in the given order (three queries); ids that are not validated are left out. */
export async function loadPublicProjects(
  db: Db,
  ids: readonly number[],
  options: { validatedOnly?: boolean } = {},
): Promise<PublicProject[]> {
  if (ids.length === 0) return [];
  const inputs = await loadProjectInputs(db, ids);
  // None of the ids exists (an unknown id on the API): no organisations to read, and `in ()` is not SQL.
  if (inputs.size === 0) return [];
  const organisationIds = [
    ...new Set(
      [...inputs.values()].flatMap((p) => [p.ownerOrganisationId, ...p.organisations.map((o) => o.organisationId)]),
    ),
  ];
  const [organisations, sectorsOf] = await Promise.all([
    db
      .selectFrom("organisation as o")
      .select(["o.id", "o.name", "o.slug", "o.acronym", "o.type_code", "o.iati_type_code", "o.iati_identifier as ref"])
      .where("o.id", "in", organisationIds)
      .execute(),
    loadIatiSectors(db, ids),
  ]);
  const byId = new Map(organisations.map((o) => [o.id, o]));
  const out: PublicProject[] = [];
  for (const id of ids) {
    const p = inputs.get(id);
    if (!p || ((options.validatedOnly ?? true) && p.validationStatus !== "validated")) continue;
    const owner = byId.get(p.ownerOrganisationId)!;
    // Written field by field (in the input's order): object rest and spread (`{ version, ...rest }`, `{ ...o }`)
    // take V8's slow generic path, which cost about 1.3 ms per 100 projects on every API page (decision 066).
    out.push({
      ownerOrganisationId: p.ownerOrganisationId,
      iatiIdentifier: p.iatiIdentifier,
      title: p.title,
      description: p.description,
      originalLocale: p.originalLocale,
      activityStatus: p.activityStatus,
      validationStatus: p.validationStatus,
      plannedStart: p.plannedStart,
      plannedEnd: p.plannedEnd,
      actualStart: p.actualStart,
      actualEnd: p.actualEnd,
      budget: p.budget,
      currency: p.currency,
      sectors: p.sectors,
      communities: p.communities,
      measureIds: p.measureIds,
      municipalities: p.municipalities,
      organisations: p.organisations.map((o) => {
        const org = byId.get(o.organisationId)!;
        return {
          organisationId: o.organisationId,
          role: o.role,
          name: org.name,
          slug: org.slug,
          acronym: org.acronym,
          typeCode: org.type_code,
          iatiTypeCode: org.iati_type_code,
          iatiRef: org.ref ?? platformOrganisationRef(org.slug),
        };
      }),
      finance: p.finance,
      contacts: p.contacts,
      documents: p.documents,
      id,
      owner: {
        id: owner.id,
        name: owner.name,
        slug: owner.slug,
        typeCode: owner.type_code,
        iatiTypeCode: owner.iati_type_code,
        iatiRef: owner.ref ?? platformOrganisationRef(owner.slug),
      },
      iatiSectors: sectorsOf.get(id) ?? [],
    });
  }
  return out;
}

/** Every validated project matching the filters (for the downloads and the IATI file): ids in one query, then the fields. */
export async function listAllPublicProjects(db: Db, filter: Omit<ProjectFilter, "page">): Promise<PublicProject[]> {
  const rows = await sql<{
    id: number;
  }>`select p.id from project p where ${filterOf(filter)} order by coalesce(p.actual_start, p.planned_start) desc, p.id desc`.execute(
    db,
  );
  return loadPublicProjects(
    db,
    rows.rows.map((r) => r.id),
  );
}

/** The approved part of the results frameworks of these projects (approved values only). */
export function loadPublicFrameworks(db: Db, ids: readonly number[]): Promise<Map<number, ResultView[]>> {
  return loadResultsFrameworks(db, ids, { approvedOnly: true });
}
