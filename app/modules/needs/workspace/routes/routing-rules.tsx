import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { BackLink } from "#app/components/back-link.tsx";
import { Button } from "#app/components/button.tsx";
import { CsrfField } from "#app/components/csrf-field.tsx";
import { IntentForm } from "#app/components/intent-form.tsx";
import { DataTable } from "#app/components/data-table.tsx";
import { ErrorSummary, OptionList } from "#app/components/form.tsx";
import { FormFields, SelectField } from "#app/components/form-fields.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { NEED_CATEGORIES } from "#app/db/tables/needs.ts";
import { localeFromParams } from "#app/i18n/locales.ts";
import { addRoutingRule, removeRoutingRule } from "#app/modules/needs/needs.handling.server.ts";
import { needsPolicy } from "#app/modules/needs/needs.policy.ts";
import { listRoutingRules } from "#app/modules/needs/needs.queue.server.ts";
import { RoutingRuleFormSchema, RoutingRuleRemoveSchema } from "#app/modules/needs/workspace/needs-handling.schema.ts";
import { loadNeedsChoices } from "#app/modules/needs/workspace/needs-view.server.ts";
import { submitFormCommand } from "#app/services/forms.ts";
import { requireAllowed } from "#app/services/guards.server.ts";
import { CodeOptions } from "../components/code-options.tsx";
import type { Route } from "./+types/routing-rules";
import { submittedForm } from "#app/services/form-body.server.ts";
import { SavedNotice } from "#app/components/saved-notice.tsx";

export async function loader(args: Route.LoaderArgs) {
  const { locale } = requireAllowed(args, needsPolicy, "need.routing.manage", null);
  const { request, context } = args;
  const [rules, choices] = await Promise.all([listRoutingRules(context.db), loadNeedsChoices(context.db, locale)]);
  const municipality = new Map(choices.municipalities.map((m) => [m.value, m.label]));
  const organisation = new Map(choices.organisations.map((o) => [o.value, o.label]));
  return {
    choices,
    saved: new URL(request.url).searchParams.get("saved") === "1",
    rules: rules.map((r) => ({
      id: r.id,
      category: r.category,
      municipality: r.kasCode ? (municipality.get(r.kasCode) ?? r.kasCode) : null,
      organisation: organisation.get(String(r.organisationId)) ?? `#${r.organisationId}`,
    })),
  };
}

export async function action(args: Route.ActionArgs) {
  const { locale, actor } = requireAllowed(args, needsPolicy, "need.routing.manage", null);
  const { request, context } = args;
  const form = await submittedForm(request, context);
  const intent = String(form.get("intent") ?? "");
  const audit = { actor, requestId: context.requestId };
  const saved = () => `/${locale}/workspace/needs/routing?saved=1`;
  if (intent === "remove") {
    return submitFormCommand(
      form,
      RoutingRuleRemoveSchema,
      (input) => removeRoutingRule(context.db, audit, input.ruleId),
      saved,
    );
  }
  return submitFormCommand(form, RoutingRuleFormSchema, (input) => addRoutingRule(context.db, audit, input), saved);
}

export default function RoutingRulesPage({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("needs");
  const locale = localeFromParams(params);
  const errors = actionData ? Object.fromEntries(Object.entries(actionData.errors).map(([k, v]) => [k, t(v)])) : {};
  const values = actionData?.values ?? {};
  return (
    <>
      <PageTitle title={t("workspace.routing.title")} isError={Object.keys(errors).length > 0} />
      <BackLink to={`/${locale}/workspace/needs`}>{t("workspace.case.backToQueue")}</BackLink>
      <PageHeader title={t("workspace.routing.title")} lead={t("workspace.routing.lead")} />
      {loaderData.saved && !actionData ? <SavedNotice as="div">{t("workspace.routing.saved")}</SavedNotice> : null}
      <ErrorSummary errors={errors} fieldIds={{ form: "category" }} />
      <DataTable
        caption={t("workspace.routing.caption", { count: loaderData.rules.length })}
        rows={loaderData.rules}
        columns={[
          {
            key: "category",
            header: t("workspace.fields.category"),
            rowHeader: true,
            cell: (r) => t(`category.${r.category}`),
          },
          {
            key: "municipality",
            header: t("workspace.fields.municipality"),
            cell: (r) => r.municipality ?? t("workspace.routing.anywhere"),
          },
          { key: "organisation", header: t("workspace.fields.institution"), cell: (r) => r.organisation },
          {
            key: "remove",
            header: <span className="sr-only">{t("workspace.routing.remove")}</span>,
            cell: (r) => (
              <IntentForm intent="remove" values={{ ruleId: r.id }}>
                <Button
                  variant="secondary"
                  aria-label={t("workspace.routing.removeRule", {
                    category: t(`category.${r.category}`),
                    place: r.municipality ?? t("workspace.routing.anywhere"),
                  })}
                >
                  {t("workspace.routing.remove")}
                </Button>
              </IntentForm>
            ),
          },
        ]}
      />
      <FormFields values={values} errors={errors}>
        <Form method="post" className="mt-8 max-w-2xl rounded border border-slate-300 p-4">
          <h2 className="mb-4">{t("workspace.routing.add")}</h2>
          <CsrfField />
          <input type="hidden" name="intent" value="add" />
          <SelectField name="category" label={t("workspace.fields.category")}>
            <option value="">{t("workspace.queue.choose")}</option>
            <CodeOptions codes={NEED_CATEGORIES} kind="category" />
          </SelectField>
          <SelectField
            name="kasCode"
            label={t("workspace.fields.municipality")}
            hint={t("workspace.routing.municipalityHint")}
          >
            <option value="">{t("workspace.routing.anywhere")}</option>
            <OptionList options={loaderData.choices.municipalities} />
          </SelectField>
          <SelectField name="organisationId" label={t("workspace.fields.institution")}>
            <option value="">{t("workspace.queue.choose")}</option>
            <OptionList options={loaderData.choices.organisations} />
          </SelectField>
          <Button>{t("workspace.routing.addButton")}</Button>
        </Form>
      </FormFields>
    </>
  );
}
