import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect, useLocation } from "react-router";
import { Button } from "#app/components/button.tsx";
import { ColumnHeads } from "#app/components/column-heads.tsx";
import { CsrfField } from "#app/components/csrf-field.tsx";
import { SearchField, WorkspaceFilterForm } from "#app/components/filter-form.tsx";
import { ChoiceField, ErrorSummary, Field, Select } from "#app/components/form.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { ListPagination } from "#app/components/pagination.tsx";
import { Tag } from "#app/components/tag.tsx";
import { NEED_CATEGORIES, NEED_STATUSES } from "#app/db/tables/needs.ts";
import { formatDate, formatNumber } from "#app/i18n/format.ts";
import { localeFromParams } from "#app/i18n/locales.ts";
import { localizedString } from "#app/i18n/translated-text.ts";
import { municipalityName } from "#app/modules/municipalities/municipality-name.ts";
import { applyBulkAction } from "#app/modules/needs/needs.handling.server.ts";
import { isCaseHandler, needsPolicy } from "#app/modules/needs/needs.policy.ts";
import {
  institutionOrganisationsOf,
  listQueue,
  QUEUE_SEARCH_MIN_LENGTH,
  QUEUE_SEARCH_WINDOW,
  type QueueCount,
} from "#app/modules/needs/needs.queue.server.ts";
import {
  BulkFormSchema,
  QUEUE_SORTS,
  QueueQuerySchema,
  SETTABLE_STATUSES,
} from "#app/modules/needs/workspace/needs-handling.schema.ts";
import { idOf, loadNeedsChoices, resolveInstitutionField } from "#app/modules/needs/workspace/needs-view.server.ts";
import {
  EMPTY_INSTITUTION,
  InstitutionField,
  useInstitutionMessage,
  type InstitutionFieldValue,
} from "#app/components/institution-field.tsx";
import { parseForm } from "#app/services/forms.ts";
import { authorize, requireUser } from "#app/services/guards.server.ts";
import { CodeOptions } from "../components/code-options.tsx";
import type { Route } from "./+types/cases-index";
import { submittedForm } from "#app/services/form-body.server.ts";
import { SavedNotice } from "#app/components/saved-notice.tsx";

/** Cases per page of the queue. */
export const QUEUE_PAGE_SIZE = 25;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const url = new URL(request.url);
  const query = QueueQuerySchema.parse(Object.fromEntries(url.searchParams));
  authorize(needsPolicy, actor, "need.queue", null);
  const now = new Date();
  // Someone who handles only the cases referred to them filters among their own institutions (decision 047);
  // the Office, among the whole directory, types a name the server resolves (decision 056).
  const canTriage = isCaseHandler(actor);
  const own = canTriage ? [] : institutionOrganisationsOf(actor);
  // A typed name is resolved before the queue is read; a chosen id alone filters at once (in parallel).
  const typed = canTriage && query.institution !== "";
  const institution =
    canTriage && (typed || query.organisation !== undefined)
      ? typed
        ? await resolveInstitutionField(context.db, locale, { id: query.organisation, text: query.institution })
        : resolveInstitutionField(context.db, locale, { id: query.organisation, text: "" })
      : null;
  const resolved = institution instanceof Promise ? null : institution;
  /** A typed name that matched none or several: the queue waits for the choice rather than show every institution's cases. */
  const unresolved = resolved !== null && resolved.found === null && resolved.value.kind !== "empty";
  const filter = resolved ? { ...query, organisation: resolved.found ?? undefined } : query;
  const [page, choices, chosen] = await Promise.all([
    unresolved ? emptyQueue() : listQueue(context.db, actor, filter, QUEUE_PAGE_SIZE, now),
    loadNeedsChoices(context.db, locale, { organisationIds: own }),
    institution,
  ]);
  const communityLabel = new Map(choices.communities.map((c) => [c.value, c.label]));
  const bulkCount = Number(url.searchParams.get("bulk"));
  return {
    query,
    total: { ...page.total, label: formatNumber(page.total.count, locale) },
    statusCounts: NEED_STATUSES.map((status) => ({
      status,
      ...page.statusCounts[status],
      label: formatNumber(page.statusCounts[status].count, locale),
    })),
    page: page.page,
    pageCount: page.pageCount,
    /** For the pagination links: as many as can be reached, and the last row shown. */
    pagedTotal: Math.min(
      Math.max(page.total.count, (page.page - 1) * QUEUE_PAGE_SIZE + page.items.length),
      page.pageCount * QUEUE_PAGE_SIZE,
    ),
    pagingLimited: query.page > page.page || page.total.count > page.pageCount * QUEUE_PAGE_SIZE,
    pagingLimitLabel: formatNumber(page.pageCount * QUEUE_PAGE_SIZE, locale),
    searchWindow: page.total.kind === "atLeast" ? formatNumber(QUEUE_SEARCH_WINDOW, locale) : null,
    searchIgnored: page.searchIgnored,
    searchMinLength: QUEUE_SEARCH_MIN_LENGTH,
    canTriage,
    /** The Office's institution filter (a field resolved on the server), or null for those who choose among their own. */
    institution: canTriage ? (chosen?.value ?? EMPTY_INSTITUTION) : null,
    institutionUnresolved: unresolved,
    canManageRouting: needsPolicy.can(actor, "need.routing.manage", null),
    choices,
    bulkDone:
      Number.isInteger(bulkCount) && bulkCount > 0
        ? { count: bulkCount, label: formatNumber(bulkCount, locale) }
        : null,
    rows: page.items.map((c) => ({
      id: c.id,
      reference: c.reference,
      category: c.category,
      status: c.status,
      municipality: municipalityName(c.municipality, locale),
      community: c.communityCode ? (communityLabel.get(c.communityCode) ?? c.communityCode) : null,
      description: c.description,
      institution: c.assignedOrganisation
        ? `${localizedString(c.assignedOrganisation.name, locale)}${c.assignedOrganisation.acronym ? ` (${c.assignedOrganisation.acronym})` : ""}`
        : null,
      isHighProfile: c.isHighProfile,
      isEscalated: c.isEscalated,
      isOverdue: c.dueAt !== null && c.dueAt < now && !["resolved", "rejected", "closed"].includes(c.status),
      dueLabel: c.dueAt ? formatDate(c.dueAt, locale) : null,
      createdLabel: formatDate(c.createdAt, locale),
    })),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const submitted = await submittedForm(request, context);
  if (!isCaseHandler(actor)) throw data(null, { status: 403 });
  // The institution to refer to: the field's text (or the id chosen before) resolved among active organisations.
  const form = new FormData();
  for (const [key, value] of submitted) form.append(key, value);
  let institution: InstitutionFieldValue | null = null;
  if (form.get("bulkAction") === "refer") {
    const resolved = await resolveInstitutionField(context.db, locale, {
      id: idOf(form.get("organisationId")),
      text: String(form.get("bulkInstitution") ?? ""),
    });
    institution = resolved.value;
    form.delete("organisationId");
    if (resolved.found !== null) form.set("organisationId", String(resolved.found));
    else if (resolved.value.kind !== "empty")
      return data(
        { errors: { organisationId: "" }, params: {} as Record<string, string>, institution },
        { status: 400 },
      );
  }
  const parsed = parseForm(BulkFormSchema, form);
  if (!parsed.ok)
    return data({ errors: parsed.errors, params: {} as Record<string, string>, institution }, { status: 400 });
  const result = await applyBulkAction(
    context.db,
    { actor, requestId: context.requestId, publicUrl: context.publicUrl },
    parsed.data,
  );
  if (!result.ok)
    return data({ errors: result.errors, params: result.params ?? {}, institution }, { status: result.status });
  const back = String(form.get("returnTo") ?? "");
  const search = back.startsWith("?") ? new URLSearchParams(back) : new URLSearchParams();
  search.set("bulk", String(result.count));
  throw redirect(`/${locale}/workspace/needs?${search.toString()}`);
}

export default function CasesIndex({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("needs");
  const location = useLocation();
  const locale = localeFromParams(params);
  const { query, choices } = loaderData;
  const bulkInstitution = actionData?.institution ?? EMPTY_INSTITUTION;
  const bulkInstitutionMessage = useInstitutionMessage(bulkInstitution);
  const filterInstitutionMessage = useInstitutionMessage(loaderData.institution ?? EMPTY_INSTITUTION);
  const errors = actionData
    ? Object.fromEntries(
        Object.entries(actionData.errors).map(([field, key]) => [
          field,
          field === "organisationId" && key === ""
            ? (bulkInstitutionMessage ?? "")
            : t(key, { ...actionData.params, to: actionData.params.to ? t(`status.${actionData.params.to}`) : "" }),
        ]),
      )
    : {};
  /** A count as the page says it: exact, "more than 10,000" or "at least 12". */
  const countText = (c: { kind: QueueCount["kind"]; label: string }) =>
    c.kind === "exact" ? c.label : t(`workspace.queue.${c.kind}`, { count: c.label });
  const captionKey =
    loaderData.total.kind === "exact"
      ? "workspace.queue.caption"
      : loaderData.total.kind === "moreThan"
        ? "workspace.queue.captionMoreThan"
        : "workspace.queue.captionAtLeast";
  const caption = t(captionKey, { count: loaderData.total.count, total: loaderData.total.label });
  /** A bulk field choosing one of `codes`; left empty when the chosen action does not need it. */
  const bulkChoice = (kind: "status" | "category", codes: readonly string[], label: string, error?: string) => (
    <Field id={`bulk-${kind}`} label={label} optional error={error}>
      {(aria) => (
        <Select {...aria} name={kind} defaultValue="">
          <option value="">—</option>
          <CodeOptions codes={codes} kind={kind} />
        </Select>
      )}
    </Field>
  );
  const returnTo = new URLSearchParams(location.search);
  returnTo.delete("bulk");
  const statusLink = (status: string | null) => {
    const search = new URLSearchParams(location.search);
    search.delete("page");
    search.delete("bulk");
    if (status) search.set("status", status);
    else search.delete("status");
    return `/${locale}/workspace/needs?${search.toString()}`;
  };
  return (
    <>
      <PageTitle title={t("workspace.queue.title")} isError={Object.keys(errors).length > 0} />
      <PageHeader title={t("workspace.queue.title")} lead={t("workspace.queue.lead")}>
        {loaderData.canManageRouting ? (
          <p className="mt-4 flex flex-wrap gap-4">
            <Link to={`/${locale}/workspace/needs/routing`}>{t("workspace.routing.title")}</Link>
            <Link to={`/${locale}/workspace/needs/briefing`}>{t("workspace.briefing.title")}</Link>
          </p>
        ) : null}
      </PageHeader>
      {loaderData.bulkDone ? (
        <SavedNotice as="div">
          {t("workspace.queue.bulkDone", { count: loaderData.bulkDone.count, countLabel: loaderData.bulkDone.label })}
        </SavedNotice>
      ) : null}
      <ErrorSummary
        errors={errors}
        fieldIds={{ form: "bulkAction", caseIds: "bulkAction", organisationId: "bulk-organisation" }}
      />

      <nav aria-label={t("workspace.queue.byStatus")} className="mb-6">
        <ul className="flex flex-wrap gap-2">
          <li>
            <Link
              to={statusLink(null)}
              aria-current={!query.status ? "page" : undefined}
              className="inline-flex min-h-11 items-center rounded border border-slate-300 px-3"
            >
              {t("workspace.queue.allStatuses")}
            </Link>
          </li>
          {loaderData.statusCounts.map((s) => (
            <li key={s.status}>
              <Link
                to={statusLink(s.status)}
                aria-current={query.status === s.status ? "page" : undefined}
                className="inline-flex min-h-11 items-center gap-2 rounded border border-slate-300 px-3"
              >
                {t(`status.${s.status}`)} <span className="font-semibold">{countText(s)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <WorkspaceFilterForm
        label={t("workspace.queue.filters")}
        clear={{ to: `/${locale}/workspace/needs`, label: t("workspace.queue.clearFilters") }}
      >
        <SearchField
          label={t("workspace.queue.search")}
          hint={t("workspace.queue.searchHint", { min: loaderData.searchMinLength })}
          error={
            loaderData.searchIgnored
              ? t("workspace.queue.searchTooShort", { min: loaderData.searchMinLength })
              : undefined
          }
          value={query.q}
        />
        {/* The filters by a case's own fields, each labelled as its column and "any" when not chosen. */}
        {(
          [
            ["status", NEED_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))],
            ["category", NEED_CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))],
            ["municipality", choices.municipalities],
            ["community", choices.communities],
          ] as const
        ).map(([field, options]) => (
          <ChoiceField
            key={field}
            id={field}
            label={t(`workspace.fields.${field}`)}
            emptyLabel={t("workspace.queue.any")}
            options={options}
            value={query[field] ?? ""}
          />
        ))}
        {loaderData.institution ? (
          <InstitutionField
            id="institution"
            name="institution"
            idName="organisation"
            label={t("workspace.fields.institution")}
            value={loaderData.institution}
          />
        ) : (
          <ChoiceField
            id="organisation"
            label={t("workspace.fields.institution")}
            emptyLabel={t("workspace.queue.any")}
            options={choices.organisations}
            value={query.organisation ? String(query.organisation) : ""}
          />
        )}
        <ChoiceField
          id="sort"
          label={t("workspace.queue.sort")}
          options={QUEUE_SORTS.map((s) => ({ value: s, label: t(`workspace.queue.sorts.${s}`) }))}
          value={query.sort}
        />
        <fieldset className="mb-5">
          <legend className="font-semibold">{t("workspace.queue.only")}</legend>
          <label className="flex min-h-11 items-center gap-2">
            <input type="checkbox" name="highProfile" value="1" defaultChecked={query.highProfile} className="size-5" />{" "}
            {t("workspace.queue.highProfile")}
          </label>
          <label className="flex min-h-11 items-center gap-2">
            <input type="checkbox" name="overdue" value="1" defaultChecked={query.overdue} className="size-5" />{" "}
            {t("workspace.queue.overdue")}
          </label>
        </fieldset>
      </WorkspaceFilterForm>

      <Form method="post" aria-label={t("workspace.queue.bulkLabel")}>
        <CsrfField />
        <input type="hidden" name="returnTo" value={`?${returnTo.toString()}`} />
        <div className="overflow-x-auto" role="region" aria-label={caption} tabIndex={0}>
          <table className="w-full border-collapse text-sm">
            <caption className="mb-2 text-left font-semibold">{caption}</caption>
            <ColumnHeads
              rowClassName="border-b-2 border-slate-400 text-left"
              cellClassName="px-2 py-2"
              labels={[
                loaderData.canTriage ? <span className="sr-only">{t("workspace.queue.select")}</span> : null,
                t("workspace.fields.reference"),
                t("workspace.fields.status"),
                t("workspace.fields.category"),
                t("workspace.fields.municipality"),
                t("workspace.fields.description"),
                t("workspace.fields.institution"),
                t("workspace.fields.due"),
              ]}
            />
            <tbody>
              {loaderData.rows.map((row) => (
                <tr key={row.id} className="border-b border-slate-200 align-top">
                  {loaderData.canTriage ? (
                    <td className="px-2 py-2">
                      <input
                        type="checkbox"
                        name="caseIds"
                        value={row.id}
                        id={`case-${row.id}`}
                        className="size-5"
                        aria-label={t("workspace.queue.selectCase", { reference: row.reference })}
                      />
                    </td>
                  ) : null}
                  <th scope="row" className="px-2 py-2 text-left font-normal">
                    <Link to={`/${locale}/workspace/needs/${row.id}`}>{row.reference}</Link>
                    <span className="mt-1 flex flex-wrap gap-1">
                      {row.isHighProfile ? <Tag tone="warning">{t("workspace.flags.highProfile")}</Tag> : null}
                      {row.isEscalated ? <Tag tone="danger">{t("workspace.flags.escalated")}</Tag> : null}
                    </span>
                  </th>
                  <td className="px-2 py-2">{t(`status.${row.status}`)}</td>
                  <td className="px-2 py-2">{t(`category.${row.category}`)}</td>
                  <td className="px-2 py-2">
                    {row.municipality}
                    {row.community ? <span className="block text-slate-600">{row.community}</span> : null}
                  </td>
                  <td className="max-w-md px-2 py-2 break-words">{row.description}</td>
                  <td className="px-2 py-2">{row.institution ?? "—"}</td>
                  <td className="px-2 py-2">
                    {row.dueLabel ?? "—"}
                    {row.isOverdue ? (
                      <span className="block font-semibold text-red-800">{t("workspace.flags.overdue")}</span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {loaderData.institutionUnresolved ? (
          <p className="my-4">{filterInstitutionMessage}</p>
        ) : loaderData.rows.length === 0 ? (
          <p className="my-4">{t("workspace.queue.empty")}</p>
        ) : null}
        {loaderData.canTriage && loaderData.rows.length > 0 ? (
          <fieldset className="mt-6 grid gap-x-4 rounded-lg border border-slate-200 p-4 sm:grid-cols-2 lg:grid-cols-4">
            <legend className="px-1 font-semibold">{t("workspace.queue.bulkLabel")}</legend>
            <Field
              id="bulkAction"
              label={t("workspace.queue.bulkAction")}
              error={errors.bulkAction ?? errors.form ?? errors.caseIds}
            >
              {(aria) => (
                <Select {...aria} name="bulkAction" defaultValue="">
                  <option value="">{t("workspace.queue.choose")}</option>
                  <option value="status">{t("workspace.queue.bulkActions.status")}</option>
                  <option value="categorise">{t("workspace.queue.bulkActions.categorise")}</option>
                  <option value="refer">{t("workspace.queue.bulkActions.refer")}</option>
                </Select>
              )}
            </Field>
            {bulkChoice("status", SETTABLE_STATUSES, t("workspace.fields.newStatus"), errors.status)}
            {bulkChoice("category", NEED_CATEGORIES, t("workspace.fields.newCategory"), errors.category)}
            <InstitutionField
              id="bulk-organisation"
              name="bulkInstitution"
              idName="organisationId"
              label={t("workspace.fields.institution")}
              optional
              error={errors.organisationId || undefined}
              value={bulkInstitution}
            />
            <div className="sm:col-span-2 lg:col-span-4">
              <Button>{t("workspace.queue.applyBulk")}</Button>
            </div>
          </fieldset>
        ) : null}
      </Form>
      {loaderData.searchWindow || loaderData.pagingLimited ? (
        <div className="mt-4 space-y-1 text-sm text-slate-700">
          {loaderData.searchWindow ? (
            <p>{t("workspace.queue.searchWindow", { window: loaderData.searchWindow })}</p>
          ) : null}
          {loaderData.pagingLimited ? (
            <p>{t("workspace.queue.pagingLimited", { limit: loaderData.pagingLimitLabel })}</p>
          ) : null}
        </div>
      ) : null}
      <ListPagination
        list={{ page: loaderData.page, total: loaderData.pagedTotal, totalLabel: countText(loaderData.total) }}
        pageSize={QUEUE_PAGE_SIZE}
      />
    </>
  );
}

/** The queue while the institution filter waits for a choice: nothing read, nothing shown. */
function emptyQueue(): Awaited<ReturnType<typeof listQueue>> {
  const none = { kind: "exact" as const, count: 0 };
  return {
    items: [],
    total: none,
    statusCounts: Object.fromEntries(NEED_STATUSES.map((s) => [s, none])) as Awaited<
      ReturnType<typeof listQueue>
    >["statusCounts"],
    page: 1,
    pageCount: 1,
    searchIgnored: false,
  };
}
