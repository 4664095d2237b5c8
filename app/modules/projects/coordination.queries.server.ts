import { sql, type RawBuilder } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import type { TranslatedText } from "#app/db/schema.ts";
import type { ProjectActivityStatus } from "#app/db/tables/projects.ts";
import { PROJECTS_PAGE_SIZE, type ProjectFilter } from "./projects.schema.ts";

export { PROJECTS_PAGE_SIZE };

/** The unfunded measures the 3W view lists per action plan; the rest are counted (a plan may have thousands). */
export const UNFUNDED_PER_PLAN = 10;

/**
 * The action plans (in code order) whose unfunded measures the 3W view lists; the others are counted
 * (a strategy may have a national plan and a local plan per municipality: 39 plans and more).
 */
export const UNFUNDED_PLANS = 5;

/** One project as the public table lists it. */
export interface ProjectRow {
  id: number;
  title: TranslatedText;
  originalLocale: string;
  activityStatus: ProjectActivityStatus;
  starts: string;
  ends: string;
  budget: number | null;
  currency: string;
  funders: TranslatedText[];
  implementers: TranslatedText[];
  sectors: string[];
  municipalities: string[];
  communities: string[];
}

/** The 3W view's figures: everything in one statement, whatever the number of projects. */
export interface CoordinationView {
  total: number;
  /** Sum of the budgets in euro (projects in other currencies are counted in `otherCurrency`, not summed); null when no budget in euro is given. */
  budgetEur: number | null;
  otherCurrency: number;
  rows: ProjectRow[];
  byMunicipality: { kasCode: string; projects: number; amount: number | null }[];
  perMember: { kasCode: string; community: string; amount: number | null; population: number }[];
  /** Commitments and disbursements are null in a year without any given (never drawn or shown as 0). */
  timeline: { year: number; projects: number; commitments: number | null; disbursements: number | null }[];
  /** At most UNFUNDED_PER_PLAN measures per plan, in plan order; `planUnfunded` is how many the plan has in all. Empty unless asked for. */
  unfundedMeasures: {
    planCode: string;
    planTitle: TranslatedText;
    code: string;
    title: TranslatedText;
    id: number;
    planUnfunded: number;
    /** How many action plans have measures without funding in all (only the first UNFUNDED_PLANS are listed). */
    plansUnfunded: number;
  }[];
  donors: { id: number; name: TranslatedText }[];
}

/** The public filters as a SQL condition on `project p` (validated projects only). */
export function filterOf(filter: Omit<ProjectFilter, "page">): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`p.validation_status = 'validated'`];
  if (filter.sector)
    parts.push(
      sql`exists (select 1 from project_sector s where s.project_id = p.id and s.sector_code = ${filter.sector})`,
    );
  if (filter.municipality)
    parts.push(
      sql`exists (select 1 from project_municipality m where m.project_id = p.id and m.kas_code = ${filter.municipality})`,
    );
  if (filter.community)
    parts.push(
      sql`exists (select 1 from project_community c where c.project_id = p.id and c.community_code = ${filter.community})`,
    );
  if (filter.donor)
    parts.push(
      sql`exists (select 1 from project_organisation o where o.project_id = p.id and o.role = 'funding' and o.organisation_id = ${filter.donor})`,
    );
  if (filter.status) parts.push(sql`p.activity_status = ${filter.status}`);
  if (filter.year)
    parts.push(
      sql`extract(year from coalesce(p.actual_start, p.planned_start)) <= ${filter.year} and extract(year from coalesce(p.actual_end, p.planned_end)) >= ${filter.year}`,
    );
  return sql.join(parts, sql` and `);
}

/** The key of a filter's row in `project_figures_cache`: the filter without the page, its fields sorted. */
function figuresKey(filter: Partial<ProjectFilter>): string {
  const { page: _page, ...cacheable } = filter;
  return JSON.stringify(
    Object.fromEntries(
      Object.entries(cacheable)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => a.localeCompare(b)),
    ),
  );
}

/**
 * The number of validated projects matching the filters, counted once per generation of the
 * project tables (decision 044): read from the 3W figures of the same filter when they are cached,
 * else from a row of its own in `project_figures_cache` (key `count:<filter>`), else counted and
 * kept. One statement; the count runs only after a write to the project tables.
 */
export async function countValidatedProjects(db: Db, filter: Omit<ProjectFilter, "page">): Promise<number> {
  const viewKey = figuresKey(filter);
  const countKey = `count:${viewKey}`;
  const result = await sql<{ n: string | number }>`
    with gen as (select generation from project_figures_generation),
    cached as (
      select (c.figures->>'total')::bigint as n, c.filter_key = ${viewKey} as is_view from project_figures_cache c, gen
      where c.filter_key in (${viewKey}, ${countKey}) and c.generation = gen.generation
    ),
    computed as materialized (
      select (select count(*) from project p where ${filterOf(filter)}) as n where not exists (select 1 from cached)
    ),
    stored as (
      insert into project_figures_cache (filter_key, generation, figures, computed_at)
      select ${countKey}, gen.generation, jsonb_build_object('total', c.n), now() from computed c, gen
      on conflict (filter_key) do update set generation = excluded.generation, figures = excluded.figures, computed_at = excluded.computed_at
      returning 1
    )
    select coalesce((select n from cached order by is_view desc limit 1), (select n from computed)) as n`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

/**
 * The generations of everything the 3W page shows, as one string (decision 064): the project
 * figures' (the project tables), the organisations' (names of donors, funders and implementers),
 * the strategy figures' (the measures and action plans whose unfunded measures are listed) and the
 * reference data's (municipalities and their outlines, the census, communities, sectors). Each is
 * bumped by statement-level triggers in every transaction that writes one of its tables, whoever
 * writes, so a value built after reading this string may be used while the string is unchanged.
 * One statement of four one-row tables.
 */
export async function readThreeWGenerations(db: Db): Promise<string> {
  const result = await sql<{ generations: string }>`
    select concat_ws('/', p.generation, o.generation, s.generation, r.generation) as generations
    from project_figures_generation p, organisation_generation o, strategy_figures_generation s, reference_generation r`.execute(
    db,
  );
  return result.rows[0]!.generations;
}

/**
 * The coordination view (who does what where) for the filters: the page of the table, projects and
 * money per municipality, funding per member of each community per municipality against the 2024
 * census, a timeline by year, the measures no validated project funds, and the donors to filter by.
 *
 * Money per municipality: a project's euro budget is split by the shares the donor gave; what the
 * shares leave (or all of it, when none were given) is split equally among its other
 * municipalities. Per member: a municipality's part is split equally among the project's target
 * communities and divided by that community's 2024 census population there.
 *
 * Everything that depends on the projects (all but the page of the table) is kept per filter in
 * `project_figures_cache` with the `project_figures_generation` it was computed at; statement-level
 * triggers bump that generation in every transaction that writes a project table (decision 022).
 * A request therefore reads one cached row and the page of the table through the ordering index,
 * whatever the number of projects; it computes the figures (and keeps them) only when the cached
 * row is missing or from an older generation. Names of organisations and measures, and the census,
 * are joined at request time so that edits elsewhere show at once: the donors and the funded
 * measures through hashed (anti-)joins on the cached id lists, not a scan of the list per row
 * (decision 044). The unfunded measures are read only when asked for (the 3W view, not the list),
 * at most UNFUNDED_PER_PLAN per plan with the plan's count.
 */
export async function loadCoordinationView(
  db: Db,
  filter: ProjectFilter,
  options: { unfundedMeasures?: boolean } = {},
): Promise<CoordinationView> {
  const withUnfunded = options.unfundedMeasures ?? true;
  const filterKey = figuresKey(filter);
  // The figures kept for this filter at the current generation: one small statement. Only when they
  // are missing (after a write, or a filter not asked for yet) is the big statement that computes and
  // keeps them run, then the read again with the computed figures handed back: 3 statements then.
  // Keeping the two apart means the usual request does not parse and plan the computation.
  let view = await readCoordinationView(db, filter, filterKey, withUnfunded, null);
  if (view === null) {
    const figures = await computeCoordinationFigures(db, filter, filterKey);
    view = await readCoordinationView(db, filter, filterKey, withUnfunded, figures);
  }
  if (view === null) throw new Error("The 3W figures were computed but could not be read.");
  return {
    ...view,
    total: Number(view.total),
    budgetEur: view.budgetEur === null ? null : Number(view.budgetEur),
    otherCurrency: Number(view.otherCurrency),
    rows: view.rows.map((r) => ({ ...r, budget: r.budget === null ? null : Number(r.budget) })),
    byMunicipality: view.byMunicipality.map((m) => ({
      ...m,
      projects: Number(m.projects),
      amount: m.amount === null ? null : Number(m.amount),
    })),
    perMember: view.perMember.map((m) => ({
      ...m,
      amount: m.amount === null ? null : Number(m.amount),
      population: Number(m.population),
    })),
    unfundedMeasures: view.unfundedMeasures.map((m) => ({
      ...m,
      planUnfunded: Number(m.planUnfunded),
      plansUnfunded: Number(m.plansUnfunded),
    })),
    timeline: view.timeline.map((t) => ({
      year: Number(t.year),
      projects: Number(t.projects),
      commitments: t.commitments === null ? null : Number(t.commitments),
      disbursements: t.disbursements === null ? null : Number(t.disbursements),
    })),
  };
}

/** The filtered validated projects with the columns the figures and the table read, as a CTE body. */
function filteredProjects(filter: ProjectFilter): RawBuilder<unknown> {
  return sql`
      select p.id, p.title, p.original_locale, p.activity_status, p.budget, p.currency,
        coalesce(p.actual_start, p.planned_start) as starts, coalesce(p.actual_end, p.planned_end) as ends
      from project p where ${filterOf(filter)}`;
}

/**
 * Computes the figures of a filter (everything that depends on the projects), keeps them in
 * `project_figures_cache` at the current generation, drops the rows of older generations, and
 * returns them as JSON text. Run only when the read found nothing kept.
 */
async function computeCoordinationFigures(db: Db, filter: ProjectFilter, filterKey: string): Promise<string> {
  const result = await sql<{ figures: string }>`
    with f as not materialized (${filteredProjects(filter)}),
    gen as (select generation from project_figures_generation),
    shares as (
      select pm.project_id, sum(pm.budget_share) as given, count(*) filter (where pm.budget_share is null) as unshared
      from project_municipality pm join f on f.id = pm.project_id group by pm.project_id
    ),
    alloc as materialized (
      select pm.project_id, pm.kas_code,
        case when f.currency = 'EUR' and f.budget is not null then
          f.budget * coalesce(pm.budget_share, greatest(100 - coalesce(s.given, 0), 0) / nullif(s.unshared, 0)) / 100
        end as amount
      from project_municipality pm join f on f.id = pm.project_id join shares s on s.project_id = pm.project_id
    ),
    computed as materialized (
      select jsonb_build_object(
        'total', (select count(*) from f),
        'budgetEur', (select sum(budget) from f where currency = 'EUR'),
        'otherCurrency', (select count(*) from f where currency <> 'EUR' and budget is not null),
        'byMunicipality', (select coalesce(jsonb_agg(jsonb_build_object('kasCode', kas_code, 'projects', n, 'amount', amount) order by kas_code), '[]')
          from (select kas_code, count(*) as n, sum(amount) as amount from alloc group by kas_code) x),
        'perMember', (select coalesce(jsonb_agg(jsonb_build_object('kasCode', x.kas_code, 'community', x.community_code, 'amount', x.amount) order by x.kas_code, x.community_code), '[]')
          from (
            select a.kas_code, pc.community_code, sum(a.amount / pc.n) as amount
            from alloc a
            join (select project_id, community_code, count(*) over (partition by project_id) as n from project_community) pc on pc.project_id = a.project_id
            group by a.kas_code, pc.community_code
          ) x),
        'timeline', (select coalesce(jsonb_agg(jsonb_build_object('year', y.year, 'projects', y.projects, 'commitments', m.commitments, 'disbursements', m.disbursements) order by y.year), '[]')
          from (
            -- Projects under way per year: +1 in a project's first year, -1 after its last, summed over the years.
            select g.year, sum(coalesce(d.delta, 0)) over (order by g.year)::int as projects
            from (select min(extract(year from f.starts))::int as lo, max(extract(year from f.ends))::int as hi from f) r
            cross join lateral generate_series(r.lo, r.hi) as g(year)
            left join (
              select year, sum(delta) as delta from (
                select extract(year from f.starts)::int as year, 1 as delta from f
                union all
                select extract(year from f.ends)::int + 1, -1 from f
              ) e group by year
            ) d on d.year = g.year
          ) y
          left join (
            select pf.year, sum(pf.amount) filter (where pf.kind = 'commitment') as commitments, sum(pf.amount) filter (where pf.kind = 'disbursement') as disbursements
            from project_finance pf join f on f.id = pf.project_id and f.currency = 'EUR' group by pf.year
          ) m on m.year = y.year
          where y.projects > 0),
        -- Independent of the filter: the measures some validated project funds, and the donors of validated projects.
        'fundedMeasureIds', (select coalesce(jsonb_agg(distinct pm.measure_id), '[]') from project_measure pm join project p on p.id = pm.project_id where p.validation_status = 'validated'),
        'donorIds', (select coalesce(jsonb_agg(distinct po.organisation_id), '[]') from project_organisation po join project p on p.id = po.project_id where po.role = 'funding' and p.validation_status = 'validated')
      ) as figures
    ),
    stored as (
      insert into project_figures_cache (filter_key, generation, figures, computed_at)
      select ${filterKey}, gen.generation, c.figures, now() from computed c, gen
      on conflict (filter_key) do update set generation = excluded.generation, figures = excluded.figures, computed_at = excluded.computed_at
      returning 1
    ),
    cleaned as (
      delete from project_figures_cache c using gen where c.generation <> gen.generation
      returning 1
    )
    select figures::text as figures from computed`.execute(db);
  return result.rows[0]!.figures;
}

/**
 * The view from the figures kept for the filter at the current generation (or from `computed`, the
 * figures just computed, when given), with what is read per request: the page of the table through
 * the ordering index, the names, the census, the unfunded measures and the donors. Null when no
 * figures are kept for the filter at this generation and none are given.
 */
async function readCoordinationView(
  db: Db,
  filter: ProjectFilter,
  filterKey: string,
  withUnfunded: boolean,
  computed: string | null,
): Promise<CoordinationView | null> {
  const offset = (filter.page - 1) * PROJECTS_PAGE_SIZE;
  const result = await sql<{ view: CoordinationView | null }>`
    with f as not materialized (${filteredProjects(filter)}),
    page as (
      select * from f order by starts desc, id desc limit ${PROJECTS_PAGE_SIZE} offset ${offset}
    ),
    gen as (select generation from project_figures_generation),
    fig as materialized (
      select coalesce(
        (select c.figures from project_figures_cache c, gen where c.filter_key = ${filterKey} and c.generation = gen.generation),
        ${computed}::jsonb
      ) as figures
    ),
    funded as materialized (select (x.id)::int as id from fig, jsonb_array_elements_text(fig.figures->'fundedMeasureIds') x(id))
    select case when (select figures from fig) is not null then json_build_object(
      'total', (select figures->'total' from fig),
      'budgetEur', (select figures->'budgetEur' from fig),
      'otherCurrency', (select figures->'otherCurrency' from fig),
      'rows', (select coalesce(json_agg(json_build_object(
          'id', pg.id, 'title', pg.title, 'originalLocale', pg.original_locale, 'activityStatus', pg.activity_status,
          'starts', pg.starts::text, 'ends', pg.ends::text, 'budget', pg.budget, 'currency', pg.currency,
          'funders', array(select o.name from project_organisation po join organisation o on o.id = po.organisation_id where po.project_id = pg.id and po.role = 'funding' order by o.id),
          'implementers', array(select o.name from project_organisation po join organisation o on o.id = po.organisation_id where po.project_id = pg.id and po.role = 'implementing' order by o.id),
          'sectors', array(select s.sector_code from project_sector s where s.project_id = pg.id order by s.sector_code),
          'municipalities', array(select m.kas_code from project_municipality m where m.project_id = pg.id order by m.kas_code),
          'communities', array(select c.community_code from project_community c where c.project_id = pg.id order by c.community_code)
        ) order by pg.starts desc, pg.id desc), '[]') from page pg),
      'byMunicipality', (select figures->'byMunicipality' from fig),
      'perMember', (select coalesce(json_agg(json_build_object('kasCode', e->>'kasCode', 'community', e->>'community', 'amount', e->'amount', 'population', coalesce(mp.population, 0)) order by e.n), '[]')
        from fig, jsonb_array_elements(fig.figures->'perMember') with ordinality as e(e, n)
        left join municipality_population mp on mp.kas_code = e->>'kasCode' and mp.community_code = e->>'community' and mp.year = 2024),
      'timeline', (select figures->'timeline' from fig),
      -- Numbered on narrow rows (id, plan, order): the titles are joined for the few listed only.
      'unfundedMeasures', (select coalesce(json_agg(json_build_object('id', me.id, 'planCode', ap.code, 'planTitle', ap.title, 'code', me.code, 'title', me.title, 'planUnfunded', w.in_plan, 'plansUnfunded', w.plans) order by ap.code, w.n), '[]')
        from (
          select v.*, max(v.plan_rank) over () as plans
          from (
            select u.*, dense_rank() over (order by p.code, p.id) as plan_rank
            from (
              select r.id, r.action_plan_id, r.n, count(*) over (partition by r.action_plan_id) as in_plan
              from (
                select m.id, m.action_plan_id, row_number() over (partition by m.action_plan_id order by m.sort_order, m.code) as n
                from measure m
                where ${withUnfunded} and m.id not in (select id from funded)
              ) r
            ) u join action_plan p on p.id = u.action_plan_id
          ) v
        ) w join measure me on me.id = w.id join action_plan ap on ap.id = w.action_plan_id
        where w.n <= ${UNFUNDED_PER_PLAN} and w.plan_rank <= ${UNFUNDED_PLANS}),
      'donors', (select coalesce(json_agg(json_build_object('id', o.id, 'name', o.name) order by o.id), '[]') from organisation o
        where o.id in (select (x.id)::int from fig, jsonb_array_elements_text(fig.figures->'donorIds') x(id)))
    ) end as view`.execute(db);
  return result.rows[0]?.view ?? null;
}
