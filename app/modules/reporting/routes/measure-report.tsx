import { Fragment, type ReactNode } from "react";
import { LabelledSection } from "#app/components/labelled-section.tsx";
import { useTranslation } from "react-i18next";
import { data, Link, redirect } from "react-router";
import { Button } from "#app/components/button.tsx";
import { IntentForm } from "#app/components/intent-form.tsx";
import { ErrorSummary } from "#app/components/form.tsx";
import { ChoiceSelectField } from "#app/components/choice-select-field.tsx";
import { FormFields, TextAreaField, TextField } from "#app/components/form-fields.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { Translated, TranslationNote } from "#app/components/translated.tsx";
import { localeFromParams } from "#app/i18n/locales.ts";
import { reportingPost, reportingRecordPage } from "#app/modules/reporting/reporting-pages.server.ts";
import { writtenText } from "#app/i18n/translated-text.ts";
import { useErrorText } from "#app/modules/reporting/components/error-text.ts";
import {
  EvidenceFileField,
  EvidenceUrlField,
  ObservationBody,
  RadioChoice,
} from "#app/modules/reporting/components/form-parts.tsx";
import { ImplementationTag, ReviewTag } from "#app/modules/reporting/components/status-tags.tsx";
import {
  removeEvidence,
  reviewMeasureReport,
  saveMeasureReport,
} from "#app/modules/reporting/reporting.commands.server.ts";
import { reportingPolicy } from "#app/modules/reporting/reporting.policy.ts";
import { loadMeasureReport } from "#app/modules/reporting/reporting.queries.server.ts";
import {
  figureField,
  GENDERS,
  IdParamSchema,
  IMPLEMENTATION_STATUSES,
  MeasureReportFieldsSchema,
  NARRATIVE_LOCALES,
  parseFigures,
  ReviewSchema,
  spendingField,
} from "#app/modules/reporting/reporting.schema.ts";
import { formValues, parseForm, submitFormCommand } from "#app/services/forms.ts";
import { authorize, authorizeRecord } from "#app/services/guards.server.ts";
import { postedFile } from "#app/services/posted-file.server.ts";
import type { Route } from "./+types/measure-report";
import { SavedNotice } from "#app/components/saved-notice.tsx";

export async function loader(args: Route.LoaderArgs) {
  const { locale, actor, id } = reportingRecordPage(args, "reportId");
  const { request, context } = args;
  const loaded = await loadMeasureReport(context.db, id, locale);
  if (!loaded) throw data(null, { status: 404 });
  const subject = { organisationId: loaded.report.organisationId, kasCode: loaded.report.kasCode };
  authorizeRecord(reportingPolicy, actor, "task.view", subject);
  const r = loaded.report;
  return {
    ...loaded,
    canEdit:
      reportingPolicy.can(actor, "task.report", subject) &&
      r.cycleStatus === "open" &&
      (r.reviewState === "draft" || r.reviewState === "returned"),
    canReview: reportingPolicy.can(actor, "report.review", null) && r.reviewState === "submitted",
    saved: new URL(request.url).searchParams.get("saved"),
    /** The narratives as written, in the language the reporter chose (with `lang`, and the note when it is not the reader's). */
    narratives: {
      achievements: writtenText(r.achievements, r.achievementsLocale, locale),
      challenges: writtenText(r.challenges, r.challengesLocale, locale),
    },
  };
}

export async function action(args: Route.ActionArgs) {
  const { locale, actor, id: reportId, form, intent, audit } = await reportingPost(args, "reportId");
  const { context } = args;
  const here = `/${locale}/workspace/reporting/reports/${reportId}`;

  if (intent === "review") {
    authorize(reportingPolicy, actor, "report.review", null);
    return submitFormCommand(
      form,
      ReviewSchema,
      (input) => reviewMeasureReport(context.db, audit, { reportId, ...input }, { publicUrl: context.publicUrl }),
      () => `${here}?saved=${form.get("decision") === "approve" ? "approved" : "returned"}`,
    );
  }

  const loaded = await loadMeasureReport(context.db, reportId, locale);
  if (!loaded) throw data(null, { status: 404 });
  authorize(reportingPolicy, actor, "task.report", {
    organisationId: loaded.report.organisationId,
    kasCode: loaded.report.kasCode,
  });

  if (intent === "removeEvidence") {
    const evidenceId = IdParamSchema.safeParse(form.get("evidenceId"));
    const version = IdParamSchema.safeParse(form.get("version"));
    if (!evidenceId.success || !version.success)
      return data({ intent, errors: { form: "core:form.invalid" }, values: {} }, { status: 400 });
    const result = await removeEvidence(context.db, audit, {
      reportId,
      evidenceId: evidenceId.data,
      version: version.data,
    });
    if (!result.ok) return data({ intent, errors: result.errors, values: {} }, { status: result.status });
    throw redirect(`${here}?saved=evidenceRemoved`);
  }

  const parsed = parseForm(MeasureReportFieldsSchema, form);
  const figures = parseFigures(form, loaded.indicators);
  if (!parsed.ok || !figures.ok) {
    return data(
      {
        intent: "save",
        errors: { ...(parsed.ok ? {} : parsed.errors), ...(figures.ok ? {} : figures.errors) },
        values: formValues(form),
      },
      { status: 400 },
    );
  }
  const upload = await postedFile(form, "evidenceFile");
  const result = await saveMeasureReport(context.db, audit, {
    reportId,
    fields: parsed.data,
    values: figures.values,
    spending: figures.spending,
    upload,
    files: context.files,
  });
  if (!result.ok)
    return data({ intent: "save", errors: result.errors, values: formValues(form) }, { status: result.status });
  throw redirect(`${here}?saved=draft`);
}

export default function MeasureReportPage({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("reporting");
  const errorText = useErrorText();
  const locale = localeFromParams(params);
  const base = `/${locale}/workspace/reporting`;
  const { report, measure, indicators, budget, evidence, versions, observations } = loaderData;
  const submitted = actionData?.values as Record<string, string> | undefined;
  const errors: Record<string, string> = Object.fromEntries(
    Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, errorText(v)]),
  );
  const stored: Record<string, string> = {
    status: report.status,
    achievements: report.achievements,
    achievementsLocale: report.achievementsLocale,
    challenges: report.challenges,
    challengesLocale: report.challengesLocale,
    recommendations: report.recommendations,
    ...Object.assign({}, ...indicators.map((i) => i.values)),
    ...Object.fromEntries(budget.map((b) => [spendingField(b.source), b.spent])),
  };
  const values = submitted ?? stored;
  const title = `${measure.code} — ${measure.title?.text ?? ""}`;
  const unitHint = (unit: string) => t(`unit.${unit}`);

  return (
    <>
      <PageTitle title={`${title} – ${report.cycleLabel}`} isError={Object.keys(errors).length > 0} />
      <p className="mb-2 text-sm">
        <Link to={`${base}/tasks/${report.taskId}`}>{t("back.toTask")}</Link>
      </p>
      <PageHeader
        title={<span lang={measure.title?.lang}>{title}</span>}
        lead={`${report.organisation} · ${report.cycleLabel}`}
      >
        <TranslationNote value={measure.title} />
        <p className="mt-2 flex flex-wrap gap-2">
          <ImplementationTag status={report.status} />
          <ReviewTag state={report.reviewState} />
        </p>
      </PageHeader>
      {loaderData.saved ? (
        <SavedNotice className="mb-6 rounded border-s-4 border-emerald-700 bg-emerald-50 p-3">
          {t(
            `saved.${["draft", "approved", "returned", "evidenceRemoved"].includes(loaderData.saved) ? loaderData.saved : "draft"}`,
          )}
        </SavedNotice>
      ) : null}
      {report.reviewState === "returned" && report.reviewerComment ? (
        <div className="mb-6 rounded border-s-4 border-amber-500 bg-amber-50 p-3">
          <p className="font-semibold">{t("report.returnedTitle")}</p>
          <p>{report.reviewerComment}</p>
        </div>
      ) : null}
      <ErrorSummary errors={errors} fieldIds={{ form: loaderData.canReview ? "decision" : "status" }} />

      {loaderData.canEdit ? (
        <IntentForm
          intent="save"
          values={{ version: report.version }}
          encType="multipart/form-data"
          className="max-w-3xl"
        >
          <FormFields values={values} errors={errors}>
            <ChoiceSelectField
              name="status"
              label={t("report.status")}
              options={IMPLEMENTATION_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            />
            {(["achievements", "challenges"] as const).map((name) => (
              <div key={name}>
                <TextAreaField name={name} label={t(`report.${name}`)} hint={t(`report.${name}Hint`)} optional />
                <ChoiceSelectField
                  name={`${name}Locale`}
                  label={t("report.narrativeLanguage")}
                  emptyLabel={t("report.chooseLanguage")}
                  options={NARRATIVE_LOCALES.map((l) => ({ value: l, label: t(`language.${l}`) }))}
                />
              </div>
            ))}
            <TextAreaField name="recommendations" label={t("report.recommendations")} optional rows={3} />

            {indicators.length ? (
              <fieldset className="mb-6 border-t border-slate-300 pt-4">
                <legend className="text-xl font-semibold">{t("report.indicators")}</legend>
                {indicators.map((ind) => (
                  <div key={ind.id} className="mb-4">
                    <h3 className="mb-2 text-lg" lang={ind.name?.lang}>
                      {ind.code} — {ind.name?.text}
                    </h3>
                    <p className="mb-2 text-sm text-slate-700">
                      {unitHint(ind.unit)}
                      {ind.baselineText ? ` · ${t("report.baseline", { value: ind.baselineText })}` : ""}
                      {ind.targetText ? ` · ${t("report.target", { year: report.year, value: ind.targetText })}` : ""}
                    </p>
                    <DecimalField name={figureField(ind.id)} label={t("report.total")} narrow />
                    {ind.byCommunity ? (
                      <BreakdownFields
                        legend={t("report.byCommunity")}
                        fields={ind.communities.map((c) => ({
                          name: figureField(ind.id, { community: c }),
                          label: ind.communityNames[c] ?? c,
                        }))}
                      />
                    ) : null}
                    {ind.byGender ? (
                      <BreakdownFields
                        legend={t("report.byGender")}
                        fields={GENDERS.map((g) => ({
                          name: figureField(ind.id, { gender: g }),
                          label: t(`gender.${g}`),
                        }))}
                      />
                    ) : null}
                  </div>
                ))}
              </fieldset>
            ) : null}

            <fieldset className="mb-6 border-t border-slate-300 pt-4">
              <legend className="text-xl font-semibold">{t("report.spending")}</legend>
              {budget.map((b) => (
                <DecimalField
                  key={b.source}
                  name={spendingField(b.source)}
                  label={t(`source.${b.source}`)}
                  hint={t("report.planned", { amount: b.plannedText })}
                  narrow
                />
              ))}
            </fieldset>

            <fieldset className="mb-6 border-t border-slate-300 pt-4">
              <legend className="text-xl font-semibold">{t("report.evidence")}</legend>
              <EvidenceUrlField hint={t("report.evidenceUrlHint")} />
              <TextField name="evidenceLabel" label={t("report.evidenceLabel")} optional />
              <EvidenceFileField error={errors.evidenceFile} />
            </fieldset>
            <Button>{t("report.save")}</Button>
            <p className="mt-2 text-sm text-slate-700">{t("report.saveHint")}</p>
          </FormFields>
        </IntentForm>
      ) : (
        <ReadOnlyReport loaderData={loaderData} />
      )}

      {evidence.length ? (
        <section aria-labelledby="evidence-list" className="mt-8 max-w-3xl">
          <h2 id="evidence-list" className="mb-2">
            {t("report.evidenceList")}
          </h2>
          <ul className="divide-y divide-slate-200">
            {evidence.map((e) => (
              <li key={e.id} className="flex flex-wrap items-center gap-3 py-2">
                <a href={e.href} rel="noopener noreferrer">
                  {e.label}
                </a>
                {loaderData.canEdit ? (
                  <IntentForm intent="removeEvidence" values={{ evidenceId: e.id, version: report.version }}>
                    <Button variant="secondary" aria-label={t("report.removeEvidenceNamed", { label: e.label })}>
                      {t("report.removeEvidence")}
                    </Button>
                  </IntentForm>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {loaderData.canReview ? (
        <LabelledSection
          id="review"
          heading={t("review.title")}
          className="mt-8 max-w-3xl rounded border border-slate-300 p-4"
          headingClassName="mb-2"
        >
          <IntentForm intent="review" values={{ version: report.version }}>
            <FormFields values={submitted ?? {}} errors={errors}>
              <RadioChoice
                name="decision"
                legend={t("review.decision")}
                error={errors.decision}
                className="mb-4"
                options={(["approve", "return"] as const).map((d) => ({ value: d, label: t(`review.${d}`) }))}
                checked={submitted?.decision ?? ""}
              />
              <TextAreaField
                name="comment"
                label={t("review.comment")}
                hint={t("review.commentHint")}
                optional
                rows={3}
              />
              <Button>{t("review.submit")}</Button>
            </FormFields>
          </IntentForm>
        </LabelledSection>
      ) : null}

      <ListedSection id="history" title={t("history.title")} empty={t("history.empty")} list="ol">
        {versions.map((v) => (
          <li key={v.id} className="py-3">
            <p className="font-semibold">
              {t(`history.${v.event}`)} · {v.atText} · {v.actor}
            </p>
            {v.comment ? <p className="text-sm">{t("history.comment", { comment: v.comment })}</p> : null}
            <details className="mt-1">
              <summary className="cursor-pointer">{t("history.details", { version: v.version })}</summary>
              <dl className="mt-2 grid gap-1 text-sm sm:grid-cols-[12rem_1fr]">
                <dt className="font-semibold">{t("report.status")}</dt>
                <dd>{v.snapshot.status ? t(`status.${v.snapshot.status}`) : "—"}</dd>
                <dt className="font-semibold">{t("report.achievements")}</dt>
                <dd className="whitespace-pre-wrap break-words">{v.snapshot.achievements || "—"}</dd>
                <dt className="font-semibold">{t("report.challenges")}</dt>
                <dd className="whitespace-pre-wrap break-words">{v.snapshot.challenges || "—"}</dd>
                <dt className="font-semibold">{t("report.indicators")}</dt>
                <dd>
                  {(v.snapshot.values ?? [])
                    .map((x) => {
                      const ind = indicators.find((i) => i.id === x.indicator_id);
                      const dim = x.community_code
                        ? ` (${ind?.communityNames[x.community_code] ?? x.community_code})`
                        : x.gender
                          ? ` (${t(`gender.${x.gender}`)})`
                          : "";
                      return `${ind?.code ?? x.indicator_id}${dim}: ${Number(x.value)}`;
                    })
                    .join("; ") || "—"}
                </dd>
                <dt className="font-semibold">{t("report.spending")}</dt>
                <dd>
                  {(v.snapshot.spending ?? [])
                    .map((s) => `${t(`source.${s.source}`)}: ${Number(s.amount)}`)
                    .join("; ") || "—"}
                </dd>
              </dl>
            </details>
          </li>
        ))}
      </ListedSection>

      <ListedSection id="observations" title={t("observations.title")} empty={t("observations.empty")} list="ul">
        {observations.map((o) => (
          <li key={o.id} className="py-3">
            <p className="font-semibold">
              {t(`observationKind.${o.kind}`)} · {o.organisation} · {o.atText}
            </p>
            <ObservationBody text={o.text} evidence={o.evidence} />
          </li>
        ))}
      </ListedSection>
    </>
  );
}

/** An indicator's figures by community or by gender: one optional number field for each. */
/**
 * An optional field for a figure or an amount (typed as a decimal), its value and error from the form;
 * a `narrow` one stops at a small width.
 */
function DecimalField({
  name,
  label,
  hint,
  narrow = false,
}: {
  name: string;
  label: string;
  hint?: string;
  narrow?: boolean;
}) {
  return (
    <TextField
      name={name}
      label={label}
      hint={hint}
      optional
      inputMode="decimal"
      className={narrow ? "sm:max-w-xs" : undefined}
    />
  );
}

function BreakdownFields({ legend, fields }: { legend: string; fields: { name: string; label: string }[] }) {
  return (
    <fieldset className="mb-2 ps-3">
      <legend className="font-semibold">{legend}</legend>
      <div className="grid gap-x-4 sm:grid-cols-2">
        {fields.map(({ name, label }) => (
          <DecimalField key={name} name={name} label={label} />
        ))}
      </div>
    </fieldset>
  );
}

/** The report as submitted or approved, for those who cannot (or can no longer) edit it. */
function ReadOnlyReport({ loaderData }: { loaderData: Route.ComponentProps["loaderData"] }) {
  const { t } = useTranslation("reporting");
  const { report, indicators, budget, narratives } = loaderData;
  return (
    <dl className="grid max-w-3xl gap-2 sm:grid-cols-[14rem_1fr]">
      {[
        { term: t("report.achievements"), text: narratives.achievements },
        { term: t("report.challenges"), text: narratives.challenges },
      ].map(({ term, text }) => (
        <Fragment key={term}>
          <dt className="font-semibold">{term}</dt>
          <dd>{text ? <Translated value={text} as="div" className="whitespace-pre-wrap break-words" /> : "—"}</dd>
        </Fragment>
      ))}
      <dt className="font-semibold">{t("report.recommendations")}</dt>
      <dd className="whitespace-pre-wrap break-words">{report.recommendations || "—"}</dd>
      {indicators.map((ind) => (
        <div key={ind.id} className="contents">
          <dt className="font-semibold" lang={ind.name?.lang}>
            {ind.code} — {ind.name?.text}
          </dt>
          <dd>
            {Object.entries(ind.values)
              .map(([field, v]) => {
                const community = field.split("-c-")[1];
                const gender = field.split("-g-")[1];
                const label = community
                  ? (ind.communityNames[community] ?? community)
                  : gender
                    ? t(`gender.${gender}`)
                    : t("report.total");
                return `${label}: ${v}`;
              })
              .join("; ") || "—"}
          </dd>
        </div>
      ))}
      <dt className="font-semibold">{t("report.spending")}</dt>
      <dd>
        {budget
          .filter((b) => b.spent !== "")
          .map((b) => `${t(`source.${b.source}`)}: ${b.spent}`)
          .join("; ") || "—"}
      </dd>
    </dl>
  );
}

/** A section of the report's page listing its items (versions, observations) with a line between them, or saying there are none. */
function ListedSection({
  id,
  title,
  empty,
  list: List,
  children,
}: {
  id: string;
  title: string;
  empty: string;
  list: "ol" | "ul";
  children: ReactNode[];
}) {
  return (
    <LabelledSection id={id} heading={title} className="mt-8 max-w-3xl" headingClassName="mb-2">
      {children.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <List className="divide-y divide-slate-200 border-y border-slate-200">{children}</List>
      )}
    </LabelledSection>
  );
}
