import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { Button } from "#app/components/button.tsx";
import { CsrfField } from "#app/components/csrf-field.tsx";
import { ErrorSummary, Field, Select, TextInput } from "#app/components/form.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { Tag } from "#app/components/tag.tsx";
import { localeFromParams } from "#app/i18n/locales.ts";
import { OrganisationField, OriginalLocaleField, TranslatedFields } from "#app/modules/news/content-fields.tsx";
import { translatedFormValues } from "#app/modules/news/content-form.ts";
import { publishingPolicy } from "#app/modules/news/publishing.policy.ts";
import { loadWritableOrganisationOptions } from "#app/modules/news/publishing.queries.server.ts";
import { loadOrganisationChoices } from "#app/modules/organisations/organisations.queries.server.ts";
import { formValues, parseForm } from "#app/services/forms.ts";
import { authorizeRecord, requireUser } from "#app/services/guards.server.ts";
import { createService, updateService } from "../services.commands.server.ts";
import { getService } from "../services.queries.server.ts";
import { ServiceFormSchema } from "../services.schema.ts";
import type { Route } from "./+types/workspace-service-edit";
import { requireIdParam } from "#app/services/ids.ts";

function targetOf(params: { id?: string }): number | "new" {
  if (params.id === "new") return "new";
  return requireIdParam(params.id);
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const target = targetOf(params);
  const [organisations, choices] = await Promise.all([loadWritableOrganisationOptions(context.db, actor, locale), loadOrganisationChoices(context.db, locale)]);
  if (organisations.length === 0) throw data(null, { status: 403 });
  const base = { organisations, municipalities: choices.municipalities, sectors: choices.sectors, saved: new URL(request.url).searchParams.get("saved") === "saved" };
  if (target === "new") return { ...base, id: null, slug: null, status: null, version: 1, values: { originalLocale: "sq", organisationId: organisations[0]?.value ?? "" } as Record<string, string> };
  const s = await getService(context.db, { id: target }, { includeDrafts: true });
  if (!s) throw data(null, { status: 404 });
  authorizeRecord(publishingPolicy, actor, "content.update", { organisationId: s.organisation.id });
  return {
    ...base,
    id: s.id,
    slug: s.slug,
    status: s.status,
    version: s.version,
    values: {
      originalLocale: s.originalLocale,
      organisationId: String(s.organisation.id),
      kasCode: s.kasCode ?? "",
      address: s.address ?? "",
      onlineUrl: s.onlineUrl ?? "",
      sectorCode: s.sectorCode ?? "",
      titleSrCyrl: s.titleSrCyrl ?? "",
      ...translatedFormValues("title", s.title),
      ...translatedFormValues("summary", s.summary),
      ...translatedFormValues("eligibility", s.eligibility),
      ...translatedFormValues("requirements", s.requirements),
      ...translatedFormValues("hours", s.hours),
    } as Record<string, string>,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const target = targetOf(params);
  const form = await request.formData();
  const parsed = parseForm(ServiceFormSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const audit = { actor, requestId: context.requestId };
  const result = await (target === "new" ? createService(context.db, audit, parsed.data) : updateService(context.db, audit, target, parsed.data));
  if (!result.ok) return data({ errors: result.errors, values: formValues(form) }, { status: result.status });
  throw redirect(`/${locale}/workspace/publishing/services/${result.id}?saved=saved`);
}

export default function WorkspaceServiceEdit({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("services");
  const { t: tn } = useTranslation("news");
  const { t: tAny } = useTranslation();
  const locale = localeFromParams(params);
  const errors = Object.fromEntries(Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, tAny(v)]));
  const values: Record<string, string> = actionData?.values ? { ...loaderData.values, ...actionData.values } : loaderData.values;
  const title = loaderData.id ? t("editor.editTitle") : t("editor.newTitle");
  return (
    <>
      <PageTitle title={title} isError={Boolean(actionData?.errors)} />
      <p className="text-sm">
        <Link to={`/${locale}/workspace/publishing`}>{tn("editor.back")}</Link>
      </p>
      <h1 className="mt-2">{title}</h1>
      {loaderData.status ? (
        <p className="mt-2 flex flex-wrap items-center gap-2">
          <Tag tone={loaderData.status === "published" ? "success" : "warning"}>{tn(`publishing.status.${loaderData.status}`)}</Tag>
          {loaderData.status === "published" && loaderData.slug ? <Link to={`/${locale}/services/${loaderData.slug}`}>{tn("editor.viewPublic")}</Link> : null}
        </p>
      ) : null}
      {loaderData.saved ? (
        <p role="status" className="mt-3 rounded border-s-4 border-emerald-600 bg-emerald-50 p-3">
          {tn("editor.saved.saved")}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <Form method="post" className="mt-4 max-w-3xl">
        <CsrfField />
        <input type="hidden" name="version" value={loaderData.version} />
        <OrganisationField options={loaderData.organisations} value={values.organisationId ?? ""} error={errors.organisationId} label={t("editor.provider")} />
        <OriginalLocaleField value={values.originalLocale ?? "sq"} error={errors.originalLocale} />
        <TranslatedFields name="title" label={t("editor.title")} values={values} errors={errors} />
        <Field id="titleSrCyrl" label={t("editor.titleSrCyrl")} hint={t("editor.titleSrCyrlHint")} error={errors.titleSrCyrl} optional>
          {(aria) => <TextInput {...aria} name="titleSrCyrl" defaultValue={values.titleSrCyrl ?? ""} maxLength={300} lang="sr-Cyrl" />}
        </Field>
        <TranslatedFields name="summary" label={t("detail.what")} values={values} errors={errors} multiline rows={3} />
        <TranslatedFields name="eligibility" label={t("detail.who")} values={values} errors={errors} multiline rows={2} />
        <TranslatedFields name="requirements" label={t("detail.bring")} values={values} errors={errors} multiline rows={2} />
        <Field id="sectorCode" label={t("index.sector")} error={errors.sectorCode} optional>
          {(aria) => (
            <Select {...aria} name="sectorCode" defaultValue={values.sectorCode ?? ""}>
              <option value="">{t("index.anySector")}</option>
              {loaderData.sectors.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field id="onlineUrl" label={t("editor.onlineUrl")} hint={t("editor.placeHint")} error={errors.onlineUrl} optional>
          {(aria) => <TextInput {...aria} type="url" name="onlineUrl" defaultValue={values.onlineUrl ?? ""} />}
        </Field>
        <Field id="address" label={t("editor.address")} hint={t("editor.placeHint")} error={errors.address} optional>
          {(aria) => <TextInput {...aria} name="address" defaultValue={values.address ?? ""} />}
        </Field>
        <Field id="kasCode" label={t("index.municipality")} hint={t("editor.municipalityHint")} error={errors.kasCode} optional>
          {(aria) => (
            <Select {...aria} name="kasCode" defaultValue={values.kasCode ?? ""}>
              <option value="">{t("index.anyMunicipality")}</option>
              {loaderData.municipalities.map((m) => (
                <option key={m.value} value={m.value}>
                  {m.label}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <TranslatedFields name="hours" label={t("detail.hours")} values={values} errors={errors} />
        <Button type="submit">{loaderData.id ? tn("editor.save") : tn("editor.create")}</Button>
      </Form>
    </>
  );
}
