import { useTranslation } from "react-i18next";
import { data, Link, redirect } from "react-router";
import { ErrorSummary } from "#app/components/form.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { localeFromParams } from "#app/i18n/locales.ts";
import { requireUser } from "#app/services/guards.server.ts";
import { ProjectForm } from "../components/project-form.tsx";
import { createProject } from "../projects.commands.server.ts";
import { projectOrganisationsOf } from "../projects.policy.ts";
import { loadProjectChoices } from "../projects.queries.server.ts";
import { parseProjectForm, rawFormOf } from "../projects.schema.ts";
import { projectFormOptions, submittedValues } from "../workspace-form.server.ts";
import type { Route } from "./+types/workspace-project-new";
import { submittedForm } from "#app/services/form-body.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  if (projectOrganisationsOf(actor).length === 0) throw data(null, { status: 403 });
  const choices = await loadProjectChoices(context.db);
  return {
    options: projectFormOptions(choices, actor, locale),
    defaults: {
      currency: "EUR",
      ownerOrganisationId: String(projectOrganisationsOf(actor)[0]),
      org_0_id: String(projectOrganisationsOf(actor)[0]),
      org_0_role: "funding",
    },
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  if (projectOrganisationsOf(actor).length === 0) throw data(null, { status: 403 });
  const raw = rawFormOf(await submittedForm(request, context));
  const parsed = parseProjectForm(raw);
  if (!parsed.ok) return data({ errors: parsed.errors, values: submittedValues(raw) }, { status: 400 });
  const result = await createProject(context.db, { actor, requestId: context.requestId }, parsed.input);
  if (!result.ok) return data({ errors: result.errors, values: submittedValues(raw) }, { status: result.status });
  throw redirect(`/${locale}/workspace/projects/${result.id}?saved=created`);
}

export default function WorkspaceProjectNew({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("projects");
  const errors = Object.fromEntries(Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, t(v)]));
  return (
    <>
      <PageTitle title={t("workspace.new.title")} isError={Object.keys(errors).length > 0} />
      <p className="mb-2 text-sm">
        <Link to={`/${params.lang}/workspace/projects`}>{t("workspace.backToList")}</Link>
      </p>
      <PageHeader title={t("workspace.new.title")} lead={t("workspace.new.lead")} />
      <ErrorSummary errors={errors} fieldIds={{ form: "titleSq" }} />
      <ProjectForm
        values={actionData?.values ?? loaderData.defaults}
        errors={errors}
        options={loaderData.options}
        submitLabel={t("workspace.new.submit")}
      />
    </>
  );
}
