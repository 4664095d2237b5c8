import { useTranslation } from "react-i18next";
import { TranslationNote } from "#app/components/translated.tsx";
import { data, Link, redirect } from "react-router";
import { Button } from "#app/components/button.tsx";
import { ErrorSummary } from "#app/components/form.tsx";
import { IntentForm } from "#app/components/intent-form.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { Tag } from "#app/components/tag.tsx";
import { localizedString } from "#app/i18n/translated-text.ts";
import { authorize, requireUser } from "#app/services/guards.server.ts";
import { ImportErrors } from "../components/import-errors.tsx";
import { ImportForm } from "../components/import-form.tsx";
import {
  fieldErrors,
  FileField,
  languageFieldNames,
  LanguageFields,
  languageValues,
  PeriodFields,
  SelectField,
  TextField,
  type FormValues,
} from "../components/plan-form-fields.tsx";
import { PlanningSection, SavedNotice } from "../components/planning-page.tsx";
import { STRATEGY_FIELD_ORDER, StrategyForm } from "../components/strategy-form.tsx";
import { createPlan, updateStrategy } from "../../planning.commands.server.ts";
import { planningPolicy } from "../../planning.policy.ts";
import { getStrategy, listStrategiesForActor, loadPlanChoices } from "../../planning.queries.server.ts";
import { idOf, importWorkbook, workbookPageForm } from "../planning.routes.server.ts";
import { PlanCreateSchema, StrategyUpdateSchema } from "../../planning.schema.ts";
import { statusTone } from "../planning.locale.ts";
import {
  addStrategyDocument,
  loadStrategyDocuments,
  removeStrategyDocument,
  StrategyDocumentSchema,
} from "../strategy-documents.server.ts";
import { postedFile } from "#app/services/posted-file.server.ts";
import type { Route } from "./+types/strategy-detail";
import { parseId } from "#app/services/ids.ts";
import { localeFromParams } from "#app/i18n/locales.ts";

const PLAN_FIELD_ORDER = [
  "kind",
  "kasCode",
  "code",
  ...languageFieldNames("title"),
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
      ...languageValues("title", strategy.title),
      ...languageValues("summary", strategy.summary),
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
  const { form, intent, audit, refuse, submit } = await workbookPageForm(request, context, actor);
  const here = `/${locale}/workspace/plans/strategies/${id}`;
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
        async (input) =>
          addStrategyDocument(context.db, context.files, audit, id, input, await postedFile(form, "file")),
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

/** The languages a strategy document is written in. */
const DOCUMENT_LANGUAGES = ["sq", "sr", "en"] as const;

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
  const planForm = { values: planValues, errors: planErrors, idPrefix: "plan-" };
  const documentForm = { values: documentValues, errors: documentErrors, idPrefix: "document-" };
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
      <SavedNotice saved={Object.keys(all).length === 0 && s.saved} />
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

      <PlanningSection id="plans-heading" heading={t("strategy.plans")} className="mb-10">
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
      </PlanningSection>

      <PlanningSection id="new-plan-heading" heading={t("plan.newTitle")}>
        <IntentForm intent="createPlan" noValidate>
          <SelectField {...planForm} name="kind" label={t("plan.kind")}>
            <option value="national">{t("kind.national")}</option>
            <option value="local">{t("kind.local")}</option>
          </SelectField>
          <SelectField
            {...planForm}
            name="kasCode"
            label={t("plan.municipality")}
            hint={t("plan.municipalityHint")}
            optional
            emptyLabel={t("form.none")}
            options={s.municipalities}
          />
          <TextField {...planForm} name="code" label={t("plan.code")} hint={t("plan.codeHint")} className="w-60" />
          <LanguageFields prefix="title" label={t("plan.title")} {...planForm} />
          <PeriodFields {...planForm} />
          <Button>{t("plan.create")}</Button>
        </IntentForm>
      </PlanningSection>

      <PlanningSection id="import-heading" heading={t("import.newPlanHeading")}>
        <p className="mb-3">{t("import.newPlanLead")}</p>
        <ImportForm version={null} adopted={false} errors={importErrors} label={t("import.submit")} />
      </PlanningSection>

      <PlanningSection id="documents-heading" heading={t("documents.heading")}>
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
                <IntentForm intent="removeDocument" values={{ documentId: d.id }}>
                  <Button variant="secondary">{t("documents.remove", { title: d.title?.text ?? "" })}</Button>
                </IntentForm>
              </li>
            ))}
          </ul>
        )}
        <h3 className="mb-2">{t("documents.addHeading")}</h3>
        <IntentForm intent="addDocument" encType="multipart/form-data" noValidate>
          <TextField {...documentForm} name="title" label={t("documents.title")} />
          <SelectField
            {...documentForm}
            name="locale"
            label={t("documents.locale")}
            fallback={locale.slice(0, 2)}
            options={DOCUMENT_LANGUAGES.map((l) => ({ value: l, label: t(`documents.language.${l}`) }))}
          />
          <FileField
            id="document-file"
            name="file"
            label={t("documents.file")}
            hint={t("documents.fileHint")}
            error={documentErrors.file}
            accept=".pdf,.docx,.xlsx"
          />
          <SelectField
            {...documentForm}
            id="document-library"
            name="libraryDocumentId"
            label={t("documents.library")}
            hint={t("documents.libraryHint")}
            optional
            emptyLabel={t("documents.libraryNone")}
            options={s.libraryChoices}
          />
          <Button>{t("documents.add")}</Button>
        </IntentForm>
      </PlanningSection>

      <PlanningSection id="strategy-heading" heading={t("strategy.detailsHeading")} className="mb-10">
        <StrategyForm
          intent="update"
          values={actionData?.intent === "update" ? actionData.values : s.values}
          errors={updateErrors}
          organisations={s.organisations}
          version={s.version}
          submitLabel={t("form.save")}
        />
      </PlanningSection>
    </>
  );
}
