import { useTranslation } from "react-i18next";
import { data, Link, useLocation } from "react-router";
import { Button } from "#app/components/button.tsx";
import { ErrorSummary, Field, TextInput } from "#app/components/form.tsx";
import { IntentForm } from "#app/components/intent-form.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { Tag } from "#app/components/tag.tsx";
import { localizedString } from "#app/i18n/translated-text.ts";
import { formatNumber } from "#app/i18n/format.ts";
import { Pagination } from "#app/components/pagination.tsx";
import { authorizeRecord, requireUser } from "#app/services/guards.server.ts";
import { ImportErrors } from "../components/import-errors.tsx";
import { ImportForm } from "../components/import-form.tsx";
import {
  EditMeta,
  fieldErrors,
  languageFieldNames,
  LanguageFields,
  languageValues,
  PeriodFields,
  SelectField,
  TextField,
  type FormValues,
  type PlanForm,
} from "../components/plan-form-fields.tsx";
import { ConflictHelp, PlanningSection, SavedNotice } from "../components/planning-page.tsx";
import {
  addPlanSector,
  adoptPlan,
  closePlan,
  createObjective,
  removePlanSector,
  updatePlan,
} from "../../planning.commands.server.ts";
import { loadPlanEditorChoices, loadPlanOutline, OUTLINE_OBJECTIVES_PER_PAGE } from "../plan-outline.server.ts";
import { outlineSectorMarkup } from "../outline-markup.server.tsx";
import { planningPolicy } from "../../planning.policy.ts";
import {
  idOf,
  importWorkbook,
  planAbilities,
  planSubject,
  requirePlan,
  workbookPageForm,
} from "../planning.routes.server.ts";
import {
  ObjectiveSchema,
  PlanPageSchema,
  PlanUpdateSchema,
  PlanWorkflowSchema,
  SectorAddSchema,
  SectorRemoveSchema,
} from "../../planning.schema.ts";
import { statusTone } from "../planning.locale.ts";
import type { Route } from "./+types/plan-detail";
import { parseId } from "#app/services/ids.ts";
import { localeFromParams } from "#app/i18n/locales.ts";

const FIELD_ORDER = [
  ...languageFieldNames("title"),
  "periodStartYear",
  "periodEndYear",
  "reason",
  "sectorCode",
  "planSectorId",
  "code",
  ...languageFieldNames("description"),
  "file",
  "form",
] as const;
const SAVED = [
  "created",
  "updated",
  "imported",
  "adopted",
  "closed",
  "sectorAdded",
  "sectorRemoved",
  "objectiveCreated",
  "objectiveRemoved",
  "measureRemoved",
] as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const planId = idOf(params.planId);
  const url = new URL(request.url);
  // One page of objectives with their measures (decision 047): the page costs the same whatever the plan's size.
  const [outline, choices] = await Promise.all([
    loadPlanOutline(context.db, planId, PlanPageSchema.parse(url.searchParams.get("page") ?? undefined)),
    // The sector and municipality names, kept per reference generation (decision 069).
    loadPlanEditorChoices(context.db, locale),
  ]);
  if (!outline) throw data(null, { status: 404 });
  const { plan } = outline;
  authorizeRecord(planningPolicy, actor, "plan.view", planSubject(plan));
  const abilities = planAbilities(actor, outline);
  const sectorName = new Map(choices.sectors.map((c) => [c.value, c.label]));
  const sectorCodeOf = new Map(outline.sectors.map((s) => [s.id, s.sectorCode]));
  const saved = url.searchParams.get("saved");
  const municipality = plan.kasCode
    ? (choices.municipalities.find((m) => m.value === plan.kasCode)?.label ?? plan.kasCode)
    : null;
  return {
    plan: {
      id: plan.id,
      code: plan.code,
      kind: plan.kind,
      municipality,
      strategyId: plan.strategyId,
      strategyTitle: localizedString(plan.strategyTitle, locale),
      title: localizedString(plan.title, locale),
      status: plan.status,
      revision: plan.revision,
      version: plan.version,
      period: `${plan.periodStartYear}–${plan.periodEndYear}`,
    },
    values: {
      ...languageValues("title", plan.title),
      periodStartYear: String(plan.periodStartYear),
      periodEndYear: String(plan.periodEndYear),
    } as FormValues,
    // The outline, a sector at a time, as HTML rendered once per content (decision 071): the page sends and
    // hydrates a string per sector instead of ~200 measures' rows and links.
    sectors: outline.sectors.map((s) => {
      const objectives = outline.objectives.filter((o) => o.planSectorId === s.id);
      const name = sectorName.get(s.sectorCode) ?? s.sectorCode;
      return {
        id: s.id,
        code: s.sectorCode,
        name,
        objectiveCount: s.objectiveCount,
        /** Objectives of this sector on other pages of the plan. */
        elsewhere: s.objectiveCount - objectives.length,
        html: outlineSectorMarkup(locale, {
          name,
          objectiveCount: s.objectiveCount,
          elsewhere: s.objectiveCount - objectives.length,
          base: `/${locale}/workspace/plans/${plan.id}`,
          canEdit: abilities.canEdit,
          objectives: objectives.map((o) => ({
            id: o.id,
            code: o.code,
            title: localizedString(o.title, locale),
            measures: o.measures.map((m) => {
              const ownSector = m.planSectorId === o.planSectorId ? null : (sectorCodeOf.get(m.planSectorId) ?? "");
              return {
                id: m.id,
                code: m.code,
                title: localizedString(m.title, locale),
                responsible: `${localizedString(m.responsible.name, locale)}${m.responsible.acronym ? ` (${m.responsible.acronym})` : ""}`,
                dates: `${m.startDate} – ${m.endDate}`,
                indicatorCount: m.indicatorCount,
                // A measure in another sector than its objective's (decision 045).
                ownSector: ownSector === null ? null : (sectorName.get(ownSector) ?? ownSector),
              };
            }),
          })),
        }),
      };
    }),
    paging: {
      page: outline.page,
      pageSize: OUTLINE_OBJECTIVES_PER_PAGE,
      total: outline.objectiveCount,
      totalLabel: formatNumber(outline.objectiveCount, locale),
      pageCount: outline.pageCount,
    },
    freeSectors: choices.sectors.filter((c) => !outline.sectors.some((s) => s.sectorCode === c.value)),
    ...abilities,
    saved: (SAVED as readonly string[]).includes(saved ?? "") ? saved : null,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const planId = idOf(params.planId);
  const { form, intent, audit, refuse, submit } = await workbookPageForm(request, context, actor);
  const here = `/${locale}/workspace/plans/${planId}`;
  const tree = await requirePlan(context, actor, planId);
  switch (intent) {
    case "updatePlan":
      return submit(PlanUpdateSchema, (input) => updatePlan(context.db, audit, planId, input), `${here}?saved=updated`);
    case "adopt":
    case "close":
      return submit(
        PlanWorkflowSchema,
        (input) => (intent === "adopt" ? adoptPlan : closePlan)(context.db, audit, planId, input),
        `${here}?saved=${intent === "adopt" ? "adopted" : "closed"}`,
      );
    case "addSector":
      return submit(
        SectorAddSchema,
        (input) => addPlanSector(context.db, audit, planId, input),
        `${here}?saved=sectorAdded#sectors`,
      );
    case "removeSector":
      return submit(
        SectorRemoveSchema,
        (input) => removePlanSector(context.db, audit, planId, input),
        `${here}?saved=sectorRemoved#sectors`,
      );
    case "createObjective":
      return submit(
        ObjectiveSchema,
        (input) => createObjective(context.db, audit, planId, input),
        `${here}?saved=objectiveCreated#sectors`,
      );
    case "import": {
      const version = parseId(form.get("version"));
      const reason = String(form.get("reason") ?? "").trim() || null;
      const into = { strategyId: tree.plan.strategyId, planId, version, reason, locale };
      return importWorkbook(form, context, actor, into, refuse, () => `${here}?saved=imported`);
    }
    default:
      return refuse(400, { form: "core:form.invalid" });
  }
}

export default function PlanDetail({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("planning");
  const locale = localeFromParams(params);
  const { plan, sectors } = loaderData;
  /** The plan's sectors as the choices of a new objective's sector. */
  const sectorChoices = sectors.map((s) => ({ value: String(s.id), label: s.name }));
  const adopted = plan.status === "adopted";
  const intent = actionData?.intent;
  const errorsFor = (name: string) => (intent === name ? fieldErrors(t, actionData?.errors, FIELD_ORDER) : {});
  const all = intent ? errorsFor(intent) : {};
  const valuesFor = (name: string, fallback: FormValues = {}): FormValues =>
    intent === name && actionData ? actionData.values : fallback;
  const prefix: Record<string, string> = {
    updatePlan: "",
    adopt: "adopt-",
    close: "close-",
    addSector: "sector-",
    removeSector: "sector-",
    createObjective: "objective-",
    import: "import-",
  };
  const formFor = (name: string, fallback?: FormValues): PlanForm => ({
    values: valuesFor(name, fallback),
    errors: errorsFor(name),
    idPrefix: prefix[name],
  });
  const sectorForm = formFor("addSector");
  const objectiveForm = formFor("createObjective");
  const planForm = formFor("updatePlan", loaderData.values);
  const summaryIds = Object.fromEntries(
    FIELD_ORDER.map((f) => [
      f,
      f === "file" || (f === "form" && intent === "import")
        ? "file"
        : `${prefix[intent ?? ""] ?? ""}${f === "form" ? "reason" : f}`,
    ]),
  );
  const location = useLocation();
  const pagingSearch = new URLSearchParams(location.search);
  pagingSearch.delete("saved");
  return (
    <>
      <PageTitle title={`${plan.code} — ${plan.title}`} isError={Object.keys(all).length > 0} />
      <p className="mb-2 text-sm">
        <Link to={`/${locale}/workspace/plans`}>{t("index.back")}</Link>
      </p>
      <div className="mb-6">
        <h1 className="break-words">
          {plan.code} — {plan.title}
        </h1>
        <p className="mt-2 flex flex-wrap items-center gap-2 text-slate-700">
          <span>{plan.strategyTitle}</span>·
          <span>
            {plan.kind === "national"
              ? t("kind.national")
              : t("kind.localOf", { municipality: plan.municipality ?? "" })}
          </span>
          ·<span>{plan.period}</span>
          <Tag tone={statusTone(plan.status)}>{t(`status.${plan.status}`)}</Tag>
          {plan.revision > 0 ? <span>{t("plan.revisionNumber", { revision: plan.revision })}</span> : null}
        </p>
        <ul className="mt-3 flex flex-wrap gap-4">
          <li>
            <a href={`/${locale}/workspace/plans/${plan.id}/export.xlsx`} download>
              {t("plan.export")}
            </a>
          </li>
          {plan.revision > 0 ? (
            <li>
              <Link to={`/${locale}/workspace/plans/${plan.id}/revisions`}>{t("revisions.title")}</Link>
            </li>
          ) : null}
        </ul>
      </div>
      <SavedNotice saved={!actionData && loaderData.saved} />
      <ErrorSummary errors={all} fieldIds={summaryIds} />
      <ConflictHelp errors={actionData?.errors} />
      {intent === "import" && actionData ? <ImportErrors errors={actionData.rowErrors} /> : null}
      {adopted && loaderData.canEdit ? (
        <p className="mb-6 max-w-3xl rounded bg-brand-50 p-4">{t("plan.adoptedNote")}</p>
      ) : null}

      {loaderData.canAdopt || loaderData.canClose ? (
        <PlanningSection id="workflow-heading" heading={t("workflow.heading")}>
          {loaderData.canAdopt ? (
            <IntentForm intent="adopt" values={{ version: plan.version }} noValidate>
              <p className="mb-3">{t("workflow.adoptLead")}</p>
              <Button>{t("workflow.adopt")}</Button>
            </IntentForm>
          ) : null}
          {loaderData.canClose ? (
            <IntentForm intent="close" values={{ version: plan.version }} noValidate>
              <TextField {...formFor("close")} name="reason" label={t("workflow.closeReason")} />
              <Button variant="secondary">{t("workflow.close")}</Button>
            </IntentForm>
          ) : null}
        </PlanningSection>
      ) : null}

      <section id="sectors" aria-labelledby="sectors-heading" className="mb-10" tabIndex={-1}>
        <h2 id="sectors-heading" className="mb-3">
          {t("plan.contents")}
        </h2>
        {sectors.length === 0 ? <p className="mb-4">{t("plan.noSectors")}</p> : null}
        {sectors.map((s) => (
          <div key={s.id} className="mb-8 border-s-4 border-slate-300 ps-4">
            <div dangerouslySetInnerHTML={{ __html: s.html }} />
            {loaderData.canEdit ? (
              <IntentForm
                intent="removeSector"
                values={{ planSectorId: s.id, version: plan.version }}
                className="mt-4"
                noValidate
              >
                {adopted ? (
                  <Field id={`remove-sector-${s.id}-reason`} label={t("form.reason")}>
                    {(aria) => <TextInput {...aria} name="reason" />}
                  </Field>
                ) : null}
                <Button variant="secondary">{t("plan.removeSectorLabel", { sector: s.name })}</Button>
              </IntentForm>
            ) : null}
          </div>
        ))}
        {loaderData.paging.pageCount > 1 ? (
          <Pagination
            page={loaderData.paging.page}
            pageSize={loaderData.paging.pageSize}
            total={loaderData.paging.total}
            totalLabel={loaderData.paging.totalLabel}
            search={pagingSearch.toString()}
          />
        ) : null}
      </section>

      {loaderData.canEdit ? (
        <>
          <PlanningSection id="add-sector-heading" heading={t("plan.addSector")}>
            <IntentForm intent="addSector" noValidate>
              <EditMeta version={plan.version} adopted={adopted} {...sectorForm} />
              <SelectField
                {...sectorForm}
                name="sectorCode"
                label={t("plan.sector")}
                emptyLabel={t("form.choose")}
                options={loaderData.freeSectors}
              />
              <Button>{t("plan.addSectorSubmit")}</Button>
            </IntentForm>
          </PlanningSection>

          {sectors.length > 0 ? (
            <PlanningSection id="add-objective-heading" heading={t("objective.newTitle")}>
              <IntentForm intent="createObjective" noValidate>
                <EditMeta version={plan.version} adopted={adopted} {...objectiveForm} />
                <SelectField {...objectiveForm} name="planSectorId" label={t("plan.sector")} options={sectorChoices} />
                <TextField
                  {...objectiveForm}
                  name="code"
                  label={t("objective.code")}
                  hint={t("form.codeHint")}
                  className="w-40"
                />
                <LanguageFields prefix="title" label={t("objective.title")} {...objectiveForm} />
                <LanguageFields prefix="description" label={t("objective.description")} {...objectiveForm} multiline />
                <Button>{t("objective.create")}</Button>
              </IntentForm>
            </PlanningSection>
          ) : null}

          <PlanningSection id="plan-heading" heading={t("plan.detailsHeading")}>
            <IntentForm intent="updatePlan" noValidate>
              <EditMeta version={plan.version} adopted={adopted} {...planForm} />
              <LanguageFields prefix="title" label={t("plan.title")} {...planForm} />
              <PeriodFields {...planForm} />
              <Button>{t("form.save")}</Button>
            </IntentForm>
          </PlanningSection>

          <PlanningSection id="import-heading" heading={t("import.intoPlanHeading")}>
            <p className="mb-3">{t("import.intoPlanLead")}</p>
            <ImportForm
              version={plan.version}
              adopted={adopted}
              errors={errorsFor("import")}
              label={t("import.submit")}
            />
          </PlanningSection>
        </>
      ) : null}
    </>
  );
}
