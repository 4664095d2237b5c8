import type { Kysely } from "kysely";
import type { Database, TranslatedText } from "#app/db/schema.ts";
import { organisationIdsBySlug } from "#app/modules/organisations/organisations.queries.server.ts";
import type { ProjectActivityStatus } from "#app/db/tables/projects.ts";
import { recordAudit, systemAuditContext } from "#app/services/audit.server.ts";
import { upsertSearchEntries } from "#app/services/search-index.server.ts";
import { matchTextOf } from "./projects.commands.server.ts";
import { replaceFramework, type FrameworkResult } from "./framework.server.ts";
import { computeOverlaps } from "./overlaps.server.ts";

/*
 * DEMO CONTENT — an INVENTED portfolio of donor projects (issue 17), next to the two projects of the
 * source documents (projects.demo-content.ts): several donors, many municipalities and communities,
 * budgets, commitments and disbursements by year, results frameworks with targets and actuals
 * disaggregated by community and gender, and one pair of overlapping projects that the Office
 * marked as duplicates. Every row is `is_demo` and every title starts with "[Demo]". Dates are
 * relative to the first start. Written in batches: a fixed number of statements for the whole set.
 */

const AUDIT = systemAuditContext("demo seed");

interface Theme {
  sector: string;
  title: { en: string; sq: string; sr: string };
  outcome: { en: string; sq: string; sr: string };
  indicator: { en: string; sq: string; sr: string };
  /** Beneficiaries per 10,000 euro, roughly. */
  reach: number;
}

const THEMES: Theme[] = [
  {
    sector: "education",
    title: {
      en: "Learning centres for Roma, Ashkali and Egyptian children",
      sq: "Qendra mësimore për fëmijët rom, ashkali dhe egjiptianë",
      sr: "Centri za učenje za decu Roma, Aškalija i Egipćana",
    },
    outcome: {
      en: "More children complete primary school",
      sq: "Më shumë fëmijë përfundojnë shkollën fillore",
      sr: "Više dece završava osnovnu školu",
    },
    indicator: {
      en: "Children attending the learning centres",
      sq: "Fëmijë që ndjekin qendrat mësimore",
      sr: "Deca koja pohađaju centre za učenje",
    },
    reach: 9,
  },
  {
    sector: "employment_social_welfare",
    title: {
      en: "Vocational training and job placement for young people",
      sq: "Aftësim profesional dhe punësim për të rinjtë",
      sr: "Stručna obuka i zapošljavanje mladih",
    },
    outcome: {
      en: "Young people from the communities find work",
      sq: "Të rinjtë nga komunitetet gjejnë punë",
      sr: "Mladi iz zajednica nalaze posao",
    },
    indicator: { en: "Trainees placed in a job", sq: "Kursantë të punësuar", sr: "Polaznici zaposleni" },
    reach: 3,
  },
  {
    sector: "housing",
    title: {
      en: "Housing reconstruction for returnee families",
      sq: "Rindërtimi i banesave për familjet e kthyera",
      sr: "Obnova kuća za porodice povratnika",
    },
    outcome: {
      en: "Returnee families live in safe homes",
      sq: "Familjet e kthyera jetojnë në shtëpi të sigurta",
      sr: "Porodice povratnika žive u bezbednim kućama",
    },
    indicator: {
      en: "Houses rebuilt and handed over",
      sq: "Shtëpi të rindërtuara dhe të dorëzuara",
      sr: "Obnovljene i predate kuće",
    },
    reach: 0.4,
  },
  {
    sector: "health",
    title: {
      en: "Health mediators in the neighbourhoods",
      sq: "Ndërmjetës shëndetësorë në lagje",
      sr: "Zdravstveni medijatori u naseljima",
    },
    outcome: {
      en: "More families use primary health care",
      sq: "Më shumë familje përdorin kujdesin parësor shëndetësor",
      sr: "Više porodica koristi primarnu zdravstvenu zaštitu",
    },
    indicator: {
      en: "Children vaccinated with the mediators' help",
      sq: "Fëmijë të vaksinuar me ndihmën e ndërmjetësve",
      sr: "Deca vakcinisana uz pomoć medijatora",
    },
    reach: 12,
  },
  {
    sector: "return_reintegration",
    title: {
      en: "Reintegration packages for returnees",
      sq: "Pako riintegrimi për të kthyerit",
      sr: "Paketi za reintegraciju povratnika",
    },
    outcome: {
      en: "Returnees earn a living where they settled",
      sq: "Të kthyerit sigurojnë jetesën aty ku u vendosën",
      sr: "Povratnici zarađuju za život gde su se nastanili",
    },
    indicator: {
      en: "Returnees running a business after one year",
      sq: "Të kthyer që drejtojnë biznes pas një viti",
      sr: "Povratnici koji vode posao posle godinu dana",
    },
    reach: 1.5,
  },
  {
    sector: "civil_registration",
    title: {
      en: "Civil registration campaign",
      sq: "Fushatë për regjistrimin civil",
      sr: "Kampanja za civilnu registraciju",
    },
    outcome: {
      en: "Every child is registered at birth",
      sq: "Çdo fëmijë regjistrohet në lindje",
      sr: "Svako dete je upisano pri rođenju",
    },
    indicator: {
      en: "People helped to obtain documents",
      sq: "Persona të ndihmuar të pajisen me dokumente",
      sr: "Osobe kojima je pomognuto da dobiju dokumente",
    },
    reach: 20,
  },
];

const DONORS = [
  "embassy-of-switzerland-in-kosovo",
  "british-embassy-pristina",
  "czech-development-agency",
  "roma-initiatives-office-open-society-foundations",
  "regional-cooperation-council",
];
const IMPLEMENTERS = [
  "international-organization-for-migration",
  "kosovo-education-centre",
  "balkan-sunflowers-kosova",
  "people-in-need",
  "jesuit-refugee-service-kosova",
  "roma-and-ashkali-documentation-centre",
  "germin",
  "syri-i-vizionit",
];
/** Municipalities by KAS code, with their names for titles (sq / sr). */
const PLACES: [kas: string, sq: string, sr: string][] = [
  ["20", "Prizren", "Prizren"],
  ["02", "Gjakovë", "Đakovica"],
  ["09", "Fushë Kosovë", "Kosovo Polje"],
  ["25", "Ferizaj", "Uroševac"],
  ["11", "Mitrovicë", "Mitrovica"],
  ["17", "Pejë", "Peć"],
  ["04", "Gjilan", "Gnjilane"],
  ["15", "Obiliq", "Obilić"],
  ["06", "Istog", "Istok"],
  ["34", "Graçanicë", "Gračanica"],
  ["13", "Lipjan", "Lipljan"],
  ["16", "Rahovec", "Orahovac"],
];
const COMMUNITY_SETS = [
  ["roma", "ashkali", "egyptian"],
  ["roma"],
  ["ashkali", "egyptian"],
  ["serb"],
  ["roma", "ashkali"],
  ["bosniak", "gorani"],
  ["turkish"],
  ["egyptian"],
];

/** How many invented projects: with the two of the source documents, about 25. */
export const DEMO_PORTFOLIO_SIZE = 23;

/** Writes the invented portfolio (does nothing when it is already there). */
export async function seedDemoPortfolio(trx: Kysely<Database>, now: Date): Promise<void> {
  const existing = await trx
    .selectFrom("project")
    .select("id")
    .where("is_demo", "=", true)
    .where("iati_identifier", "like", "XM-DEMO-%")
    .limit(1)
    .executeTakeFirst();
  if (existing) return;
  const slugs = [...DONORS, ...IMPLEMENTERS];
  const idOf = await organisationIdsBySlug(trx, slugs);
  const measures = await trx
    .selectFrom("measure as m")
    .innerJoin("plan_sector as ps", "ps.id", "m.plan_sector_id")
    .innerJoin("action_plan as ap", "ap.id", "m.action_plan_id")
    .select(["m.id", "ps.sector_code"])
    .where("ap.kind", "=", "national")
    .where("m.is_demo", "=", true)
    .execute();
  const year = now.getUTCFullYear();
  const day = 86_400_000;

  const planned = Array.from({ length: DEMO_PORTFOLIO_SIZE }, (_, i) => {
    // The last two projects are the overlapping pair: same theme, place, communities and years.
    const pair = i >= DEMO_PORTFOLIO_SIZE - 2;
    const theme = THEMES[pair ? 0 : i % THEMES.length]!;
    const place = PLACES[pair ? 0 : i % PLACES.length]!;
    const second = PLACES[(i + 5) % PLACES.length]!;
    const places = pair || i % 3 === 0 ? [place] : [place, second];
    const communities = pair ? ["roma", "ashkali", "egyptian"] : COMMUNITY_SETS[i % COMMUNITY_SETS.length]!;
    const donor = pair ? DONORS[i - (DEMO_PORTFOLIO_SIZE - 2)]! : DONORS[i % DONORS.length]!;
    const implementer = pair ? "kosovo-education-centre" : IMPLEMENTERS[i % IMPLEMENTERS.length]!;
    const startYear = year - 1 - (i % 3);
    const years = 2 + (i % 3);
    // A third of the older projects have ended; the rest are under way.
    const ended = !pair && i % 3 === 2;
    const status: ProjectActivityStatus = ended ? "closed" : i % 7 === 6 ? "pipeline" : "implementation";
    const budget = 60_000 + ((i * 37_000) % 540_000);
    const placeText = (l: "sq" | "sr" | "en") =>
      places.map((p) => (l === "sr" ? p[2] : p[1])).join(l === "en" ? " and " : l === "sq" ? " dhe " : " i ");
    const title: TranslatedText = {
      en: `[Demo] ${theme.title.en} in ${placeText("en")}${pair ? (i === DEMO_PORTFOLIO_SIZE - 1 ? " (second phase)" : "") : ""}`,
      sq: `[Demo] ${theme.title.sq} në ${placeText("sq")}${pair && i === DEMO_PORTFOLIO_SIZE - 1 ? " (faza e dytë)" : ""}`,
      sr: `[Demo] ${theme.title.sr} u ${placeText("sr")}${pair && i === DEMO_PORTFOLIO_SIZE - 1 ? " (druga faza)" : ""}`,
    };
    const description: TranslatedText = {
      en: `[Demo] ${theme.outcome.en}: an invented project shown to demonstrate the platform, funded by a donor and carried out with the municipality and local organisations.`,
      sq: `[Demo] ${theme.outcome.sq}: projekt i shpikur për të demonstruar platformën, i financuar nga një donator dhe i zbatuar me komunën dhe organizatat lokale.`,
      sr: `[Demo] ${theme.outcome.sr}: izmišljen projekat za prikaz platforme, koji finansira donator i sprovodi sa opštinom i lokalnim organizacijama.`,
    };
    return {
      i,
      pair,
      theme,
      places,
      communities,
      donor,
      implementer,
      startYear,
      years,
      ended,
      status,
      budget,
      title,
      description,
    };
  });

  const rows = await trx
    .insertInto("project")
    .values(
      planned.map((p) => ({
        iati_identifier: `XM-DEMO-${String(p.i + 1).padStart(3, "0")}`,
        title: p.title,
        description: p.description,
        original_locale: "en" as const,
        owner_organisation_id: idOf.get(p.implementer) ?? idOf.get(p.donor)!,
        activity_status: p.status,
        validation_status: "validated" as const,
        planned_start: `${p.startYear}-01-01`,
        planned_end: `${p.startYear + p.years - 1}-12-31`,
        actual_start: p.status === "pipeline" ? null : `${p.startYear}-02-01`,
        actual_end: p.ended ? `${p.startYear + p.years - 1}-12-15` : null,
        budget: p.budget.toFixed(2),
        currency: "EUR",
        match_text: matchTextOf(p.title, p.description),
        submitted_at: new Date(now.getTime() - (200 - p.i) * day),
        validated_at: new Date(now.getTime() - (190 - p.i) * day),
        is_demo: true,
      })),
    )
    .returning("id")
    .execute();
  const ids = rows.map((r) => r.id);

  const organisationRows = planned
    .flatMap((p, n) => [
      { project_id: ids[n]!, organisation_id: idOf.get(p.donor)!, role: "funding" as const },
      ...(p.implementer !== p.donor && idOf.has(p.implementer)
        ? [{ project_id: ids[n]!, organisation_id: idOf.get(p.implementer)!, role: "implementing" as const }]
        : []),
    ])
    .filter((r) => r.organisation_id !== undefined);
  const finance = planned.flatMap((p, n) =>
    Array.from({ length: p.years }, (_, k) => p.startYear + k)
      .filter((y) => y <= year)
      .flatMap((y, k) => {
        const share = Math.round((p.budget / p.years) * 100) / 100;
        const disbursed = y < year ? share * (0.85 + ((p.i + k) % 3) * 0.05) : share * 0.4;
        return [
          { project_id: ids[n]!, year: y, kind: "commitment" as const, amount: share.toFixed(2) },
          ...(p.status === "pipeline"
            ? []
            : [{ project_id: ids[n]!, year: y, kind: "disbursement" as const, amount: disbursed.toFixed(2) }]),
        ];
      }),
  );
  await trx.insertInto("project_organisation").values(organisationRows).execute();
  await trx
    .insertInto("project_sector")
    .values(planned.map((p, n) => ({ project_id: ids[n]!, sector_code: p.theme.sector })))
    .execute();
  await trx
    .insertInto("project_community")
    .values(planned.flatMap((p, n) => p.communities.map((code) => ({ project_id: ids[n]!, community_code: code }))))
    .execute();
  await trx
    .insertInto("project_municipality")
    .values(
      planned.flatMap((p, n) =>
        p.places.map(([kas], k) => ({
          project_id: ids[n]!,
          kas_code: kas,
          budget_share: p.places.length === 1 ? "100" : k === 0 ? "60" : "40",
        })),
      ),
    )
    .execute();
  if (finance.length) await trx.insertInto("project_finance").values(finance).execute();
  const links = planned.flatMap((p, n) => {
    const measure = measures.find((m) => m.sector_code === p.theme.sector);
    return measure ? [{ project_id: ids[n]!, measure_id: measure.id }] : [];
  });
  if (links.length) await trx.insertInto("project_measure").values(links).execute();

  for (const [n, p] of planned.entries()) await replaceFramework(trx, ids[n]!, frameworkOf(p, year));

  await upsertSearchEntries(
    trx,
    planned.map((p, n) => ({
      kind: "project",
      refId: ids[n]!,
      title: p.title,
      summary: p.description,
      path: `projects/${ids[n]}`,
      originalLocale: "en",
      sectors: [p.theme.sector],
      municipalities: p.places.map(([kas]) => kas),
      communities: p.communities,
      publishedAt: now,
    })),
  );
  await trx
    .insertInto("audit_log")
    .values(
      ids.map((id, n) => ({
        actor_user_id: null,
        actor_label: "system: demo seed",
        action: "project.seed",
        subject_type: "project",
        subject_id: String(id),
        diff: { title: { before: null, after: planned[n]!.title }, is_demo: { before: null, after: true } },
        request_id: AUDIT.requestId,
      })),
    )
    .execute();

  // The overlap queue, and the Office's decision on the designed pair: duplicates.
  await computeOverlaps(trx);
  const [a, b] = [ids[DEMO_PORTFOLIO_SIZE - 2]!, ids[DEMO_PORTFOLIO_SIZE - 1]!];
  const note =
    "[Demo] The second phase repeats the first in the same neighbourhoods: the donors agreed to merge them into one project.";
  await trx
    .updateTable("project_overlap")
    .set({
      decision: "duplicate",
      decided_by_label: "Office for Community Affairs (demo)",
      decided_at: new Date(now.getTime() - 10 * day),
      note,
    })
    .where("project_a_id", "=", Math.min(a, b))
    .where("project_b_id", "=", Math.max(a, b))
    .execute();
  await recordAudit(trx, AUDIT, {
    action: "project.overlap.decide",
    subjectType: "project_overlap",
    subjectId: `${Math.min(a, b)}-${Math.max(a, b)}`,
    after: { decision: "duplicate", note },
  });
}

/** One outcome with one output; the indicator's actuals are split by community and by gender. */
function frameworkOf(
  p: {
    i: number;
    theme: Theme;
    communities: string[];
    startYear: number;
    years: number;
    budget: number;
    status: ProjectActivityStatus;
  },
  year: number,
): FrameworkResult[] {
  const yearly = Math.max(5, Math.round(((p.budget / 10_000) * p.theme.reach) / p.years));
  const periods = Array.from({ length: p.years }, (_, k) => p.startYear + k)
    .filter((y) => y <= year && p.status !== "pipeline")
    .map((y, k) => {
      const done = y < year;
      const actual = done ? Math.round(yearly * (0.8 + ((p.i + k) % 4) * 0.08)) : null;
      const female = actual === null ? 0 : Math.round(actual * 0.52);
      const parts = actual === null ? [] : splitByCommunity(actual, p.communities);
      return {
        periodStart: `${y}-01-01`,
        periodEnd: `${y}-12-31`,
        target: yearly,
        actual,
        narrative: done ? { en: "[Demo] Figures checked by the implementing partner against attendance lists." } : {},
        disaggregation:
          actual === null
            ? []
            : [
                ...parts.map(([category, value]) => ({ dimension: "community" as const, category, value })),
                { dimension: "gender" as const, category: "female", value: female },
                { dimension: "gender" as const, category: "male", value: actual - female },
              ],
        status: done ? ("approved" as const) : ("draft" as const),
      };
    });
  return [
    { ref: "outcome", kind: "outcome", parentRef: null, title: p.theme.outcome, description: {}, indicators: [] },
    {
      ref: "output",
      kind: "output",
      parentRef: "outcome",
      title: p.theme.title,
      description: {},
      indicators: [
        {
          name: p.theme.indicator,
          unit: "count",
          baselineValue: 0,
          baselineYear: p.startYear - 1,
          disaggregations: ["community", "gender"],
          periods,
        },
      ],
    },
  ];
}

function splitByCommunity(total: number, communities: string[]): [string, number][] {
  let left = total;
  return communities.map((code, k) => {
    const value = k === communities.length - 1 ? left : Math.round(total / communities.length);
    left -= value;
    return [code, value];
  });
}
