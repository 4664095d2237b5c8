import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { Button } from "#app/components/button.tsx";
import { CsrfField } from "#app/components/csrf-field.tsx";
import { DataTable } from "#app/components/data-table.tsx";
import { rowLinkColumn } from "#app/components/row-header-columns.tsx";
import { ErrorSummary, Field, OptionList, Select, TextInput } from "#app/components/form.tsx";
import { IntentForm } from "#app/components/intent-form.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { formatNumber } from "#app/i18n/format.ts";
import { localeFromParams } from "#app/i18n/locales.ts";
import { localizeName } from "#app/i18n/translated-text.ts";
import { isCoordinator } from "#app/services/authorization.ts";
import { authorize, requireUser } from "#app/services/guards.server.ts";
import type { ProjectOverlapDecision } from "#app/db/tables/projects.ts";
import { computeOverlaps, listOverlapQueue } from "../overlaps.server.ts";
import { decideOverlap } from "../projects.commands.server.ts";
import { projectOrganisationsOf, projectsPolicy } from "../projects.policy.ts";
import { loadProjectChoices } from "../projects.queries.server.ts";
import { formatSimilarity, namesFor, projectsTranslator, textOf } from "../projects.view.server.ts";
import {
  decodeProjectsCursor,
  encodeProjectsCursor,
  listWorkspaceProjects,
  WORKSPACE_PROJECTS_LIMIT,
} from "../workspace-list.server.ts";
import type { Route } from "./+types/workspace-projects";
import { parseId } from "#app/services/ids.ts";
import { submittedForm } from "#app/services/form-body.server.ts";
import { SavedNotice } from "#app/components/saved-notice.tsx";

const DECISIONS: ProjectOverlapDecision[] = ["duplicate", "complementary", "unrelated"];

/** The confirmation shown after a redirect here (`?saved=`), in the reader's language. */
function savedMessage(params: URLSearchParams, t: ReturnType<typeof projectsTranslator>): string | null {
  const saved = params.get("saved");
  if (!saved) return null;
  if (saved === "imported")
    return t("workspace.saved.imported", {
      created: Number(params.get("created") ?? 0),
      updated: Number(params.get("updated") ?? 0),
    });
  return t("workspace.saved.save");
}

/** The workspace list: one's organisation's projects (all of them for the Office), and for the Office the overlap queue. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  authorize(projectsPolicy, actor, "project.workspace", null);
  const coordinator = isCoordinator(actor);
  const own = projectOrganisationsOf(actor);
  const t = projectsTranslator(locale);
  const search = new URL(request.url).searchParams;
  const afterParam = search.get("after");
  const after = afterParam === null ? null : decodeProjectsCursor(afterParam);
  if (afterParam !== null && !after) throw data(null, { status: 400 });
  // The overlap queue names municipalities, sectors and communities; owners are named by the list's own query.
  const [list, choices, queue] = await Promise.all([
    listWorkspaceProjects(context.db, coordinator ? null : own, after),
    loadProjectChoices(context.db, { measures: "none", organisations: false }),
    coordinator ? listOverlapQueue(context.db, { decided: false, limit: 50, offset: 0 }) : null,
  ]);
  const names = namesFor(choices, locale);
  return {
    canCreate: own.length > 0,
    coordinator,
    saved: savedMessage(search, t),
    later: after !== null,
    pageSize: WORKSPACE_PROJECTS_LIMIT,
    next: list.next ? encodeProjectsCursor(list.next) : null,
    projects: list.rows.map((r) => ({
      id: r.id,
      title: textOf(r.title, locale, r.original_locale).text,
      owner: r.owner_name
        ? (localizeName(r.owner_name, r.owner_name_sr_cyrl, locale)?.text ?? "")
        : String(r.owner_organisation_id),
      status: t(`validation.${r.validation_status}`),
    })),
    queue: queue
      ? {
          total: formatNumber(queue.total, locale),
          pairs: queue.pairs.map((p) => ({
            key: `${p.a.id}-${p.b.id}`,
            a: { id: p.a.id, title: textOf(p.a.title, locale).text },
            b: { id: p.b.id, title: textOf(p.b.title, locale).text },
            score: formatSimilarity(p.score, locale),
            shared: names.shared(p),
          })),
        }
      : null,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const form = await submittedForm(request, context);
  const intent = form.get("intent");
  authorize(projectsPolicy, actor, "project.reviewOverlaps", null);
  if (intent === "recompute") {
    await computeOverlaps(context.db);
    throw redirect(`/${locale}/workspace/projects?saved=recompute`);
  }
  const decision = String(form.get("decision") ?? "");
  if (!DECISIONS.includes(decision as ProjectOverlapDecision))
    return data({ errors: { decision: "projects:errors.decisionRequired" } }, { status: 400 });
  const projectA = parseId(form.get("a"));
  const projectB = parseId(form.get("b"));
  if (projectA === null || projectB === null) return data({ errors: { form: "core:form.invalid" } }, { status: 400 });
  const result = await decideOverlap(
    context.db,
    { actor, requestId: context.requestId },
    projectA,
    projectB,
    decision as ProjectOverlapDecision,
    String(form.get("note") ?? "").trim() || null,
  );
  if (!result.ok) return data({ errors: result.errors }, { status: result.status });
  throw redirect(`/${locale}/workspace/projects?saved=decision`);
}

export default function WorkspaceProjects({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("projects");
  const errors = Object.fromEntries(Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, t(v)]));
  return (
    <>
      <PageTitle title={t("workspace.index.title")} isError={Object.keys(errors).length > 0} />
      <PageHeader title={t("workspace.index.title")} lead={t("workspace.index.lead")} />
      {loaderData.saved ? (
        <SavedNotice className="mb-4 rounded border-2 border-green-700 p-3">{loaderData.saved}</SavedNotice>
      ) : null}
      <ErrorSummary errors={errors} />
      {loaderData.canCreate ? (
        <p className="mb-6">
          <Link to={`/${params.lang}/workspace/projects/new`} className="font-semibold">
            {t("workspace.index.new")}
          </Link>
          <span aria-hidden="true"> · </span>
          <Link to={`/${params.lang}/workspace/projects/import`}>{t("workspace.index.import")}</Link>
        </p>
      ) : null}
      <DataTable
        caption={t("workspace.index.caption")}
        rows={loaderData.projects}
        columns={[
          rowLinkColumn<(typeof loaderData.projects)[number]>("title", t("table.title"), {
            to: (r) => `/${params.lang}/workspace/projects/${r.id}`,
            text: (r) => r.title,
          }),
          { key: "owner", header: t("form.owner"), cell: (r) => r.owner },
          { key: "status", header: t("workspace.index.validation"), cell: (r) => r.status },
        ]}
      />
      {loaderData.next || loaderData.later ? (
        <nav aria-label={t("workspace.index.pages")} className="mt-4">
          <ul className="flex flex-wrap gap-4">
            {loaderData.later ? (
              <li>
                <Link to={`/${params.lang}/workspace/projects`}>{t("workspace.index.latest")}</Link>
              </li>
            ) : null}
            {loaderData.next ? (
              <li>
                <Link to={`/${params.lang}/workspace/projects?after=${loaderData.next}`} rel="next">
                  {t("workspace.index.older", { count: loaderData.pageSize })}
                </Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
      {loaderData.queue ? (
        <section aria-labelledby="queue-heading" className="mt-10">
          <h2 id="queue-heading">{t("workspace.overlaps.heading", { total: loaderData.queue.total })}</h2>
          <p className="mb-3 text-sm text-slate-700">{t("workspace.overlaps.hint")}</p>
          <IntentForm intent="recompute" className="mb-4">
            <Button variant="secondary">{t("workspace.overlaps.recompute")}</Button>
          </IntentForm>
          <ul className="space-y-4">
            {loaderData.queue.pairs.map((pair) => (
              <li key={pair.key} className="rounded border border-slate-300 p-3">
                <p>
                  <Link to={`/${params.lang}/workspace/projects/${pair.a.id}`}>{pair.a.title}</Link>
                  {" ↔ "}
                  <Link to={`/${params.lang}/workspace/projects/${pair.b.id}`}>{pair.b.title}</Link>
                </p>
                <p className="text-sm text-slate-700">
                  {t("workspace.project.similarity", { score: pair.score })} · {pair.shared}
                </p>
                <Form method="post" className="mt-2 flex flex-col gap-x-4 sm:flex-row sm:items-end">
                  <CsrfField />
                  <input type="hidden" name="a" value={pair.a.id} />
                  <input type="hidden" name="b" value={pair.b.id} />
                  <Field id={`decision-${pair.key}`} label={t("workspace.overlaps.decision")}>
                    {(aria) => (
                      <Select {...aria} name="decision">
                        <OptionList
                          options={DECISIONS.map((d) => ({ value: d, label: t(`workspace.overlaps.${d}`) }))}
                        />
                      </Select>
                    )}
                  </Field>
                  <Field id={`note-${pair.key}`} label={t("workspace.overlaps.note")} optional>
                    {(aria) => <TextInput {...aria} name="note" />}
                  </Field>
                  <Button className="mb-5">{t("workspace.overlaps.save")}</Button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
