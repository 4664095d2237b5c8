import { useTranslation } from "react-i18next";
import { data, Link, redirect } from "react-router";
import { Button } from "#app/components/button.tsx";
import { ChoiceField, ErrorSummary, Field, TextInput } from "#app/components/form.tsx";
import { TextAreaField } from "#app/components/form-fields.tsx";
import { IntentForm } from "#app/components/intent-form.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { Translated } from "#app/components/translated.tsx";
import { parseForm } from "#app/services/forms.ts";
import type { InputHTMLAttributes } from "react";
import type { DisaggregatedValue, ProjectDisaggregation } from "#app/db/tables/projects.ts";
import {
  addIndicator,
  addResult,
  changePeriodStatus,
  commentOnProject,
  recordPeriodValues,
} from "../projects.commands.server.ts";
import { projectsPolicy } from "../projects.policy.ts";
import {
  getProjectHeader,
  listProjectComments,
  loadProjectChoices,
  loadResultsFrameworks,
} from "../projects.queries.server.ts";
import {
  disaggregationCategories,
  DISAGGREGATIONS,
  IndicatorFormSchema,
  INDICATOR_UNITS,
  parseDecimal,
  ResultFormSchema,
} from "../projects.schema.ts";
import { namesFor, projectsTranslator, textOf } from "../projects.view.server.ts";
import { resultsView } from "../results-view.server.ts";
import { requireReadableProject, startProjectAction } from "../project-route.server.ts";
import type { Route } from "./+types/workspace-project-results";
import { SavedNotice } from "#app/components/saved-notice.tsx";

export async function loader(args: Route.LoaderArgs) {
  const { request, context } = args;
  const { locale, actor, id, project: header } = await requireReadableProject(args, getProjectHeader);
  const [frameworks, choices, comments] = await Promise.all([
    loadResultsFrameworks(context.db, [id], { approvedOnly: false }),
    loadProjectChoices(context.db),
    listProjectComments(context.db, id),
  ]);
  const t = projectsTranslator(locale);
  const names = namesFor(choices, locale);
  const results = resultsView(frameworks.get(id) ?? [], choices, locale);
  const communityCodes = choices.communities.map((c) => c.code);
  return {
    id,
    title: textOf(header.title, locale, header.originalLocale).text,
    canEdit: projectsPolicy.can(actor, "project.update", header),
    canApprove: projectsPolicy.can(actor, "project.approveValues", header),
    canComment: projectsPolicy.can(actor, "project.comment", header),
    saved: new URL(request.url).searchParams.get("saved"),
    results,
    outcomes: results.filter((r) => r.kind === "outcome").map((r) => ({ value: String(r.id), label: r.title.text })),
    resultOptions: results.map((r) => ({ value: String(r.id), label: `${r.kindLabel}: ${r.title.text}` })),
    indicatorForms: results.flatMap((r) =>
      r.indicators.map((i) => ({
        id: i.id,
        label: i.name.text,
        dimensions: i.disaggregations.map((d) => ({
          dimension: d,
          label: t(`results.dimension.${d}`),
          categories: disaggregationCategories(d, communityCodes).map((c) => ({
            code: c,
            label: d === "community" ? names.community(c) : t(`results.category.${c}`),
          })),
        })),
      })),
    ),
    comments: comments.map((c) => ({ id: c.id, periodId: c.period_id, author: c.author_label, body: c.body })),
  };
}

function one(raw: Record<string, string | string[] | undefined>, name: string): string {
  const v = raw[name];
  return (Array.isArray(v) ? v[0] : v)?.trim() ?? "";
}

export async function action(args: Route.ActionArgs) {
  const { context } = args;
  const { locale, id, form, raw, audit } = await startProjectAction(args);
  const intent = one(raw, "intent");
  let result: { ok: true } | { ok: false; status: number; errors: Record<string, string> };
  if (intent === "add-result") {
    const parsed = parseForm(ResultFormSchema, form);
    if (!parsed.ok) return data({ intent, errors: parsed.errors }, { status: 400 });
    const d = parsed.data;
    result = await addResult(context.db, audit, id, {
      kind: d.kind,
      parentId: d.parentId,
      title: Object.fromEntries(Object.entries({ sq: d.titleSq, sr: d.titleSr, en: d.titleEn }).filter(([, v]) => v)),
    });
  } else if (intent === "add-indicator") {
    const parsed = parseForm(IndicatorFormSchema, form);
    if (!parsed.ok) return data({ intent, errors: parsed.errors }, { status: 400 });
    const d = parsed.data;
    result = await addIndicator(context.db, audit, id, {
      resultId: d.resultId,
      name: Object.fromEntries(Object.entries({ sq: d.nameSq, sr: d.nameSr, en: d.nameEn }).filter(([, v]) => v)),
      unit: d.unit,
      baselineValue: d.baselineValue,
      baselineYear: d.baselineYear,
      disaggregations: d.disaggregations as ProjectDisaggregation[],
    });
  } else if (intent === "record") {
    const errors: Record<string, string> = {};
    const number = (name: string) => {
      const v = parseDecimal(one(raw, name));
      if (v !== null && Number.isNaN(v)) errors[name] = "projects:errors.amountInvalid";
      return v === null || Number.isNaN(v) ? null : v;
    };
    const indicatorId = Number(one(raw, "indicatorId"));
    const disaggregation: DisaggregatedValue[] = [];
    for (const key of Object.keys(raw)) {
      const match = /^dis_(community|gender|beneficiary_type)_([a-z_]{1,40})$/.exec(key);
      if (!match) continue;
      const value = number(key);
      if (value !== null)
        disaggregation.push({ dimension: match[1] as ProjectDisaggregation, category: match[2]!, value });
    }
    const target = number("target");
    const actual = number("actual");
    if (Object.keys(errors).length) return data({ intent, errors }, { status: 400 });
    const narrative = one(raw, "narrative");
    result = await recordPeriodValues(
      context.db,
      audit,
      id,
      {
        indicatorId,
        periodStart: one(raw, "periodStart"),
        periodEnd: one(raw, "periodEnd"),
        target,
        actual,
        narrative: narrative ? { [locale === "sr-cyrl" ? "sr" : locale]: narrative.slice(0, 5000) } : {},
        disaggregation,
      },
      null,
    );
  } else if (intent === "submit-value" || intent === "approve-value") {
    result = await changePeriodStatus(
      context.db,
      audit,
      id,
      Number(one(raw, "periodId")),
      intent === "submit-value" ? "submitted" : "approved",
    );
  } else if (intent === "comment-value") {
    result = await commentOnProject(context.db, audit, id, Number(one(raw, "periodId")) || null, one(raw, "comment"));
  } else return data({ intent, errors: { form: "projects:errors.unknownIntent" } }, { status: 400 });
  if (!result.ok) return data({ intent, errors: result.errors }, { status: result.status });
  throw redirect(`/${locale}/workspace/projects/${id}/results?saved=${intent}`);
}

/** The frame of each of the page's forms that add or record something. */
const FORM_BOX = "mb-8 max-w-2xl rounded border border-slate-300 p-4";

/**
 * A labelled input that starts empty on every showing, as the page's forms each add or record something new
 * (`name`, `type` and `inputMode` are the input's).
 */
function BlankInputField({
  id,
  label,
  optional,
  error,
  ...input
}: {
  id: string;
  label: string;
  optional?: boolean;
  error?: string | undefined;
} & Pick<InputHTMLAttributes<HTMLInputElement>, "name" | "type" | "inputMode">) {
  return (
    <Field id={id} label={label} optional={optional} error={error}>
      {(aria) => <TextInput {...aria} {...input} />}
    </Field>
  );
}

/**
 * One optional text field per language (`<name>Sq`, `<name>Sr`, `<name>En`), as the results framework's titles and
 * names are entered; a missing text is reported on the first.
 */
function FieldPerLanguage({
  idPrefix,
  name,
  labelOf,
  error,
}: {
  idPrefix: string;
  name: string;
  labelOf: (suffix: "Sq" | "Sr" | "En") => string;
  error: string | undefined;
}) {
  return (
    <>
      {(["Sq", "Sr", "En"] as const).map((s) => (
        <BlankInputField
          key={s}
          id={`${idPrefix}${name}${s}`}
          label={labelOf(s)}
          optional
          error={s === "Sq" ? error : undefined}
          name={`${name}${s}`}
        />
      ))}
    </>
  );
}

export default function WorkspaceProjectResults({ loaderData: p, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("projects");
  const errorsFor = (intent: string) =>
    actionData?.intent === intent
      ? Object.fromEntries(Object.entries(actionData.errors).map(([k, v]) => [k, t(v)]))
      : {};
  const allErrors = actionData ? Object.fromEntries(Object.entries(actionData.errors).map(([k, v]) => [k, t(v)])) : {};
  const resultErrors = errorsFor("add-result");
  const indicatorErrors = errorsFor("add-indicator");
  const recordErrors = errorsFor("record");
  return (
    <>
      <PageTitle title={t("workspace.results.title", { title: p.title })} isError={Object.keys(allErrors).length > 0} />
      <p className="mb-2 text-sm">
        <Link to={`/${params.lang}/workspace/projects/${p.id}`}>{t("workspace.results.back")}</Link>
      </p>
      <PageHeader title={t("workspace.results.title", { title: p.title })} lead={t("workspace.results.lead")} />
      {p.saved ? (
        <SavedNotice className="mb-4 rounded border-2 border-green-700 p-3">{t("workspace.results.saved")}</SavedNotice>
      ) : null}
      <ErrorSummary errors={allErrors} />

      {p.results.length === 0 ? <p className="mb-6">{t("results.none")}</p> : null}
      {p.results.map((r) => (
        <section
          key={r.id}
          className={`mb-6 ${r.kind === "output" ? "ms-4 border-s-4 border-slate-200 ps-4" : ""}`}
          aria-labelledby={`result-${r.id}`}
        >
          <h2 className="text-lg" id={`result-${r.id}`}>
            {r.kindLabel}: <Translated value={r.title} />
          </h2>
          {r.indicators.map((i) => (
            <div key={i.id} className="mt-2">
              <h3 className="text-base">
                <Translated value={i.name} />{" "}
                <span className="font-normal text-slate-700">
                  ({t("results.baseline")}: {i.baseline})
                </span>
              </h3>
              <ul className="mt-1 space-y-2">
                {i.periods.map((period) => (
                  <li key={period.id} className="rounded bg-slate-50 p-2">
                    <p>
                      {period.period}: {t("results.target")} {period.target}, {t("results.actual")} {period.actual}
                      {" — "}
                      <strong>{period.statusLabel}</strong>
                    </p>
                    {period.disaggregation.length ? (
                      <p className="text-sm">{period.disaggregation.map((d) => `${d.label} ${d.value}`).join("; ")}</p>
                    ) : null}
                    {period.narrative.text ? <Translated value={period.narrative} as="p" className="text-sm" /> : null}
                    {p.comments
                      .filter((c) => c.periodId === period.id)
                      .map((c) => (
                        <p key={c.id} className="text-sm text-slate-800">
                          {t("workspace.results.commentBy", { author: c.author })}: {c.body}
                        </p>
                      ))}
                    <div className="mt-1 flex flex-wrap gap-2">
                      {p.canEdit && period.status === "draft" ? (
                        <IntentForm intent="submit-value" values={{ periodId: period.id }}>
                          <Button variant="secondary">{t("workspace.results.submitValue")}</Button>
                        </IntentForm>
                      ) : null}
                      {p.canApprove && period.status === "submitted" ? (
                        <IntentForm intent="approve-value" values={{ periodId: period.id }}>
                          <Button variant="secondary">{t("workspace.results.approveValue")}</Button>
                        </IntentForm>
                      ) : null}
                    </div>
                    {p.canComment ? (
                      <IntentForm intent="comment-value" values={{ periodId: period.id }} className="mt-2">
                        <TextAreaField
                          id={`comment-${period.id}`}
                          name="comment"
                          label={t("workspace.project.comment")}
                          rows={2}
                        />
                        <Button variant="secondary">{t("workspace.project.addComment")}</Button>
                      </IntentForm>
                    ) : null}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}

      {p.canEdit ? (
        <>
          <IntentForm intent="add-result" noValidate className={FORM_BOX}>
            <h2 className="mb-2">{t("workspace.results.addResult")}</h2>
            <ChoiceField
              id="kind"
              label={t("workspace.results.kind")}
              error={resultErrors.kind}
              options={[
                { value: "outcome", label: t("results.kind.outcome") },
                { value: "output", label: t("results.kind.output") },
              ]}
              value={p.outcomes.length ? "output" : "outcome"}
            />
            <ChoiceField
              id="parentId"
              label={t("workspace.results.parent")}
              optional
              hint={t("workspace.results.parentHint")}
              error={resultErrors.parentId}
              emptyLabel={t("form.none")}
              options={p.outcomes}
              value={undefined}
            />
            <FieldPerLanguage
              idPrefix="result-"
              name="title"
              labelOf={(s) => t(`form.title${s}`)}
              error={resultErrors.titleSq}
            />
            <Button>{t("workspace.results.addResultSubmit")}</Button>
          </IntentForm>

          {p.resultOptions.length > 0 ? (
            <IntentForm intent="add-indicator" noValidate className={FORM_BOX}>
              <h2 className="mb-2">{t("workspace.results.addIndicator")}</h2>
              <ChoiceField
                id="resultId"
                label={t("workspace.results.result")}
                error={indicatorErrors.resultId}
                options={p.resultOptions}
                value={undefined}
              />
              <FieldPerLanguage
                idPrefix="indicator-"
                name="name"
                labelOf={(s) => t(`workspace.results.name${s}`)}
                error={indicatorErrors.nameSq}
              />
              <ChoiceField
                id="unit"
                label={t("workspace.results.unit")}
                error={indicatorErrors.unit}
                options={INDICATOR_UNITS.map((u) => ({ value: u, label: t(`results.unit.${u}`) }))}
                value={undefined}
              />
              {(
                [
                  { name: "baselineValue", label: t("workspace.results.baselineValue"), inputMode: "decimal" },
                  { name: "baselineYear", label: t("workspace.results.baselineYear"), inputMode: "numeric" },
                ] as const
              ).map(({ name, ...field }) => (
                <BlankInputField key={name} id={name} {...field} optional error={indicatorErrors[name]} name={name} />
              ))}
              <fieldset className="mb-5">
                <legend className="font-semibold">{t("results.disaggregation")}</legend>
                {DISAGGREGATIONS.map((d) => (
                  <label key={d} className="flex items-center gap-2">
                    <input type="checkbox" name="disaggregations" value={d} className="h-5 w-5" />
                    {t(`results.dimension.${d}`)}
                  </label>
                ))}
              </fieldset>
              <Button>{t("workspace.results.addIndicatorSubmit")}</Button>
            </IntentForm>
          ) : null}

          {p.indicatorForms.map((indicator) => (
            <IntentForm
              key={indicator.id}
              intent="record"
              values={{ indicatorId: indicator.id }}
              noValidate
              className={FORM_BOX}
            >
              <h2 className="mb-2 text-lg">{t("workspace.results.recordFor", { name: indicator.label })}</h2>
              <div className="grid gap-x-4 sm:grid-cols-2">
                {(
                  [
                    { name: "periodStart", label: t("workspace.results.periodStart"), type: "date" },
                    { name: "periodEnd", label: t("workspace.results.periodEnd"), type: "date" },
                    { name: "target", label: t("results.target"), optional: true, inputMode: "decimal" },
                    { name: "actual", label: t("results.actual"), optional: true, inputMode: "decimal" },
                  ] as const
                ).map(({ name, ...field }) => (
                  <BlankInputField
                    key={name}
                    id={`${name}-${indicator.id}`}
                    {...field}
                    error={recordErrors[name]}
                    name={name}
                  />
                ))}
              </div>
              {indicator.dimensions.map((d) => (
                <fieldset key={d.dimension} className="mb-4">
                  <legend className="font-semibold">{d.label}</legend>
                  <div className="grid gap-x-4 sm:grid-cols-3">
                    {d.categories.map((c) => (
                      <BlankInputField
                        key={c.code}
                        id={`dis-${indicator.id}-${d.dimension}-${c.code}`}
                        label={c.label}
                        optional
                        name={`dis_${d.dimension}_${c.code}`}
                        inputMode="decimal"
                      />
                    ))}
                  </div>
                </fieldset>
              ))}
              <TextAreaField
                id={`narrative-${indicator.id}`}
                name="narrative"
                label={t("results.narrative")}
                optional
                rows={3}
              />
              <Button>{t("workspace.results.record")}</Button>
            </IntentForm>
          ))}
        </>
      ) : null}
    </>
  );
}
