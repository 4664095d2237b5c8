import { useTranslation } from "react-i18next";
import { LabelledSection } from "#app/components/labelled-section.tsx";
import { data, Form, Link, redirect } from "react-router";
import { Button } from "#app/components/button.tsx";
import { CsrfField } from "#app/components/csrf-field.tsx";
import { ErrorSummary } from "#app/components/form.tsx";
import { ChoiceSelectField } from "#app/components/choice-select-field.tsx";
import { FormFields, TextAreaField } from "#app/components/form-fields.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { localeFromParams } from "#app/i18n/locales.ts";
import { cycleBoardPage, reportingPost } from "#app/modules/reporting/reporting-pages.server.ts";
import { useErrorText } from "#app/modules/reporting/components/error-text.ts";
import {
  EvidenceFileField,
  EvidenceUrlField,
  ObservationBody,
  RadioChoice,
} from "#app/modules/reporting/components/form-parts.tsx";
import { addObservation } from "#app/modules/reporting/reporting.commands.server.ts";
import { reportingPolicy } from "#app/modules/reporting/reporting.policy.ts";
import { listCycleMeasures, listCycleObservations } from "#app/modules/reporting/reporting.queries.server.ts";
import { NARRATIVE_LOCALES, OBSERVATION_KINDS, ObservationSchema } from "#app/modules/reporting/reporting.schema.ts";
import { formValues, parseForm } from "#app/services/forms.ts";
import { authorize } from "#app/services/guards.server.ts";
import { postedFile } from "#app/services/posted-file.server.ts";
import type { Route } from "./+types/observations";
import { SavedNotice } from "#app/components/saved-notice.tsx";

/** The fields whose errors the form shows, in its order: the schema's, then the file and the form's own. */
const FIELDS = [...ObservationSchema.keyof().options, "evidenceFile", "form"] as const;

export async function loader(args: Route.LoaderArgs) {
  const { locale, actor, id: cycleId, board } = await cycleBoardPage(args, "observation.view");
  const { request, context } = args;
  const [choices, observations] = await Promise.all([
    listCycleMeasures(context.db, cycleId, locale),
    listCycleObservations(context.db, cycleId, locale),
  ]);
  const url = new URL(request.url);
  return {
    cycle: board.cycle,
    ...choices,
    observations,
    canObserve: reportingPolicy.can(actor, "observation.create", null),
    canManage: reportingPolicy.can(actor, "cycle.view", null),
    preselected: url.searchParams.get("measure") ?? "",
    saved: url.searchParams.get("saved"),
  };
}

export async function action(args: Route.ActionArgs) {
  const { locale, actor, id: cycleId, form, audit } = await reportingPost(args, "cycleId");
  const { context } = args;
  authorize(reportingPolicy, actor, "observation.create", null);
  const parsed = parseForm(ObservationSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const upload = await postedFile(form, "evidenceFile");
  const result = await addObservation(context.db, audit, {
    cycleId,
    observation: parsed.data,
    upload,
    files: context.files,
  });
  if (!result.ok) return data({ errors: result.errors, values: formValues(form) }, { status: result.status });
  throw redirect(`/${locale}/workspace/reporting/cycles/${cycleId}/observations?saved=added`);
}

export default function Observations({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("reporting");
  const errorText = useErrorText();
  const locale = localeFromParams(params);
  const base = `/${locale}/workspace/reporting`;
  const values = actionData?.values ?? {};
  const errors = Object.fromEntries(
    FIELDS.filter((f) => actionData?.errors[f]).map((f) => [f, errorText(actionData?.errors[f] ?? "")]),
  );
  const { cycle } = loaderData;
  return (
    <>
      <PageTitle title={t("observations.pageTitle", { label: cycle.label })} isError={Object.keys(errors).length > 0} />
      <p className="mb-2 text-sm">
        <Link to={loaderData.canManage ? `${base}/cycles/${cycle.id}` : base}>
          {loaderData.canManage ? t("back.toBoard") : t("back.toReporting")}
        </Link>
      </p>
      <PageHeader title={t("observations.pageTitle", { label: cycle.label })} lead={t("observations.lead")} />
      {loaderData.saved ? (
        <SavedNotice className="mb-6 rounded border-s-4 border-emerald-700 bg-emerald-50 p-3">
          {t("saved.observation")}
        </SavedNotice>
      ) : null}
      <ErrorSummary errors={errors} fieldIds={{ form: "measureId" }} />

      {loaderData.canObserve ? (
        <Form method="post" encType="multipart/form-data" className="mb-10 max-w-2xl">
          <FormFields values={values} errors={errors}>
            <CsrfField />
            <ChoiceSelectField
              name="measureId"
              label={t("observations.measure")}
              emptyLabel={t("newCycle.choose")}
              options={loaderData.measures.map((m) => ({ value: String(m.id), label: m.label }))}
              defaultValue={values.measureId ?? loaderData.preselected}
            />
            <RadioChoice
              name="kind"
              legend={t("observations.kind")}
              error={errors.kind}
              className="mb-5"
              options={OBSERVATION_KINDS.map((k) => ({ value: k, label: t(`observationKind.${k}`) }))}
              checked={values.kind ?? "comment"}
            />
            <ChoiceSelectField
              name="indicatorId"
              label={t("observations.indicator")}
              hint={t("observations.indicatorHint")}
              optional
              emptyLabel={t("observations.noIndicator")}
              options={loaderData.indicators.map((i) => ({ value: String(i.id), label: i.label }))}
            />
            <TextAreaField name="body" label={t("observations.body")} />
            <ChoiceSelectField
              name="bodyLocale"
              label={t("report.narrativeLanguage")}
              options={NARRATIVE_LOCALES.map((l) => ({ value: l, label: t(`language.${l}`) }))}
              defaultValue={values.bodyLocale ?? (locale === "sr-cyrl" ? "sr" : locale)}
            />
            <EvidenceUrlField hint={t("observations.evidenceHint")} />
            <EvidenceFileField error={errors.evidenceFile} />
            <Button>{t("observations.submit")}</Button>
          </FormFields>
        </Form>
      ) : null}

      <LabelledSection id="list" heading={t("observations.title")} headingClassName="mb-2">
        {loaderData.observations.length === 0 ? (
          <p>{t("observations.empty")}</p>
        ) : (
          <ul className="max-w-3xl divide-y divide-slate-200 border-y border-slate-200">
            {loaderData.observations.map((o) => (
              <li key={o.id} className="py-3">
                <p className="font-semibold">
                  {o.measureCode} · {t(`observationKind.${o.kind}`)} · {o.organisation} · {o.atText}
                </p>
                <ObservationBody text={o.text} evidence={o.evidence} />
              </li>
            ))}
          </ul>
        )}
      </LabelledSection>
    </>
  );
}
