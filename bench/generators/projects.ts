import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import type { ProjectActivityStatus, ProjectValidationStatus } from "#app/db/tables/projects.ts";
import { matchTextOf } from "#app/modules/projects/projects.commands.server.ts";
import { createRandom, type Random } from "../random.ts";
import {
  batches,
  type EntityGenerator,
  type GeneratorContext,
  readReference,
  type ReferenceData,
} from "./generator.ts";

/** IATI identifiers of generated projects start with this, so that `clear` removes them and nothing else. */
export const SYNTHETIC_PROJECT_PREFIX = "XK-BENCH-";

const WORDS = [
  "school",
  "mediators",
  "Roma",
  "Ashkali",
  "Egyptian",
  "youth",
  "employment",
  "housing",
  "return",
  "reintegration",
  "health",
  "clinic",
  "language",
  "classes",
  "civil",
  "registration",
  "documents",
  "women",
  "entrepreneurs",
  "grants",
  "training",
  "teachers",
  "kindergarten",
  "social",
  "assistance",
  "heating",
  "water",
  "road",
  "culture",
  "media",
  "radio",
  "participation",
  "council",
  "dialogue",
  "security",
];

const ACTIVITY_WEIGHTS: [ProjectActivityStatus, number][] = [
  ["pipeline", 10],
  ["implementation", 50],
  ["finalisation", 10],
  ["closed", 25],
  ["cancelled", 3],
  ["suspended", 2],
];
const VALIDATION_WEIGHTS: [ProjectValidationStatus, number][] = [
  ["validated", 80],
  ["submitted", 12],
  ["draft", 8],
];

/** One project to write: everything the overlap rule and the 3W view read. */
export interface SyntheticProject {
  key: string;
  title: string;
  activityStatus: ProjectActivityStatus;
  validationStatus: ProjectValidationStatus;
  plannedStart: string;
  plannedEnd: string;
  actualStart: string | null;
  actualEnd: string | null;
  budget: number | null;
  currency: string;
  municipalities: string[];
  sectors: string[];
  communities: string[];
  finance: { year: number; kind: "commitment" | "disbursement"; amount: number }[];
}

/** A planted pair: the two projects' keys and why they do, or do not, overlap. */
export interface PlantedPair {
  a: string;
  b: string;
  kind: string;
}

const iso = (year: number, month: number, day: number) =>
  `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;

/**
 * Some `pick()`s, each value once, sorted: 1, 2, 3… picks with the weights `weightOfCount` (its first
 * entry the weight of one pick).
 */
function distinctPicks(random: Random, weightOfCount: readonly number[], pick: () => string): string[] {
  const count = random.weighted(weightOfCount.map((weight, i) => [i + 1, weight] as const));
  return [...new Set(Array.from({ length: count }, pick))].sort();
}

function background(random: Random, reference: ReferenceData, n: number): SyntheticProject {
  const startYear = random.int(2016, 2027);
  const startMonth = random.int(1, 12);
  const years = random.int(1, 4);
  const municipalities = distinctPicks(random, [5, 3, 2], () => random.pick(reference.municipalities).kasCode);
  const sectors = distinctPicks(random, [6, 4], () => random.pick(reference.sectors).code);
  const communities = distinctPicks(random, [4, 4, 2], () => random.pick(reference.communities).code);
  const budget = random.chance(0.9) ? random.int(20, 3000) * 1000 : null;
  const finance: SyntheticProject["finance"] = [];
  if (budget !== null) {
    for (let y = 0; y < years; y++) {
      finance.push({ year: startYear + y, kind: "commitment", amount: Math.round(budget / years) });
      if (random.chance(0.7))
        finance.push({
          year: startYear + y,
          kind: "disbursement",
          amount: Math.round((budget / years) * random.next()),
        });
    }
  }
  return {
    key: `bg-${n}`,
    title: `${Array.from({ length: random.int(4, 9) }, () => random.pick(WORDS)).join(" ")} ${n}`,
    activityStatus: random.weighted(ACTIVITY_WEIGHTS),
    validationStatus: random.weighted(VALIDATION_WEIGHTS),
    plannedStart: iso(startYear, startMonth, 1),
    plannedEnd: iso(startYear + years, startMonth, 1),
    actualStart: random.chance(0.3) ? iso(startYear, startMonth, random.int(2, 28)) : null,
    actualEnd: null,
    budget,
    currency: random.chance(0.95) ? "EUR" : "USD",
    municipalities,
    sectors,
    communities,
    finance,
  };
}

/**
 * Pairs planted to test the overlap rule, each with keys no other planted pair uses (its own
 * municipality × sector × community combination, from a range of the reference lists):
 * overlaps that must be found and near misses that must not. Background projects may still pair
 * with them; the test only asks about the planted pairs themselves.
 */
function plantedPairs(
  reference: ReferenceData,
  index: number,
): { projects: SyntheticProject[]; overlaps: PlantedPair[]; nonOverlaps: PlantedPair[] } {
  const m = reference.municipalities;
  const s = reference.sectors;
  const c = reference.communities;
  const mun = m[index % m.length]!.kasCode;
  const otherMun = m[(index + 1) % m.length]!.kasCode;
  const sec = s[index % s.length]!.code;
  const otherSec = s[(index + 1) % s.length]!.code;
  const com = c[index % c.length]!.code;
  const otherCom = c[(index + 1) % c.length]!.code;
  /** A validated project under way from `start` to `end` in the group's municipality, sector and community. */
  const base = (key: string, start: string, end: string): SyntheticProject => ({
    key,
    title: `planted ${key} ${WORDS[index % WORDS.length]} ${WORDS[(index * 7) % WORDS.length]}`,
    activityStatus: "implementation",
    validationStatus: "validated",
    plannedStart: start,
    plannedEnd: end,
    actualStart: null,
    actualEnd: null,
    budget: 100_000,
    currency: "EUR",
    municipalities: [mun],
    sectors: [sec],
    communities: [com],
    finance: [],
  });
  const projects: SyntheticProject[] = [];
  const overlaps: PlantedPair[] = [];
  const nonOverlaps: PlantedPair[] = [];
  /**
   * Plants the pair `<name>a`–`<name>b` (`kind` says why it overlaps or not): both `base` projects over `dates`
   * (`b` over `bDates` when given), then each with its own changed fields.
   */
  const pair = (
    kind: string,
    overlapping: boolean,
    name: string,
    dates: [start: string, end: string],
    change: {
      a?: Partial<SyntheticProject>;
      b?: Partial<SyntheticProject>;
      bDates?: [start: string, end: string];
    } = {},
  ) => {
    const a = { ...base(`p${index}-${name}a`, ...dates), ...change.a };
    const b = { ...base(`p${index}-${name}b`, ...(change.bDates ?? dates)), ...change.b };
    projects.push(a, b);
    (overlapping ? overlaps : nonOverlaps).push({ a: a.key, b: b.key, kind });
  };
  // Must be found.
  pair("same place, sector, community; one shared day", true, "o1", ["2030-01-01", "2030-06-30"], {
    bDates: ["2030-06-30", "2031-06-30"],
  });
  pair("one shared combination among several", true, "o2", ["2031-01-01", "2032-12-31"], {
    a: { municipalities: [mun, otherMun].sort() },
    b: { municipalities: [otherMun], sectors: [sec, otherSec].sort() },
    bDates: ["2032-01-01", "2033-12-31"],
  });
  pair("actual dates overlap though planned ones do not", true, "o3", ["2034-01-01", "2034-12-31"], {
    b: { actualStart: "2034-10-01" },
    bDates: ["2035-06-01", "2036-06-01"],
  });
  pair("pipeline and submitted", true, "o4", ["2037-01-01", "2037-12-31"], {
    a: { activityStatus: "pipeline" },
    b: { validationStatus: "submitted" },
    bDates: ["2037-03-01", "2038-03-01"],
  });
  // Must not be found.
  pair("same municipality and community, different sector", false, "n1", ["2040-01-01", "2041-01-01"], {
    b: { sectors: [otherSec] },
  });
  pair("same municipality and sector, different community", false, "n2", ["2042-01-01", "2043-01-01"], {
    b: { communities: [otherCom] },
  });
  pair("same sector and community, different municipality", false, "n3", ["2044-01-01", "2045-01-01"], {
    b: { municipalities: [otherMun] },
  });
  pair("adjacent dates, no shared day", false, "n4", ["2046-01-01", "2046-06-30"], {
    bDates: ["2046-07-01", "2047-06-30"],
  });
  pair("planned dates overlap but actual ones do not", false, "n5", ["2048-01-01", "2049-12-31"], {
    a: { actualEnd: "2048-05-31" },
    b: { actualStart: "2048-06-01" },
    bDates: ["2048-06-01", "2049-12-31"],
  });
  pair("one of them closed", false, "n6", ["2050-01-01", "2051-01-01"], { b: { activityStatus: "closed" } });
  pair("one of them a draft", false, "n7", ["2052-01-01", "2053-01-01"], { b: { validationStatus: "draft" } });
  return { projects, overlaps, nonOverlaps };
}

/** What `writeProjects` wrote: ids by key, and the planted pairs as ids. */
export interface ProjectSet {
  ids: number[];
  idOf: Map<string, number>;
  overlaps: { a: number; b: number; kind: string }[];
  nonOverlaps: { a: number; b: number; kind: string }[];
}

/**
 * Writes `count` synthetic projects: `groups` groups of planted pairs (11 pairs each, dated after
 * 2029 so that background projects, which end by 2031, rarely meet them) and background projects
 * for the rest, with organisations, sectors, communities, municipalities and money by year.
 */
export async function writeProjects(
  db: Db,
  random: Random,
  reference: ReferenceData,
  options: { count: number; groups: number; batchSize?: number },
): Promise<ProjectSet> {
  const organisations = (await db.selectFrom("organisation").select("id").orderBy("id").execute()).map((o) => o.id);
  const planted = Array.from({ length: options.groups }, (_, i) => plantedPairs(reference, i));
  const plantedProjects = planted.flatMap((p) => p.projects);
  const backgroundCount = Math.max(0, options.count - plantedProjects.length);
  const all = [
    ...plantedProjects,
    ...Array.from({ length: backgroundCount }, (_, n) => background(random, reference, n)),
  ];
  const idOf = new Map<string, number>();
  const ids: number[] = [];
  // One statement per batch writes the projects and all their lists (data-modifying CTEs).
  for (const [offset, length] of batches(all.length, options.batchSize ?? 1_000)) {
    const chunk = all.slice(offset, offset + length).map((p) => {
      const owner = random.pick(organisations);
      const implementer = organisations[(organisations.indexOf(owner) + 1) % organisations.length]!;
      return {
        key: p.key,
        iati: `${SYNTHETIC_PROJECT_PREFIX}${p.key}`,
        title: { en: p.title },
        owner,
        implementer: implementer === owner ? null : implementer,
        activity_status: p.activityStatus,
        validation_status: p.validationStatus,
        planned_start: p.plannedStart,
        planned_end: p.plannedEnd,
        actual_start: p.actualStart,
        actual_end: p.actualEnd,
        budget: p.budget,
        currency: p.currency,
        match_text: matchTextOf({ en: p.title }, {}),
        municipalities: p.municipalities,
        sectors: p.sectors,
        communities: p.communities,
        finance: p.finance,
      };
    });
    const result = await sql<{ id: number; iati_identifier: string }>`
      with input as (
        select * from json_to_recordset(${JSON.stringify(chunk)}::json) as x(
          iati text, title jsonb, owner int, implementer int, activity_status text, validation_status text,
          planned_start date, planned_end date, actual_start date, actual_end date, budget numeric, currency text, match_text text,
          municipalities text[], sectors text[], communities text[], finance jsonb)
      ),
      ins as (
        insert into project (iati_identifier, title, description, original_locale, owner_organisation_id, activity_status, validation_status,
          planned_start, planned_end, actual_start, actual_end, budget, currency, match_text, validated_at, created_at, updated_at)
        select iati, title, '{}'::jsonb, 'en', owner, activity_status, validation_status, planned_start, planned_end, actual_start, actual_end,
          budget, currency, match_text, case when validation_status = 'validated' then timestamptz '2026-01-01' end, timestamptz '2026-01-01', timestamptz '2026-01-01'
        from input
        returning id, iati_identifier
      ),
      j as (select ins.id, input.* from ins join input on input.iati = ins.iati_identifier),
      o as (
        insert into project_organisation (project_id, organisation_id, role)
        select id, owner, 'funding' from j union all select id, implementer, 'implementing' from j where implementer is not null
        returning 1
      ),
      s as (insert into project_sector (project_id, sector_code) select j.id, u from j cross join unnest(j.sectors) u returning 1),
      c as (insert into project_community (project_id, community_code) select j.id, u from j cross join unnest(j.communities) u returning 1),
      m as (insert into project_municipality (project_id, kas_code) select j.id, u from j cross join unnest(j.municipalities) u returning 1),
      f as (
        insert into project_finance (project_id, year, kind, amount)
        select j.id, (e->>'year')::int, e->>'kind', (e->>'amount')::numeric from j cross join jsonb_array_elements(j.finance) e
        returning 1
      )
      select id, iati_identifier from ins`.execute(db);
    const idByIati = new Map(result.rows.map((r) => [r.iati_identifier, r.id]));
    for (const p of chunk) {
      const id = idByIati.get(p.iati)!;
      idOf.set(p.key, id);
      ids.push(id);
    }
  }
  const asIds = (pairs: PlantedPair[]) =>
    pairs.map((p) => ({
      a: Math.min(idOf.get(p.a)!, idOf.get(p.b)!),
      b: Math.max(idOf.get(p.a)!, idOf.get(p.b)!),
      kind: p.kind,
    }));
  return {
    ids,
    idOf,
    overlaps: asIds(planted.flatMap((p) => p.overlaps)),
    nonOverlaps: asIds(planted.flatMap((p) => p.nonOverlaps)),
  };
}

/** One group of planted pairs per 250 projects, at least one: the proportion of the benchmarks. */
function plantedGroupsOf(count: number): number {
  return Math.max(1, Math.round(count / 250));
}

/**
 * Writes `count` generated projects from seed `seed` in one transaction, the reference lists read first, with
 * `groups` groups of planted pairs (by default `plantedGroupsOf(count)`): the data of the project tests and of the
 * benchmarks that build their own.
 */
export async function generateProjects(
  db: Db,
  seed: number,
  options: { count: number; groups?: number },
): Promise<ProjectSet> {
  const reference = await readReference(db);
  const groups = options.groups ?? plantedGroupsOf(options.count);
  return db.transaction().execute((trx) => writeProjects(trx, createRandom(seed), reference, { ...options, groups }));
}

/**
 * Synthetic donor projects for the 3W view and the overlap queue: 1,000 per "Kosovo ×1", with a
 * few groups of planted overlapping and near-miss pairs among them.
 */
export const projectsGenerator: EntityGenerator = {
  tables: [
    "project",
    "project_organisation",
    "project_sector",
    "project_community",
    "project_municipality",
    "project_finance",
  ],
  perScale: 1_000,
  async generate(context: GeneratorContext, count: number) {
    const set = await writeProjects(context.db, context.random, context.reference, {
      count,
      groups: plantedGroupsOf(count),
      batchSize: context.batchSize,
    });
    return set.ids;
  },
  async clear(db: Db) {
    await db.deleteFrom("project").where("iati_identifier", "like", `${SYNTHETIC_PROJECT_PREFIX}%`).execute();
  },
};
