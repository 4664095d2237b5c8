import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { Button } from "#app/components/button.tsx";
import { CsrfField } from "#app/components/csrf-field.tsx";
import { ErrorSummary, Field, Select, TextArea, TextInput } from "#app/components/form.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { Translated } from "#app/components/translated.tsx";
import { localeFromParams } from "#app/i18n/locales.ts";
import { addObservation } from "#app/modules/reporting/reporting.commands.server.ts";
import { reportingPolicy } from "#app/modules/reporting/reporting.policy.ts";
import {
  listCycleMeasures,
  listCycleObservations,
  loadCycleBoard,
} from "#app/modules/reporting/reporting.queries.server.ts";
import {
  IdParamSchema,
  NARRATIVE_LOCALES,
  OBSERVATION_KINDS,
  ObservationSchema,
} from "#app/modules/reporting/reporting.schema.ts";
import { formValues, parseForm } from "#app/services/forms.ts";
import { authorize, requireUser } from "#app/services/guards.server.ts";
import type { Route } from "./+types/observations";
import { submittedForm } from "#app/services/form-body.server.ts";
import { requireParam } from "#app/services/ids.ts";

/** The fields whose errors the form shows, in its order: the schema's, then the file and the form's own. */
const FIELDS = [...ObservationSchema.keyof().options, "evidenceFile", "form"] as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const cycleId = requireParam(IdParamSchema, params.cycleId);
  authorize(reportingPolicy, actor, "observation.view", null);
  const board = await loadCycleBoard(context.db, cycleId, locale);
  if (!board) throw data(null, { status: 404 });
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

export async function action({ request, params, context }: Route.ActionArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const cycleId = requireParam(IdParamSchema, params.cycleId);
  const form = await submittedForm(request, context);
  authorize(reportingPolicy, actor, "observation.create", null);
  const parsed = parseForm(ObservationSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const file = form.get("evidenceFile");
  const upload =
    file instanceof File && file.size > 0 ? { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name } : null;
  const result = await addObservation(
    context.db,
    { actor, requestId: context.requestId },
    { cycleId, observation: parsed.data, upload, files: context.files },
  );
  if (!result.ok) return data({ errors: result.errors, values: formValues(form) }, { status: result.status });
  throw redirect(`/${locale}/workspace/reporting/cycles/${cycleId}/observations?saved=added`);
}

export default function Observations({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("reporting");
  const { t: tc } = useTranslation("core");
  const locale = localeFromParams(params);
  const base = `/${locale}/workspace/reporting`;
  const values = actionData?.values ?? {};
  const errors = Object.fromEntries(
    FIELDS.filter((f) => actionData?.errors[f]).map((f) => {
      const key = actionData?.errors[f] ?? "";
      return [f, key.startsWith("core:") ? tc(key.slice(5)) : t(key)];
    }),
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
        <p role="status" className="mb-6 rounded border-s-4 border-emerald-700 bg-emerald-50 p-3">
          {t("saved.observation")}
        </p>
      ) : null}
      <ErrorSummary errors={errors} fieldIds={{ form: "measureId" }} />

      {loaderData.canObserve ? (
        <Form method="post" encType="multipart/form-data" className="mb-10 max-w-2xl">
          <CsrfField />
          <Field id="measureId" label={t("observations.measure")} error={errors.measureId}>
            {(aria) => (
              <Select {...aria} name="measureId" defaultValue={values.measureId ?? loaderData.preselected}>
                <option value="">{t("newCycle.choose")}</option>
                {loaderData.measures.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <fieldset className="mb-5" aria-describedby={errors.kind ? "kind-error" : undefined}>
            <legend className="font-semibold">{t("observations.kind")}</legend>
            {errors.kind ? (
              <p id="kind-error" className="font-semibold text-red-800">
                {errors.kind}
              </p>
            ) : null}
            {OBSERVATION_KINDS.map((k, index) => (
              <label key={k} className="flex min-h-11 items-center gap-2">
                <input
                  type="radio"
                  name="kind"
                  value={k}
                  id={index === 0 ? "kind" : undefined}
                  defaultChecked={(values.kind ?? "comment") === k}
                />
                {t(`observationKind.${k}`)}
              </label>
            ))}
          </fieldset>
          <Field
            id="indicatorId"
            label={t("observations.indicator")}
            hint={t("observations.indicatorHint")}
            error={errors.indicatorId}
            optional
          >
            {(aria) => (
              <Select {...aria} name="indicatorId" defaultValue={values.indicatorId ?? ""}>
                <option value="">{t("observations.noIndicator")}</option>
                {loaderData.indicators.map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field id="body" label={t("observations.body")} error={errors.body}>
            {(aria) => <TextArea {...aria} name="body" defaultValue={values.body ?? ""} />}
          </Field>
          <Field id="bodyLocale" label={t("report.narrativeLanguage")} error={errors.bodyLocale}>
            {(aria) => (
              <Select
                {...aria}
                name="bodyLocale"
                defaultValue={values.bodyLocale ?? (locale === "sr-cyrl" ? "sr" : locale)}
              >
                {NARRATIVE_LOCALES.map((l) => (
                  <option key={l} value={l}>
                    {t(`language.${l}`)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field
            id="evidenceUrl"
            label={t("report.evidenceUrl")}
            hint={t("observations.evidenceHint")}
            error={errors.evidenceUrl}
            optional
          >
            {(aria) => <TextInput {...aria} type="url" name="evidenceUrl" defaultValue={values.evidenceUrl ?? ""} />}
          </Field>
          <Field
            id="evidenceFile"
            label={t("report.evidenceFile")}
            hint={t("report.evidenceFileHint")}
            error={errors.evidenceFile}
            optional
          >
            {(aria) => (
              <input {...aria} type="file" name="evidenceFile" className="block w-full max-w-full text-base" />
            )}
          </Field>
          <Button>{t("observations.submit")}</Button>
        </Form>
      ) : null}

      <section aria-labelledby="list">
        <h2 id="list" className="mb-2">
          {t("observations.title")}
        </h2>
        {loaderData.observations.length === 0 ? (
          <p>{t("observations.empty")}</p>
        ) : (
          <ul className="max-w-3xl divide-y divide-slate-200 border-y border-slate-200">
            {loaderData.observations.map((o) => (
              <li key={o.id} className="py-3">
                <p className="font-semibold">
                  {o.measureCode} · {t(`observationKind.${o.kind}`)} · {o.organisation} · {o.atText}
                </p>
                <Translated value={o.text} as="p" className="whitespace-pre-wrap break-words" />
                {o.evidence.map((href) => (
                  <p key={href} className="text-sm">
                    <a href={href} rel="noopener noreferrer nofollow">
                      {t("observations.evidence")}
                    </a>
                  </p>
                ))}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
