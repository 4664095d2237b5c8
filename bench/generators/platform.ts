import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import type { TranslatedText } from "#app/db/schema.ts";
import { DOCUMENT_TYPES } from "#app/db/tables/library.ts";
import type { EventKind, OpportunityKind } from "#app/db/tables/clearing-house.ts";
import type { Random } from "../random.ts";
import { batches, daysBefore, oneTableGenerator, type EntityGenerator, type GeneratorContext } from "./generator.ts";
import { needCasesGenerator, SYNTHETIC_CASE_PREFIX } from "./need-cases.ts";
import { SYNTHETIC_PROJECT_PREFIX } from "./projects.ts";
import { BENCH_STRATEGY_PREFIX, clearGeneratedStrategies, generateStrategyPlan } from "./strategy-plans.ts";
import { approveGeneratedPlan } from "./strategy-reports.ts";

/**
 * The rest of the platform at "Kosovo ×N" (`npm run bench:data`): the entities that
 * `npm run bench` does not need, run after ENTITY_GENERATORS (they use its cases, projects and
 * stored files). Every generated row is recognisable by a slug, e-mail or reference prefix, so
 * `clear` removes exactly what was generated.
 */

/** Slugs of generated organisations, library documents, events, services and opportunities start with this. */
export const BENCH_SLUG_PREFIX = "bench-";
/** Generated users' e-mail domain (RFC 2606 reserved: nothing is ever delivered there). */
export const BENCH_USER_DOMAIN = "bench.cap.example.org";
/** Marks the rows whose table has no slug (events also get it as their source note). */
export const BENCH_NOTE = "Synthetic (bench)";

const FIRST_NAMES = [
  "Arben",
  "Besa",
  "Dragan",
  "Milica",
  "Elvis",
  "Fatime",
  "Nenad",
  "Jelena",
  "Selim",
  "Ajshe",
  "Bekim",
  "Mirjana",
  "Enis",
  "Lirije",
  "Goran",
  "Shpresa",
  "Hajrije",
  "Senad",
  "Vesna",
  "Driton",
];
const LAST_NAMES = [
  "Krasniqi",
  "Gashi",
  "Jovanović",
  "Berisha",
  "Mustafa",
  "Petrović",
  "Hoxha",
  "Bajrami",
  "Stojanović",
  "Rama",
  "Kelmendi",
  "Nikolić",
  "Morina",
  "Osmani",
  "Ilić",
  "Salihu",
];
const ORG_WORDS: { sq: string; sr: string; en: string }[] = [
  { sq: "Zëri i Komuniteteve", sr: "Glas zajednica", en: "Voice of Communities" },
  { sq: "Ura e Dialogut", sr: "Most dijaloga", en: "Bridge of Dialogue" },
  { sq: "Shpresa për të Rinjtë", sr: "Nada za mlade", en: "Hope for Youth" },
  { sq: "Qendra për Arsim", sr: "Centar za obrazovanje", en: "Centre for Education" },
  { sq: "Gratë në Veprim", sr: "Žene u akciji", en: "Women in Action" },
  { sq: "Fondi për Zhvillim", sr: "Fond za razvoj", en: "Development Fund" },
  { sq: "Rrjeti për të Drejtat", sr: "Mreža za prava", en: "Rights Network" },
  { sq: "Iniciativa Lokale", sr: "Lokalna inicijativa", en: "Local Initiative" },
];
const TOPICS: { sq: string; sr: string; en: string }[] = [
  { sq: "regjistrimi civil", sr: "civilna registracija", en: "civil registration" },
  { sq: "arsimi i fëmijëve", sr: "obrazovanje dece", en: "children's education" },
  { sq: "punësimi i të rinjve", sr: "zapošljavanje mladih", en: "youth employment" },
  { sq: "kujdesi shëndetësor", sr: "zdravstvena zaštita", en: "health care" },
  { sq: "banimi social", sr: "socijalno stanovanje", en: "social housing" },
  { sq: "kthimi dhe riintegrimi", sr: "povratak i reintegracija", en: "return and reintegration" },
  { sq: "pjesëmarrja në vendimmarrje", sr: "učešće u odlučivanju", en: "participation in decision-making" },
  { sq: "gjuhët zyrtare", sr: "službeni jezici", en: "official languages" },
];
/** Sentences of extracted document text, so that full-text search over the library has work to do. */
const SENTENCES: { sq: string; sr: string; en: string }[] = [
  {
    sq: "Komuna duhet të sigurojë qasje të barabartë në shërbime për të gjitha komunitetet.",
    sr: "Opština mora obezbediti jednak pristup uslugama za sve zajednice.",
    en: "The municipality shall ensure equal access to services for all communities.",
  },
  {
    sq: "Të dhënat janë mbledhur nga zyrat komunale për komunitete dhe kthim.",
    sr: "Podaci su prikupljeni od opštinskih kancelarija za zajednice i povratak.",
    en: "The data were collected from the municipal offices for communities and returns.",
  },
  {
    sq: "Numri i fëmijëve të regjistruar në arsimin parafillor është rritur.",
    sr: "Broj dece upisane u predškolsko obrazovanje je povećan.",
    en: "The number of children enrolled in pre-school education has increased.",
  },
  {
    sq: "Rekomandohet ndarja e buxhetit për ndërmjetësit arsimorë.",
    sr: "Preporučuje se izdvajanje budžeta za obrazovne medijatore.",
    en: "A budget allocation for education mediators is recommended.",
  },
  {
    sq: "Ligji për përdorimin e gjuhëve zbatohet pjesërisht.",
    sr: "Zakon o upotrebi jezika se delimično sprovodi.",
    en: "The Law on the Use of Languages is partly implemented.",
  },
  {
    sq: "Familjet e kthyera kanë nevojë për mbështetje në banim dhe punësim.",
    sr: "Porodicama povratnika potrebna je podrška u stanovanju i zapošljavanju.",
    en: "Returnee families need support with housing and employment.",
  },
];
const LOCALES = ["sq", "sr", "en"] as const;
type Locale = (typeof LOCALES)[number];

function translated(random: Random, make: (locale: Locale) => string): { text: TranslatedText; original: Locale } {
  const original = random.weighted([
    ["sq", 55],
    ["en", 25],
    ["sr", 20],
  ] as const);
  const text: Record<string, string> = { [original]: make(original) };
  for (const locale of LOCALES) if (locale !== original && random.chance(0.8)) text[locale] = make(locale);
  return { text: text as TranslatedText, original };
}

const isoDate = (date: Date) => date.toISOString().slice(0, 10);
const ids = (context: GeneratorContext, name: string) => context.ids.get(name) ?? [];
/** The lowest and highest of many ids (no spreading: 200,000 arguments overflow the stack). */
const range = (values: readonly number[]): [number, number] =>
  values.reduce<[number, number]>(([lo, hi], v) => [Math.min(lo, v), Math.max(hi, v)], [Infinity, -Infinity]);

/** Organisations of the kinds that register themselves: donors, international organisations, agencies, CSOs; and an office for communities in each municipality that has none. */
export const organisationsGenerator: EntityGenerator = {
  tables: ["organisation", "organisation_sector", "organisation_community", "organisation_contact"],
  perScale: 300,
  async generate(context, count) {
    const { db, random, reference } = context;
    const offices = new Set(
      (
        await db.selectFrom("organisation").select("kas_code").where("type_code", "=", "municipality_office").execute()
      ).map((o) => o.kas_code),
    );
    const missingOffices = reference.municipalities.filter((m) => !offices.has(m.kasCode));
    const written: number[] = [];
    const rows = [
      ...missingOffices.map((m) => ({
        slug: `${BENCH_SLUG_PREFIX}office-${m.kasCode}`,
        name: {
          sq: `Zyra komunale për komunitete dhe kthim ${m.nameSq}`,
          sr: `Opštinska kancelarija za zajednice i povratak ${m.nameSr}`,
          en: `Municipal office for communities and returns, ${m.nameSq}`,
        },
        type_code: "municipality_office",
        kas_code: m.kasCode,
      })),
      ...Array.from({ length: Math.max(0, count - missingOffices.length) }, (_, n) => {
        const type = random.weighted([
          ["cso", 60],
          ["donor", 15],
          ["international_organisation", 10],
          ["agency", 10],
          ["other", 5],
        ] as const);
        const words = random.pick(ORG_WORDS);
        const municipality = random.pick(reference.municipalities);
        return {
          slug: `${BENCH_SLUG_PREFIX}org-${n}`,
          name: {
            sq: `${words.sq} ${municipality.nameSq} ${n}`,
            sr: `${words.sr} ${municipality.nameSr} ${n}`,
            en: `${words.en} ${municipality.nameSq} ${n}`,
          },
          type_code: type,
          kas_code: type === "cso" ? municipality.kasCode : null,
        };
      }),
    ];
    for (const [offset, length] of batches(rows.length, context.batchSize)) {
      const inserted = await db
        .insertInto("organisation")
        .values(
          rows.slice(offset, offset + length).map((r) => ({ ...r, email: `info@${r.slug}.${BENCH_USER_DOMAIN}` })),
        )
        .returning("id")
        .execute();
      const batch = inserted.map((r) => r.id);
      written.push(...batch);
      /** Two random codes of the list (one, when they are the same) for each organisation of the batch. */
      const twoCodesEach = (list: readonly { code: string }[]) =>
        batch.flatMap((id) =>
          [...new Set([random.pick(list).code, random.pick(list).code])].map((code) => ({ id, code })),
        );
      const sectors = twoCodesEach(reference.sectors).map((l) => ({ organisation_id: l.id, sector_code: l.code }));
      await db.insertInto("organisation_sector").values(sectors).execute();
      const communities = twoCodesEach(reference.communities);
      await db
        .insertInto("organisation_community")
        .values(communities.map((l) => ({ organisation_id: l.id, community_code: l.code })))
        .execute();
      await db
        .insertInto("organisation_contact")
        .values(
          batch.map((id) => ({
            organisation_id: id,
            name: `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`,
            position: "Focal point",
            email: `contact-${id}@${BENCH_USER_DOMAIN}`,
            is_focal_point: true,
          })),
        )
        .execute();
    }
    return written;
  },
  async clear(db: Db) {
    // Sectors, communities and contacts cascade.
    await db.deleteFrom("organisation").where("slug", "like", `${BENCH_SLUG_PREFIX}%`).execute();
  },
};

/**
 * Users with their roles: CSO members 45 %, donors 20 %, municipal officers 15 % (for a municipality's
 * office), focal points 15 % (ministries and agencies), coordinators 5 %. No password (they cannot
 * sign in; the load benchmark signs in as the demo accounts).
 */
export const usersGenerator: EntityGenerator = {
  tables: ["app_user", "role_assignment"],
  perScale: 600,
  async generate(context, count) {
    const { db, random, reference } = context;
    const organisations = await db
      .selectFrom("organisation")
      .select(["id", "type_code", "kas_code"])
      .orderBy("id")
      .execute();
    const ofType = (...types: string[]) => organisations.filter((o) => types.includes(o.type_code));
    const pools = {
      cso_member: ofType("cso"),
      donor: ofType("donor", "international_organisation"),
      municipal_officer: ofType("municipality_office").filter((o) => o.kas_code !== null),
      focal_point: ofType("ministry", "agency", "government_office"),
      coordinator: ofType("government_office"),
    };
    const written: string[] = [];
    for (const [offset, length] of batches(count, context.batchSize)) {
      const users = Array.from({ length }, (_, i) => {
        const n = offset + i;
        const first = random.pick(FIRST_NAMES);
        const last = random.pick(LAST_NAMES);
        return {
          id: random.uuid(),
          email: `user-${n}@${BENCH_USER_DOMAIN}`,
          name: `${first} ${last}`,
          preferred_locale: random.pick(LOCALES),
          email_verified_at: daysBefore(context.anchor, random.int(1, 900)),
        };
      });
      await db.insertInto("app_user").values(users).execute();
      const roles = users.map((u) => {
        const role = random.weighted([
          ["cso_member", 45],
          ["donor", 20],
          ["municipal_officer", 15],
          ["focal_point", 15],
          ["coordinator", 5],
        ] as const);
        const pool = pools[role];
        const organisation = pool.length > 0 ? random.pick(pool) : null;
        return {
          user_id: u.id,
          role,
          organisation_id: role === "coordinator" ? null : (organisation?.id ?? null),
          kas_code:
            role === "municipal_officer"
              ? (organisation?.kas_code ?? random.pick(reference.municipalities).kasCode)
              : null,
        };
      });
      await db.insertInto("role_assignment").values(roles).execute();
      written.push(...users.map((u) => u.id));
    }
    return written;
  },
  async clear(db: Db) {
    // The generated cases and their histories go first: need_status_change.actor_user_id and other
    // columns that refer to users have no index, so each deleted user would scan 500,000 status
    // changes at ×10. (The need_case generator's own clear then finds nothing left.)
    await caseHistoryGenerator.clear(db);
    await needCasesGenerator.clear(db);
    // Roles and sessions cascade.
    await db.deleteFrom("app_user").where("email", "like", `%@${BENCH_USER_DOMAIN}`).execute();
  },
};

/**
 * One adopted strategy per "Kosovo ×1" unit of 200 national measures (×10: 2,000), with 38 local
 * plans of 20 measures (one per municipality's office), three indicators a measure, and three
 * approved annual cycles (2019–2021) with a report for every measure. `perScale` counts measures.
 */
export const strategyGenerator: EntityGenerator = {
  tables: [
    "strategy",
    "action_plan",
    "objective",
    "measure",
    "measure_budget",
    "indicator",
    "indicator_target",
    "reporting_cycle",
    "reporting_task",
    "measure_report",
    "measure_spending",
  ],
  perScale: 200,
  async generate(context, count) {
    const generated = await generateStrategyPlan(
      context.db,
      context.random,
      { measures: Math.max(1, count), indicatorsPerMeasure: 3, localPlans: 38, localMeasures: 20 },
      "platform",
      context.batchSize,
    );
    for (const year of [2019, 2020, 2021]) await approveGeneratedPlan(context.db, generated.nationalPlanId, year);
    return generated.nationalMeasureIds;
  },
  async clear(db: Db) {
    await clearGeneratedStrategies(db);
  },
};

/**
 * What happened to each generated case: its status changes (received, then the current status),
 * a referral for the cases given to an organisation, public and internal notes, and attachments
 * (metadata of generated stored files) on a fifth of them. Set-based statements over the generated
 * cases; which case gets what follows a hash of its reference (so the same seed, the same rows).
 * Returns the case ids it worked on; `perScale` is the generated cases it expects.
 */
export const caseHistoryGenerator: EntityGenerator = {
  tables: ["need_status_change", "need_referral", "need_note", "need_attachment"],
  perScale: 2_000,
  async generate(context) {
    const { db } = context;
    const cases = ids(context, "need_case") as number[];
    if (cases.length === 0) return [];
    const [first, last] = range(cases);
    const files = ids(context, "stored_file") as string[];
    const generated = sql`c.id between ${first} and ${last} and c.reference like ${`${SYNTHETIC_CASE_PREFIX}%`}`;
    await sql`insert into need_status_change (case_id, from_status, to_status, created_at)
      select c.id, null, 'received', c.created_at from need_case c where ${generated}
      union all
      select c.id, 'received', 'in_review', c.created_at + interval '1 day' from need_case c where ${generated} and c.status <> 'received'
      union all
      select c.id, 'in_review', c.status, c.status_changed_at + interval '2 days' from need_case c where ${generated} and c.status not in ('received', 'in_review')`.execute(
      db,
    );
    await sql`insert into need_referral (case_id, organisation_id, status, message, response, created_at, responded_at)
      select c.id, c.assigned_organisation_id,
        case when c.status in ('resolved', 'closed') then 'responded' when c.status = 'in_progress' then 'accepted' else 'pending' end,
        'Please look into this case (bench).',
        case when c.status in ('resolved', 'closed') then 'Handled: the family was visited and the documents issued (bench).' end,
        c.created_at + interval '2 days',
        case when c.status in ('resolved', 'closed', 'in_progress') then c.created_at + interval '5 days' end
      from need_case c where ${generated} and c.assigned_organisation_id is not null`.execute(db);
    await sql`insert into need_note (case_id, visibility, author_kind, body, created_at)
      select c.id, case when abs(hashtext(c.reference)) % 3 = 0 then 'public' else 'internal' end, 'system',
        case when abs(hashtext(c.reference)) % 3 = 0 then 'We have received your request and are looking into it.' else 'Called the municipal office; waiting for the documents.' end,
        c.created_at + interval '3 days'
      from need_case c where ${generated} and abs(hashtext(c.reference)) % 10 < 4`.execute(db);
    if (files.length > 0) {
      await sql`insert into need_attachment (case_id, file_id, uploaded_by, created_at)
        select c.id, (${files}::uuid[])[1 + abs(hashtext(c.reference || 'file')) % ${files.length}], 'submitter', c.created_at
        from need_case c where ${generated} and abs(hashtext(c.reference)) % 5 = 0`.execute(db);
    }
    return cases;
  },
  async clear(db: Db) {
    // The rest cascades with the generated cases (need_case generator). Attachments and notes go
    // first: need_attachment.note_id has no index, so letting 80,000 notes cascade would scan the
    // attachments once per note.
    const generated = db.selectFrom("need_case").select("id").where("reference", "like", `${SYNTHETIC_CASE_PREFIX}%`);
    await db.deleteFrom("need_attachment").where("case_id", "in", generated).execute();
    await db.deleteFrom("need_note").where("case_id", "in", generated).execute();
  },
};

/**
 * Results of half the generated projects: an outcome with an output under it, an indicator on the
 * output disaggregated by community and gender, and two yearly periods (the first approved) with
 * target, actual and the disaggregated values. Set-based; cascades with the projects.
 */
export const projectResultsGenerator: EntityGenerator = {
  tables: ["project_result", "project_indicator", "project_indicator_period"],
  perScale: 1_000,
  async generate(context) {
    const { db } = context;
    const projects = ids(context, "project") as number[];
    if (projects.length === 0) return [];
    const [first, last] = range(projects);
    const result = await sql<{ project_id: number }>`
      with p as (select id, planned_start from project where id between ${first} and ${last} and iati_identifier like ${`${SYNTHETIC_PROJECT_PREFIX}%`} and abs(hashtext(iati_identifier)) % 2 = 0),
      outcome as (
        insert into project_result (project_id, kind, title, sort_order)
        select id, 'outcome', '{"en": "Better access to services for non-majority communities", "sq": "Qasje më e mirë në shërbime për komunitetet joshumicë"}'::jsonb, 0 from p
        returning id, project_id
      ),
      output as (
        insert into project_result (project_id, kind, parent_id, title, sort_order)
        select project_id, 'output', id, '{"en": "People trained", "sq": "Persona të trajnuar", "sr": "Obučene osobe"}'::jsonb, 1 from outcome
        returning id, project_id
      ),
      ind as (
        insert into project_indicator (result_id, name, unit, baseline_value, baseline_year, disaggregations)
        select id, '{"en": "Number of people trained", "sq": "Numri i personave të trajnuar"}'::jsonb, 'count', 0, 2024, array['community', 'gender'] from output
        returning id, result_id
      ),
      per as (
        insert into project_indicator_period (indicator_id, period_start, period_end, target, actual, disaggregation, status, approved_at)
        select ind.id, make_date(y, 1, 1), make_date(y, 12, 31), 40 + ind.id % 60, case when y = 2025 then 30 + ind.id % 50 end,
          case when y = 2025 then jsonb_build_array(
            jsonb_build_object('dimension', 'community', 'category', 'roma', 'value', 10 + ind.id % 20),
            jsonb_build_object('dimension', 'community', 'category', 'ashkali', 'value', 5 + ind.id % 10),
            jsonb_build_object('dimension', 'gender', 'category', 'female', 'value', 15 + ind.id % 25),
            jsonb_build_object('dimension', 'gender', 'category', 'male', 'value', 15 + ind.id % 25)) else '[]'::jsonb end,
          case when y = 2025 then 'approved' else 'draft' end, case when y = 2025 then timestamptz '2026-02-01' end
        from ind cross join (values (2025), (2026)) as years(y)
        returning 1
      )
      select project_id from outcome`.execute(db);
    return result.rows.map((r) => r.project_id);
  },
  async clear() {
    // Cascades with the generated projects.
  },
};

/** Library documents: laws, strategies, reports, research…, each with sectors, communities, a file per language and its extracted text. */
export const libraryGenerator: EntityGenerator = {
  tables: ["library_document", "library_document_sector", "library_document_community", "library_document_file"],
  perScale: 150,
  async generate(context, count) {
    const { db, random, reference, anchor } = context;
    const organisations = ids(context, "organisation") as number[];
    const files = ids(context, "stored_file") as string[];
    const written: number[] = [];
    for (const [offset, length] of batches(count, Math.min(context.batchSize, 200))) {
      const docs = Array.from({ length }, (_, i) => {
        const n = offset + i;
        const topic = random.pick(TOPICS);
        const type = random.pick(DOCUMENT_TYPES);
        const { text, original } = translated(
          random,
          (l) =>
            `${type === "law" ? (l === "sq" ? "Ligji për" : l === "sr" ? "Zakon o" : "Law on") : l === "sq" ? "Raport mbi" : l === "sr" ? "Izveštaj o" : "Report on"} ${topic[l]} ${n}`,
        );
        const issued = daysBefore(anchor, random.int(30, 3650));
        return {
          slug: `${BENCH_SLUG_PREFIX}doc-${n}`,
          doc_type: type,
          is_know_your_rights: random.chance(0.1),
          title: text,
          summary: { [original]: random.pick(SENTENCES)[original] },
          original_locale: original,
          organisation_id: random.pick(organisations),
          issued_on: isoDate(issued),
          status: random.chance(0.9) ? ("published" as const) : ("draft" as const),
          published_at: issued,
          locales: Object.keys(text) as Locale[],
        };
      });
      const inserted = await db
        .insertInto("library_document")
        .values(
          docs.map(({ locales: _locales, ...d }) => ({
            ...d,
            published_at: d.status === "published" ? d.published_at : null,
          })),
        )
        .returning("id")
        .execute();
      const batch = inserted.map((r) => r.id);
      written.push(...batch);
      await db
        .insertInto("library_document_sector")
        .values(batch.map((id) => ({ document_id: id, sector_code: random.pick(reference.sectors).code })))
        .execute();
      await db
        .insertInto("library_document_community")
        .values(
          batch.flatMap((id) =>
            [...new Set([random.pick(reference.communities).code, random.pick(reference.communities).code])].map(
              (community_code) => ({ document_id: id, community_code }),
            ),
          ),
        )
        .execute();
      if (files.length > 0) {
        const fileRows = batch.flatMap((id, i) =>
          docs[i]!.locales.map((locale) => ({
            document_id: id,
            locale,
            file_id: random.pick(files),
            extraction_status: "done" as const,
            extracted_text: Array.from({ length: random.int(20, 80) }, () => random.pick(SENTENCES)[locale]).join(" "),
            extracted_at: anchor,
          })),
        );
        await db.insertInto("library_document_file").values(fileRows).execute();
      }
    }
    return written;
  },
  async clear(db: Db) {
    await db.deleteFrom("library_document").where("slug", "like", `${BENCH_SLUG_PREFIX}%`).execute();
  },
};

/** Events (past and coming) with their organisers and, for past ones, minutes and two or three recommendations, some tied to a generated measure. */
export const eventsGenerator: EntityGenerator = {
  tables: ["event", "event_organisation", "recommendation"],
  perScale: 120,
  async generate(context, count) {
    const { db, random, reference, anchor } = context;
    const organisations = ids(context, "organisation") as number[];
    const measures = ids(context, "strategy") as number[];
    const kinds: EventKind[] = ["informative_session", "sector_meeting", "training", "other"];
    const written: number[] = [];
    for (const [offset, length] of batches(count, context.batchSize)) {
      const events = Array.from({ length }, (_, i) => {
        const n = offset + i;
        const topic = random.pick(TOPICS);
        const municipality = random.pick(reference.municipalities);
        const starts = new Date(anchor.getTime() + random.int(-1500, 120) * 86_400_000);
        const { text, original } = translated(
          random,
          (l) =>
            `${l === "sq" ? "Takim për" : l === "sr" ? "Sastanak o" : "Meeting on"} ${topic[l]}, ${l === "sr" ? municipality.nameSr : municipality.nameSq} ${n}`,
        );
        const past = starts < anchor;
        return {
          slug: `${BENCH_SLUG_PREFIX}event-${n}`,
          kind: random.pick(kinds),
          title: text,
          summary: { [original]: random.pick(SENTENCES)[original] },
          agenda: { [original]: "1. Welcome\n2. Findings\n3. Recommendations" },
          minutes: past
            ? { [original]: Array.from({ length: 6 }, () => random.pick(SENTENCES)[original]).join("\n\n") }
            : {},
          original_locale: original,
          starts_at: starts,
          ends_at: new Date(starts.getTime() + 3 * 3_600_000),
          kas_code: municipality.kasCode,
          organisation_id: random.pick(organisations),
          status: "published" as const,
          published_at: daysBefore(starts, 14),
          source_note: BENCH_NOTE,
        };
      });
      const inserted = await db
        .insertInto("event")
        .values(events)
        .returning(["id", "organisation_id", "starts_at", "original_locale"])
        .execute();
      written.push(...inserted.map((e) => e.id));
      await db
        .insertInto("event_organisation")
        .values(
          inserted.map((e) => ({ event_id: e.id, organisation_id: e.organisation_id, role: "organiser" as const })),
        )
        .execute();
      const recommendations = inserted
        .filter((e) => e.starts_at < anchor)
        .flatMap((e) =>
          Array.from({ length: random.int(2, 3) }, () => ({
            event_id: e.id,
            text: { [e.original_locale]: random.pick(SENTENCES)[e.original_locale as Locale] } as TranslatedText,
            original_locale: e.original_locale,
            owner_organisation_id: random.pick(organisations),
            due_date: isoDate(new Date(e.starts_at.getTime() + random.int(30, 365) * 86_400_000)),
            measure_id: measures.length > 0 && random.chance(0.4) ? random.pick(measures) : null,
            ...(random.chance(0.05)
              ? { status: "rejected" as const, status_note: "Outside the institution's mandate (bench)." }
              : {
                  status: random.weighted([
                    ["open", 40],
                    ["in_progress", 30],
                    ["done", 25],
                  ] as const),
                }),
          })),
        );
      if (recommendations.length > 0) await db.insertInto("recommendation").values(recommendations).execute();
    }
    return written;
  },
  async clear(db: Db) {
    // Organisers and recommendations cascade.
    await db.deleteFrom("event").where("slug", "like", `${BENCH_SLUG_PREFIX}%`).execute();
  },
};

/** Public services of institutions and CSOs, per municipality and sector. */
export const servicesGenerator = oneTableGenerator({
  table: "service",
  perScale: 200,
  rows(context) {
    const { random, reference } = context;
    const organisations = ids(context, "organisation") as number[];
    return (n: number) => {
      const topic = random.pick(TOPICS);
      const municipality = random.chance(0.8) ? random.pick(reference.municipalities) : null;
      const { text, original } = translated(
        random,
        (l) => `${l === "sq" ? "Këshillim për" : l === "sr" ? "Savetovanje o" : "Advice on"} ${topic[l]} ${n}`,
      );
      return {
        slug: `${BENCH_SLUG_PREFIX}service-${n}`,
        title: text,
        summary: { [original]: random.pick(SENTENCES)[original] },
        hours: { [original]: "08:00–16:00" },
        original_locale: original,
        kas_code: municipality?.kasCode ?? null,
        address: municipality ? `Rr. ${random.pick(LAST_NAMES)} ${random.int(1, 120)}, ${municipality.nameSq}` : null,
        online_url: municipality ? null : `https://example.org/${BENCH_SLUG_PREFIX}service-${n}`,
        sector_code: random.pick(reference.sectors).code,
        organisation_id: random.pick(organisations),
        status: "published" as const,
        published_at: context.anchor,
      };
    };
  },
  insert: async (db, rows) => (await db.insertInto("service").values(rows).returning("id").execute()).map((r) => r.id),
  async clear(db: Db) {
    await db.deleteFrom("service").where("slug", "like", `${BENCH_SLUG_PREFIX}%`).execute();
  },
});

/** Jobs, internships, trainings, scholarships and grants with deadlines around the anchor. */
export const opportunitiesGenerator = oneTableGenerator({
  table: "opportunity",
  perScale: 300,
  rows(context) {
    const { random, reference, anchor } = context;
    const organisations = ids(context, "organisation") as number[];
    const kinds: OpportunityKind[] = ["job", "internship", "training", "scholarship", "grant"];
    return (n: number) => {
      const kind = random.pick(kinds);
      const topic = random.pick(TOPICS);
      const { text, original } = translated(
        random,
        (l) => `${kind} ${l === "sq" ? "për" : l === "sr" ? "za" : "in"} ${topic[l]} ${n}`,
      );
      return {
        slug: `${BENCH_SLUG_PREFIX}opportunity-${n}`,
        kind,
        title: text,
        summary: { [original]: random.pick(SENTENCES)[original] },
        original_locale: original,
        kas_code: random.chance(0.6) ? random.pick(reference.municipalities).kasCode : null,
        url: `https://example.org/${BENCH_SLUG_PREFIX}opportunity-${n}`,
        deadline: isoDate(new Date(anchor.getTime() + random.int(-400, 90) * 86_400_000)),
        organisation_id: random.pick(organisations),
        status: "published" as const,
        published_at: daysBefore(anchor, random.int(1, 400)),
      };
    };
  },
  insert: async (db, rows) =>
    (await db.insertInto("opportunity").values(rows).returning("id").execute()).map((r) => r.id),
  async clear(db: Db) {
    await db.deleteFrom("opportunity").where("slug", "like", `${BENCH_SLUG_PREFIX}%`).execute();
  },
});

/** Strategies made by this module are recognised by their slug (re-exported for the clear check). */
export { BENCH_STRATEGY_PREFIX };
