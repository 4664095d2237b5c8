import { useTranslation } from "react-i18next";
import { TranslationNote } from "#app/components/translated.tsx";
import { data, Form, Link, redirect } from "react-router";
import { Button } from "#app/components/button.tsx";
import { CsrfField } from "#app/components/csrf-field.tsx";
import { ErrorSummary, Field, Select, TextInput } from "#app/components/form.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { Tag } from "#app/components/tag.tsx";
import { localizedString } from "#app/i18n/translated-text.ts";
import { authorize, requireUser } from "#app/services/guards.server.ts";
import { ImportErrors } from "../components/import-errors.tsx";
import { ImportForm } from "../components/import-form.tsx";
import {
  fieldErrors,
  LanguageFields,
  PeriodFields,
  valueOf,
  type FormValues,
} from "../components/plan-form-fields.tsx";
import { STRATEGY_FIELD_ORDER, StrategyForm } from "../components/strategy-form.tsx";
import type { WorkbookError } from "../plan-workbook.server.ts";
import { createPlan, updateStrategy } from "../../planning.commands.server.ts";
import { planningPolicy } from "../../planning.policy.ts";
import { getStrategy, listStrategiesForActor, loadPlanChoices } from "../../planning.queries.server.ts";
import { formCommands, idOf, importWorkbook, planningForm, submittedValues } from "../planning.routes.server.ts";
import { PlanCreateSchema, StrategyUpdateSchema } from "../../planning.schema.ts";
import { statusTone } from "../planning.locale.ts";
import {
  addStrategyDocument,
  loadStrategyDocuments,
  removeStrategyDocument,
  StrategyDocumentSchema,
} from "../strategy-documents.server.ts";
import type { Route } from "./+types/strategy-detail";
import { parseId } from "#app/services/ids.ts";
import { localeFromParams } from "#app/i18n/locales.ts";
import { SavedNotice } from "#app/components/saved-notice.tsx";

const PLAN_FIELD_ORDER = [
  "kind",
  "kasCode",
  "code",
  "titleSq",
  "titleSr",
  "titleEn",
  "periodStartYear",
  "periodEndYear",
  "form",
] as const;
const SAVED = ["created", "updated", "documentAdded", "documentRemoved"] as const;
const DOCUMENT_FIELD_ORDER = ["title", "locale", "file", "libraryDocumentId"] as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const id = idOf(params.strategyId);
  authorize(planningPolicy, actor, "strategy.manage", null);
  const strategy = await getStrategy(context.db, id);
  if (!strategy) throw data(null, { status: 404 });
  const [choices, all, documents] = await Promise.all([
    loadPlanChoices(context.db, locale),
    listStrategiesForActor(context.db, actor, locale),
    loadStrategyDocuments(context.db, id, locale),
  ]);
  const saved = new URL(request.url).searchParams.get("saved");
  return {
    id,
    title: localizedString(strategy.title, locale),
    status: strategy.status,
    version: strategy.version,
    period: { start: strategy.periodStartYear, end: strategy.periodEndYear },
    values: {
      titleSq: strategy.title.sq ?? "",
      titleSr: strategy.title.sr ?? "",
      titleEn: strategy.title.en ?? "",
      summarySq: strategy.summary.sq ?? "",
      summarySr: strategy.summary.sr ?? "",
      summaryEn: strategy.summary.en ?? "",
      periodStartYear: String(strategy.periodStartYear),
      periodEndYear: String(strategy.periodEndYear),
      ownerOrganisationId: String(strategy.ownerOrganisationId),
      status: strategy.status,
    } as FormValues,
    organisations: choices.organisations.map(({ value, label }) => ({ value, label })),
    municipalities: choices.municipalities,
    plans: all.find((s) => s.id === id)?.plans ?? [],
    documents: documents.documents,
    libraryChoices: documents.libraryChoices,
    saved: (SAVED as readonly string[]).includes(saved ?? "") ? saved : null,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const id = idOf(params.strategyId);
  const { form, intent, audit } = await planningForm(request, context, actor);
  const here = `/${locale}/workspace/plans/strategies/${id}`;
  const refuse = (status: number, errors: Record<string, string>, rowErrors: WorkbookError[] = []) =>
    data({ intent, errors, values: submittedValues(form), rowErrors }, { status });
  const submit = formCommands(form, refuse);
  authorize(planningPolicy, actor, "strategy.manage", null);
  switch (intent) {
    case "update":
      return submit(
        StrategyUpdateSchema,
        (input) => updateStrategy(context.db, audit, id, input),
        `${here}?saved=updated`,
      );
    case "createPlan":
      return submit(
        PlanCreateSchema,
        (input) => createPlan(context.db, audit, id, input),
        (result) => `/${locale}/workspace/plans/${result.id}?saved=created`,
      );
    case "import": {
      const into = { strategyId: id, planId: null, version: null, reason: null, locale };
      return importWorkbook(
        form,
        context,
        actor,
        into,
        refuse,
        (planId) => `/${locale}/workspace/plans/${planId}?saved=imported`,
      );
    }
    case "addDocument":
      return submit(
        StrategyDocumentSchema,
        async (input) => {
          const file = form.get("file");
          const upload =
            file instanceof File && file.size > 0
              ? { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name }
              : null;
          return addStrategyDocument(context.db, context.files, audit, id, input, upload);
        },
        `${here}?saved=documentAdded#documents-heading`,
      );
    case "removeDocument": {
      const documentId = parseId(form.get("documentId"));
      if (documentId === null) return refuse(400, { form: "core:form.invalid" });
      const result = await removeStrategyDocument(context.db, audit, id, documentId);
      if (!result.ok) return refuse(result.status, result.errors);
      throw redirect(`${here}?saved=documentRemoved#documents-heading`);
    }
    default:
      return refuse(400, { form: "core:form.invalid" });
  }
}

export default function StrategyDetail({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("planning");
  const locale = localeFromParams(params);
  const s = loaderData;
  const errorsFor = (intent: string, order: readonly string[]) =>
    actionData?.intent === intent ? fieldErrors(t, actionData.errors, [...order, "file", "form"]) : {};
  const updateErrors = errorsFor("update", STRATEGY_FIELD_ORDER);
  const planErrors = errorsFor("createPlan", PLAN_FIELD_ORDER);
  const importErrors = errorsFor("import", []);
  const documentErrors = { ...errorsFor("addDocument", DOCUMENT_FIELD_ORDER), ...errorsFor("removeDocument", []) };
  const documentValues: FormValues = actionData?.intent === "addDocument" ? actionData.values : {};
  const all = { ...updateErrors, ...planErrors, ...importErrors, ...documentErrors };
  const planValues: FormValues =
    actionData?.intent === "createPlan"
      ? actionData.values
      : { periodStartYear: String(s.period.start), periodEndYear: String(s.period.end), kind: "national" };
  return (
    <>
      <PageTitle title={s.title} isError={Object.keys(all).length > 0} />
      <p className="mb-2 text-sm">
        <Link to={`/${locale}/workspace/plans`}>{t("index.back")}</Link>
      </p>
      <PageHeader title={s.title}>
        <p className="mt-2">
          <Tag tone={statusTone(s.status)}>{t(`status.${s.status}`)}</Tag>
        </p>
      </PageHeader>
      {s.saved && Object.keys(all).length === 0 ? <SavedNotice>{t(`saved.${s.saved}`)}</SavedNotice> : null}
      <ErrorSummary
        errors={all}
        fieldIds={
          actionData?.intent === "createPlan"
            ? Object.fromEntries([...PLAN_FIELD_ORDER].map((f) => [f, f === "form" ? "plan-kind" : `plan-${f}`]))
            : actionData?.intent === "import"
              ? { form: "file" }
              : { form: "titleSq" }
        }
      />
      {actionData?.intent === "import" ? <ImportErrors errors={actionData.rowErrors} /> : null}

      <section aria-labelledby="plans-heading" className="mb-10">
        <h2 id="plans-heading" className="mb-3">
          {t("strategy.plans")}
        </h2>
        {s.plans.length === 0 ? (
          <p>{t("index.noPlans")}</p>
        ) : (
          <ul className="list-disc ps-6">
            {s.plans.map((p) => (
              <li key={p.id}>
                <Link to={`/${locale}/workspace/plans/${p.id}`}>
                  {p.code} — {p.title}
                </Link>{" "}
                <Tag tone={statusTone(p.status)}>{t(`status.${p.status}`)}</Tag>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="new-plan-heading" className="mb-10 max-w-3xl">
        <h2 id="new-plan-heading" className="mb-3">
          {t("plan.newTitle")}
        </h2>
        <Form method="post" noValidate>
          <CsrfField />
          <input type="hidden" name="intent" value="createPlan" />
          <Field id="plan-kind" label={t("plan.kind")} error={planErrors.kind}>
            {(aria) => (
              <Select {...aria} name="kind" defaultValue={valueOf(planValues, "kind")}>
                <option value="national">{t("kind.national")}</option>
                <option value="local">{t("kind.local")}</option>
              </Select>
            )}
          </Field>
          <Field
            id="plan-kasCode"
            label={t("plan.municipality")}
            hint={t("plan.municipalityHint")}
            error={planErrors.kasCode}
            optional
          >
            {(aria) => (
              <Select {...aria} name="kasCode" defaultValue={valueOf(planValues, "kasCode")}>
                <option value="">{t("form.none")}</option>
                {s.municipalities.map((m) => (
                  <option key={m.value} value={m.value}>
                    {m.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field id="plan-code" label={t("plan.code")} hint={t("plan.codeHint")} error={planErrors.code}>
            {(aria) => <TextInput {...aria} name="code" className="w-60" defaultValue={valueOf(planValues, "code")} />}
          </Field>
          <LanguageFields
            prefix="title"
            label={t("plan.title")}
            values={planValues}
            errors={planErrors}
            idPrefix="plan-"
          />
          <PeriodFields values={planValues} errors={planErrors} idPrefix="plan-" />
          <Button>{t("plan.create")}</Button>
        </Form>
      </section>

      <section aria-labelledby="import-heading" className="mb-10 max-w-3xl">
        <h2 id="import-heading" className="mb-3">
          {t("import.newPlanHeading")}
        </h2>
        <p className="mb-3">{t("import.newPlanLead")}</p>
        <ImportForm version={null} adopted={false} errors={importErrors} label={t("import.submit")} />
      </section>

      <section aria-labelledby="documents-heading" className="mb-10 max-w-3xl">
        <h2 id="documents-heading" className="mb-3">
          {t("documents.heading")}
        </h2>
        <ErrorSummary
          errors={documentErrors}
          fieldIds={{
            title: "document-title",
            locale: "document-locale",
            file: "document-file",
            libraryDocumentId: "document-library",
            form: "document-title",
          }}
        />
        {s.documents.length === 0 ? (
          <p className="mb-4">{t("documents.none")}</p>
        ) : (
          <ul className="mb-6 divide-y divide-slate-200 border-y border-slate-200">
            {s.documents.map((d) => (
              <li key={d.id} className="flex flex-wrap items-center justify-between gap-3 py-2">
                <a href={d.href} lang={d.title?.lang}>
                  {d.title?.text}
                </a>
                <TranslationNote value={d.title} spaced />
                <Form method="post">
                  <CsrfField />
                  <input type="hidden" name="intent" value="removeDocument" />
                  <input type="hidden" name="documentId" value={d.id} />
                  <Button variant="secondary">{t("documents.remove", { title: d.title?.text ?? "" })}</Button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        <h3 className="mb-2">{t("documents.addHeading")}</h3>
        <Form method="post" encType="multipart/form-data" noValidate>
          <CsrfField />
          <input type="hidden" name="intent" value="addDocument" />
          <Field id="document-title" label={t("documents.title")} error={documentErrors.title}>
            {(aria) => <TextInput {...aria} name="title" defaultValue={valueOf(documentValues, "title")} />}
          </Field>
          <Field id="document-locale" label={t("documents.locale")} error={documentErrors.locale}>
            {(aria) => (
              <Select {...aria} name="locale" defaultValue={valueOf(documentValues, "locale") || locale.slice(0, 2)}>
                {(["sq", "sr", "en"] as const).map((l) => (
                  <option key={l} value={l}>
                    {t(`documents.language.${l}`)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field
            id="document-file"
            label={t("documents.file")}
            hint={t("documents.fileHint")}
            error={documentErrors.file}
          >
            {(aria) => (
              <input
                {...aria}
                type="file"
                name="file"
                accept=".pdf,.docx,.xlsx"
                className="block w-full max-w-full text-sm"
              />
            )}
          </Field>
          <Field
            id="document-library"
            label={t("documents.library")}
            hint={t("documents.libraryHint")}
            error={documentErrors.libraryDocumentId}
            optional
          >
            {(aria) => (
              <Select {...aria} name="libraryDocumentId" defaultValue={valueOf(documentValues, "libraryDocumentId")}>
                <option value="">{t("documents.libraryNone")}</option>
                {s.libraryChoices.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Button>{t("documents.add")}</Button>
        </Form>
      </section>

      <section aria-labelledby="strategy-heading" className="mb-10">
        <h2 id="strategy-heading" className="mb-3">
          {t("strategy.detailsHeading")}
        </h2>
        <StrategyForm
          intent="update"
          values={actionData?.intent === "update" ? actionData.values : s.values}
          errors={updateErrors}
          organisations={s.organisations}
          version={s.version}
          submitLabel={t("form.save")}
        />
      </section>
    </>
  );
}
