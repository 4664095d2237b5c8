import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { Fact } from "#app/components/fact.tsx";
import { BackLink } from "#app/components/back-link.tsx";
import { Button } from "#app/components/button.tsx";
import { CsrfField } from "#app/components/csrf-field.tsx";
import { IntentForm } from "#app/components/intent-form.tsx";
import { LabelledSection } from "#app/components/labelled-section.tsx";
import { ErrorSummary, type FieldErrors } from "#app/components/form.tsx";
import {
  FormFields,
  fieldValue,
  SelectField,
  TextAreaField,
  TextField,
  type FormFieldValues,
} from "#app/components/form-fields.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { Tag } from "#app/components/tag.tsx";
import { Translated } from "#app/components/translated.tsx";
import { NEED_CATEGORIES } from "#app/db/tables/needs.ts";
import { formatDate, formatDateTime, formatNumber } from "#app/i18n/format.ts";
import { localeFromParams } from "#app/i18n/locales.ts";
import { writtenText } from "#app/i18n/translated-text.ts";
import { municipalityName } from "#app/modules/municipalities/municipality-name.ts";
import {
  addCaseNote,
  categoriseCase,
  changeCaseStatus,
  mergeCase,
  referCase,
  respondToReferral,
  setHighProfile,
} from "#app/modules/needs/needs.handling.server.ts";
import type { CommandResult } from "#app/services/commands.server.ts";
import { isInstitutionMember, needsPolicy } from "#app/modules/needs/needs.policy.ts";
import { revealSubmitter } from "#app/modules/needs/needs.privacy.server.ts";
import { getCase, loadCaseSubject, suggestInstitution } from "#app/modules/needs/needs.queue.server.ts";
import {
  CaseIdSchema,
  CategoriseFormSchema,
  HighProfileFormSchema,
  MergeFormSchema,
  NoteFormSchema,
  ReferFormSchema,
  ReferralFormSchema,
  StatusFormSchema,
} from "#app/modules/needs/workspace/needs-handling.schema.ts";
import { idOf, loadNeedsChoices, resolveInstitutionField } from "#app/modules/needs/workspace/needs-view.server.ts";
import {
  InstitutionField,
  useInstitutionMessage,
  type InstitutionFieldValue,
} from "#app/components/institution-field.tsx";
import { STATUS_TRANSITIONS } from "#app/modules/needs/workspace/needs-workflow.ts";
import { formValues, parseForm } from "#app/services/forms.ts";
import { authorizeRecord, requireUser } from "#app/services/guards.server.ts";
import { CodeOptions } from "../components/code-options.tsx";
import type { Route } from "./+types/case-detail";
import type { z } from "zod";
import type { ServerContext } from "#app/context.ts";
import type { Locale } from "#app/i18n/locales.ts";
import type { HandlingContext } from "#app/modules/needs/needs.handling.server.ts";
import { submittedForm } from "#app/services/form-body.server.ts";
import { requireParam } from "#app/services/ids.ts";
import { SavedNotice } from "#app/components/saved-notice.tsx";

/** The notice each form of the page is answered with once its write is done (`?saved=`), by the form's intent. */
const SAVED_NOTICES = {
  status: "status",
  categorise: "categorised",
  flag: "flagged",
  refer: "referred",
  referral: "referral",
  notePublic: "notePublic",
  noteInternal: "noteInternal",
  merge: "merged",
} as const;
const NOTICES: readonly string[] = Object.values(SAVED_NOTICES);

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const id = requireParam(CaseIdSchema, params.id);
  const [c, subject] = await Promise.all([getCase(context.db, id), loadCaseSubject(context.db, id)]);
  if (!c || !subject) throw data(null, { status: 404 });
  authorizeRecord(needsPolicy, actor, "need.view", subject);
  const canTriage = needsPolicy.can(actor, "need.triage", subject);
  // Only the names of the institutions the case mentions, and the one the routing rules suggest, are read: the
  // Office refers to any other by typing its name (decision 056; the whole directory was read before, decision 047).
  const suggestedId = canTriage ? await suggestInstitution(context.db, c.category, c.kasCode) : null;
  const named = [
    c.assignedOrganisationId,
    ...c.notes.map((n) => n.authorOrganisationId),
    ...c.referrals.map((r) => r.organisationId),
    suggestedId,
  ].filter((id): id is number => id !== null);
  const choices = await loadNeedsChoices(context.db, locale, { organisationIds: named });
  const organisationLabel = new Map(choices.organisations.map((o) => [o.value, o.label]));
  const orgName = (orgId: number | null) =>
    orgId === null ? null : (organisationLabel.get(String(orgId)) ?? `#${orgId}`);
  const saved = new URL(request.url).searchParams.get("saved");
  const now = new Date();
  return {
    id: c.id,
    reference: c.reference,
    category: c.category,
    status: c.status,
    version: c.version,
    municipality: municipalityName(c.municipality, locale),
    settlement: c.settlementName,
    community: c.communityCode
      ? (choices.communities.find((o) => o.value === c.communityCode)?.label ?? c.communityCode)
      : null,
    /** The submitter's text as typed, in the language of the form they used (with its `lang`, and the note when it is not the reader's). */
    description: writtenText(c.description, c.submittedLocale, locale),
    createdLabel: formatDateTime(c.createdAt, locale),
    dueLabel: c.dueAt ? formatDate(c.dueAt, locale) : null,
    isOverdue: c.dueAt !== null && c.dueAt < now && c.closedAt === null,
    escalatedLabel: c.escalatedAt ? formatDateTime(c.escalatedAt, locale) : null,
    isHighProfile: c.isHighProfile,
    institution: orgName(c.assignedOrganisationId),
    mergedInto: c.mergedInto,
    duplicates: c.duplicates,
    submitter: c.submitter,
    submittedOnBehalf: c.submittedByUserId !== null,
    canViewPersonal: needsPolicy.can(actor, "need.personal_data.view", subject),
    canTriage,
    canFlag: needsPolicy.can(actor, "need.flag", subject),
    canRefer: needsPolicy.can(actor, "need.refer", subject),
    canNote: needsPolicy.can(actor, "need.note", subject),
    nextStatuses: STATUS_TRANSITIONS[c.status].filter((s) => s !== "referred"),
    canBeReferred: STATUS_TRANSITIONS[c.status].includes("referred"),
    /** The refer form's institution field, filled with the routing rules' suggestion when there is one. */
    referInstitution: {
      kind: suggestedId === null ? "empty" : "found",
      text: orgName(suggestedId) ?? "",
      id: suggestedId === null ? null : String(suggestedId),
      choices: [],
      more: false,
    } satisfies InstitutionFieldValue as InstitutionFieldValue,
    suggestedOrganisationId: suggestedId === null ? null : String(suggestedId),
    suggestedLabel: orgName(suggestedId),
    notes: c.notes.map((n) => ({
      id: n.id,
      visibility: n.visibility,
      authorKind: n.authorKind,
      author: n.authorName,
      organisation: orgName(n.authorOrganisationId),
      body: n.body,
      createdLabel: formatDateTime(n.createdAt, locale),
      createdAt: n.createdAt.toISOString(),
      fromReference: n.fromReference,
    })),
    timeline: c.statusChanges.map((h) => ({
      fromStatus: h.fromStatus,
      toStatus: h.toStatus,
      actor: h.actorName,
      createdLabel: formatDateTime(h.createdAt, locale),
      createdAt: h.createdAt.toISOString(),
    })),
    referrals: c.referrals.map((r) => ({
      id: r.id,
      organisation: orgName(r.organisationId),
      status: r.status,
      message: r.message,
      response: r.response,
      createdLabel: formatDateTime(r.createdAt, locale),
      respondedLabel: r.respondedAt ? formatDateTime(r.respondedAt, locale) : null,
      canRespond:
        needsPolicy.can(actor, "need.referral.respond", { organisationId: r.organisationId }) &&
        (r.status === "pending" || r.status === "accepted"),
    })),
    attachments: c.attachments.map((a) => ({
      id: a.id,
      uploadedBy: a.uploadedBy,
      fileName: a.fileName,
      sizeLabel: formatNumber(Math.max(1, Math.round(a.byteSize / 1024)), locale),
      canRead: needsPolicy.can(actor, "need.attachment.read", { ...subject, uploadedBy: a.uploadedBy }),
    })),
    isInstitution: subject.referredOrganisationIds.some((orgId) => isInstitutionMember(actor, orgId)),
    saved: NOTICES.includes(saved ?? "") ? saved : null,
  };
}

type Failure = {
  intent: string;
  errors: Record<string, string>;
  params: Record<string, string>;
  values: Record<string, string>;
  /** The refer form's institution field as it was resolved (none or several match: the field says so). */
  institution?: InstitutionFieldValue;
};

/** A posted form of the case page, read once: what each intent's handler works with. */
interface CaseForm {
  db: ServerContext["db"];
  audit: HandlingContext;
  id: number;
  locale: Locale;
  form: FormData;
  /** The case page's address, where a handled form goes back to. */
  here: string;
  /** The refusal of the form: its status, its errors (and their parameters), the institution field as resolved. */
  refuse: (
    status: number,
    errors: Record<string, string>,
    extra?: Record<string, string>,
    institution?: InstitutionFieldValue,
  ) => ReturnType<typeof data<Failure>>;
  /** The command's refusal, or the redirect to `target` (the case page) with the form's saved notice. */
  finish: (result: CommandResult, target?: string) => ReturnType<typeof data<Failure>>;
}

/**
 * The handler of a form that runs one command on the case: the form parsed by its schema (400 with its errors),
 * the command with the parsed data, then its refusal or the redirect (to `target`'s address when given).
 */
function commandIntent<S extends z.ZodType, R extends CommandResult>(
  schema: S,
  command: (db: ServerContext["db"], audit: HandlingContext, id: number, input: z.infer<S>) => Promise<R>,
  target?: (done: Extract<R, { ok: true }>, page: CaseForm) => string,
) {
  return async (page: CaseForm) => {
    const parsed = parseForm(schema, page.form);
    if (!parsed.ok) return page.refuse(400, parsed.errors);
    const result = await command(page.db, page.audit, page.id, parsed.data);
    return page.finish(result, result.ok && target ? target(result as Extract<R, { ok: true }>, page) : page.here);
  };
}

/** A note form's handler: the note's body, added as a public or an internal note. */
const noteIntent = (visibility: "public" | "internal") =>
  commandIntent(NoteFormSchema, (db, audit, id, note) => addCaseNote(db, audit, id, visibility, note.body));

/** Referring the case: the institution field resolved first (none or several match: the field says so). */
async function referIntent({ db, audit, id, locale, form, refuse, finish }: CaseForm) {
  // The institution: the field's text, or the id chosen before (the suggestion, or a radio button among several).
  const resolved = await resolveInstitutionField(db, locale, {
    id: idOf(form.get("organisationId")),
    text: String(form.get("institution") ?? ""),
  });
  const institution = resolved.value;
  // No institution matches, or several do: the field says so ("" = its own message) and offers the matches.
  if (resolved.found === null && institution.kind !== "empty")
    return refuse(400, { organisationId: "" }, {}, institution);
  const fields = new FormData();
  for (const [key, value] of form) if (key !== "organisationId") fields.append(key, value);
  if (resolved.found !== null) fields.set("organisationId", String(resolved.found));
  const parsed = parseForm(ReferFormSchema, fields);
  if (!parsed.ok) return refuse(400, parsed.errors, {}, institution);
  const result = await referCase(db, audit, id, parsed.data);
  if (!result.ok) return refuse(result.status, result.errors, result.params, institution);
  return finish(result);
}

/** Showing the submitter's contact details (their reading is audited). */
async function revealContact({ db, audit, id }: CaseForm) {
  const result = await revealSubmitter(db, audit, id);
  if (!result.ok) throw data(null, { status: result.status });
  return { intent: "revealContact", submitter: result.submitter };
}

/** What a form's handler answers: the refusal, or the revealed contact (a handled form redirects). */
type CaseAnswer = ReturnType<CaseForm["refuse"]> | Awaited<ReturnType<typeof revealContact>>;

/** The handler of each form of the page, by its intent. */
const INTENTS: Record<string, (page: CaseForm) => Promise<CaseAnswer>> = {
  revealContact,
  status: commandIntent(StatusFormSchema, changeCaseStatus),
  categorise: commandIntent(CategoriseFormSchema, categoriseCase),
  flag: commandIntent(HighProfileFormSchema, setHighProfile),
  refer: referIntent,
  referral: commandIntent(ReferralFormSchema, respondToReferral),
  notePublic: noteIntent("public"),
  noteInternal: noteIntent("internal"),
  merge: commandIntent(
    MergeFormSchema,
    mergeCase,
    (merged, page) => `/${page.locale}/workspace/needs/${merged.targetId}`,
  ),
};

export async function action({ request, params, context }: Route.ActionArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const id = requireParam(CaseIdSchema, params.id);
  const form = await submittedForm(request, context);
  const intent = String(form.get("intent") ?? "");
  const audit = { actor, requestId: context.requestId, publicUrl: context.publicUrl };
  const here = `/${locale}/workspace/needs/${id}`;
  const refuse: CaseForm["refuse"] = (status, errors, extra = {}, institution) =>
    data(
      {
        intent,
        errors,
        params: extra,
        values: formValues(form),
        ...(institution ? { institution } : {}),
      } satisfies Failure,
      { status },
    );
  const finish: CaseForm["finish"] = (result, target = here) => {
    if (!result.ok) return refuse(result.status, result.errors, result.params);
    throw redirect(`${target}?saved=${SAVED_NOTICES[intent as keyof typeof SAVED_NOTICES]}`);
  };
  const subject = await loadCaseSubject(context.db, id);
  if (!subject) throw data(null, { status: 404 });
  authorizeRecord(needsPolicy, actor, "need.view", subject);
  const handle = Object.hasOwn(INTENTS, intent) ? INTENTS[intent] : undefined;
  if (!handle) return refuse(400, { form: "core:form.invalid" });
  return handle({ db: context.db, audit, id, locale, form, here, refuse, finish });
}

const linkButton = "inline-flex min-h-11 items-center rounded border border-slate-400 px-4 py-2 font-semibold";

export default function CaseDetailPage({ loaderData: c, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("needs");
  const locale = localeFromParams(params);
  const failure = actionData && "errors" in actionData ? actionData : null;
  const revealed = actionData && "submitter" in actionData ? actionData.submitter : undefined;
  const referInstitution =
    failure?.intent === "refer" && failure.institution ? failure.institution : c.referInstitution;
  const referInstitutionMessage = useInstitutionMessage(referInstitution);
  const message = (key: string) =>
    key === ""
      ? (referInstitutionMessage ?? "")
      : t(key, {
          ...failure?.params,
          from: failure?.params.from ? t(`status.${failure.params.from}`) : "",
          to: failure?.params.to ? t(`status.${failure.params.to}`) : "",
        });
  const errorsFor = (intent: string) =>
    failure?.intent === intent
      ? Object.fromEntries(Object.entries(failure.errors).map(([k, v]) => [k, message(v)]))
      : {};
  const valuesFor = (intent: string): FormFieldValues => (failure?.intent === intent ? failure.values : {});
  /** The intent of one form of the case, with its version and its submitted values and errors. */
  const handling = (intent: string): HandlingState => ({
    intent,
    version: c.version,
    values: valuesFor(intent),
    errors: errorsFor(intent),
  });
  const allErrors = failure
    ? Object.fromEntries(Object.entries(failure.errors).map(([k, v]) => [`${failure.intent}-${k}`, message(v)]))
    : {};
  const isConflict = failure?.errors.form === "needs:workspace.errors.editedByOthers";
  const referErrors = errorsFor("refer");
  return (
    <>
      <PageTitle title={t("workspace.case.title", { reference: c.reference })} isError={Boolean(failure)} />
      <BackLink to={`/${locale}/workspace/needs`}>{t("workspace.case.backToQueue")}</BackLink>
      <h1 className="mb-2">{t("workspace.case.title", { reference: c.reference })}</h1>
      <p className="mb-6 flex flex-wrap items-center gap-2">
        <Tag tone="info">{t(`status.${c.status}`)}</Tag>
        <span>{t(`category.${c.category}`)}</span>
        <span>· {c.municipality}</span>
        {c.isHighProfile ? <Tag tone="warning">{t("workspace.flags.highProfile")}</Tag> : null}
        {c.escalatedLabel ? (
          <Tag tone="danger">{t("workspace.flags.escalatedOn", { date: c.escalatedLabel })}</Tag>
        ) : null}
      </p>
      {c.saved && !failure ? <SavedNotice as="div">{t(`workspace.case.saved.${c.saved}`)}</SavedNotice> : null}
      <ErrorSummary
        errors={allErrors}
        fieldIds={
          failure
            ? Object.fromEntries(
                Object.keys(failure.errors).map((k) => [
                  `${failure.intent}-${k}`,
                  `${failure.intent}-${k === "form" ? "submit" : k}`,
                ]),
              )
            : {}
        }
      />
      {isConflict ? (
        <p className="mb-6 max-w-2xl rounded bg-amber-50 p-4 text-amber-900">{t("workspace.case.conflictHelp")}</p>
      ) : null}
      {c.mergedInto ? (
        <p className="mb-6 rounded bg-slate-100 p-4">
          {t("workspace.case.mergedInto")}{" "}
          <Link to={`/${locale}/workspace/needs/${c.mergedInto.id}`}>{c.mergedInto.reference}</Link>
        </p>
      ) : null}

      <CaseSection id="details-heading" heading={t("workspace.case.details")}>
        <dl className="grid max-w-3xl gap-x-6 gap-y-2 sm:grid-cols-[12rem_1fr]">
          <Fact term={t("workspace.fields.received")}>{c.createdLabel}</Fact>
          <Fact term={t("workspace.fields.municipality")}>
            {[c.settlement, c.municipality].filter(Boolean).join(", ")}
          </Fact>
          <Fact term={t("workspace.fields.community")}>{c.community ?? "—"}</Fact>
          <Fact term={t("workspace.fields.institution")}>{c.institution ?? "—"}</Fact>
          <Fact term={t("workspace.fields.due")}>
            {c.dueLabel ?? "—"}{" "}
            {c.isOverdue ? <strong className="text-red-800">{t("workspace.flags.overdue")}</strong> : null}
          </Fact>
          {c.duplicates.length ? (
            <Fact term={t("workspace.case.duplicates")}>
              {c.duplicates.map((d, i) => (
                <span key={d.id}>
                  {i > 0 ? ", " : ""}
                  <Link to={`/${locale}/workspace/needs/${d.id}`}>{d.reference}</Link>
                </span>
              ))}
            </Fact>
          ) : null}
        </dl>
        <h3 className="mt-6 mb-2">{t("workspace.fields.description")}</h3>
        <div className="max-w-3xl">
          <Translated value={c.description} as="p" className="break-words whitespace-pre-line" />
        </div>
      </CaseSection>

      <CaseSection id="submitter-heading" heading={t("workspace.submitter.heading")}>
        {!c.submitter.exists || c.submitter.isAnonymous ? <p>{t("workspace.submitter.anonymous")}</p> : null}
        {c.submitter.erasedAt ? <p>{t("workspace.submitter.erased")}</p> : null}
        {c.submittedOnBehalf ? <p>{t("workspace.submitter.onBehalf")}</p> : null}
        <p>
          {c.submitter.shareWithInstitution
            ? t("workspace.submitter.consentShare")
            : t("workspace.submitter.noConsentShare")}
        </p>
        {c.canViewPersonal && c.submitter.exists && !c.submitter.erasedAt ? (
          revealed !== undefined ? (
            <dl
              className="mt-4 grid max-w-xl gap-x-6 gap-y-2 rounded border border-slate-300 p-4 sm:grid-cols-[10rem_1fr]"
              data-testid="submitter-details"
            >
              <Fact term={t("workspace.submitter.name")}>{revealed?.name ?? "—"}</Fact>
              <Fact term={t("workspace.submitter.phone")}>{revealed?.phone ?? "—"}</Fact>
              <Fact term={t("workspace.submitter.email")}>{revealed?.email ?? "—"}</Fact>
              <Fact term={t("workspace.submitter.contactConsent")}>
                {revealed?.contactConsent ? t("workspace.yes") : t("workspace.no")}
              </Fact>
            </dl>
          ) : (
            <IntentForm intent="revealContact" className="mt-4">
              <p className="mb-2 text-sm text-slate-700">{t("workspace.submitter.auditNotice")}</p>
              <Button variant="secondary">{t("workspace.submitter.show")}</Button>
            </IntentForm>
          )
        ) : !c.canViewPersonal ? (
          <p className="mt-2 text-slate-700">{t("workspace.submitter.withheld")}</p>
        ) : null}
      </CaseSection>

      {c.attachments.length ? (
        <CaseSection id="attachments-heading" heading={t("workspace.attachments.heading")}>
          <ul className="list-disc ps-5">
            {c.attachments.map((a) => (
              <li key={a.id}>
                {a.canRead ? (
                  <a href={`/${locale}/workspace/needs/${c.id}/attachments/${a.id}`} rel="nofollow">
                    {a.fileName}
                  </a>
                ) : (
                  <span>{t("workspace.attachments.withheld")}</span>
                )}{" "}
                <span className="text-slate-600">
                  ({t("workspace.attachments.size", { size: a.sizeLabel })}
                  {", "}
                  {t(`workspace.attachments.by.${a.uploadedBy}`)})
                </span>
              </li>
            ))}
          </ul>
        </CaseSection>
      ) : null}

      {c.referrals.length ? (
        <CaseSection id="referrals-heading" heading={t("workspace.referrals.heading")}>
          <ul className="space-y-4">
            {c.referrals.map((r) => (
              <li key={r.id} className="rounded border border-slate-300 p-4">
                <p className="font-semibold">
                  {r.organisation} · {t(`workspace.referrals.status.${r.status}`)}
                </p>
                <p className="text-sm text-slate-700">
                  {t("workspace.referrals.referredOn", { date: r.createdLabel })}
                </p>
                {r.message ? <p className="mt-2 break-words whitespace-pre-line">{r.message}</p> : null}
                {r.response ? (
                  <p className="mt-2 break-words whitespace-pre-line">
                    <strong>{t("workspace.referrals.response")}</strong> {r.response}
                  </p>
                ) : null}
                {r.canRespond ? (
                  <FormFields values={valuesFor("referral")} errors={errorsFor("referral")}>
                    <IntentForm
                      intent="referral"
                      className="mt-4 max-w-2xl"
                      values={{ version: c.version, referralId: r.id }}
                    >
                      <fieldset className="mb-5">
                        <legend className="font-semibold">{t("workspace.referrals.decision")}</legend>
                        {(r.status === "pending"
                          ? (["accept", "respond", "return"] as const)
                          : (["respond", "return"] as const)
                        ).map((d) => (
                          <label key={d} className="flex min-h-11 items-center gap-2">
                            <input
                              type="radio"
                              name="decision"
                              value={d}
                              defaultChecked={fieldValue(valuesFor("referral"), "decision") === d}
                              className="size-5"
                            />{" "}
                            {t(`workspace.referrals.decisions.${d}`)}
                          </label>
                        ))}
                      </fieldset>
                      <SelectField
                        {...fieldOf("referral", "outcome")}
                        label={t("workspace.referrals.outcome")}
                        hint={t("workspace.referrals.outcomeHint")}
                        defaultValue={fieldValue(valuesFor("referral"), "outcome") || "resolved"}
                      >
                        <option value="resolved">{t("status.resolved")}</option>
                        <option value="rejected">{t("status.rejected")}</option>
                      </SelectField>
                      <TextAreaField
                        {...fieldOf("referral", "response")}
                        label={t("workspace.referrals.responseLabel")}
                        hint={t("workspace.referrals.responseHint")}
                        optional
                        rows={3}
                      />
                      <PublicNoteField intent="referral" />
                      <Button id="referral-submit">{t("workspace.referrals.send")}</Button>
                    </IntentForm>
                  </FormFields>
                ) : null}
              </li>
            ))}
          </ul>
        </CaseSection>
      ) : null}

      {c.canTriage ? (
        <CaseSection id="handle-heading" heading={t("workspace.case.handle")} sideBySide>
          {c.nextStatuses.length ? (
            <HandlingForm form={handling("status")} heading={t("workspace.case.changeStatus")}>
              <SelectField {...fieldOf("status", "status")} label={t("workspace.fields.newStatus")}>
                <option value="">{t("workspace.queue.choose")}</option>
                <CodeOptions codes={c.nextStatuses} kind="status" />
              </SelectField>
              <PublicNoteField intent="status" />
              <Button id="status-submit">{t("workspace.case.saveStatus")}</Button>
            </HandlingForm>
          ) : null}
          {c.canRefer && c.canBeReferred ? (
            <HandlingForm form={handling("refer")} heading={t("workspace.case.refer")}>
              <InstitutionField
                id="refer-organisationId"
                name="institution"
                idName="organisationId"
                label={t("workspace.fields.institution")}
                hint={
                  c.suggestedLabel
                    ? t("workspace.case.suggested", { name: c.suggestedLabel })
                    : t("workspace.case.noSuggestion")
                }
                error={referErrors.organisationId || undefined}
                value={referInstitution}
              />
              <TextAreaField
                {...fieldOf("refer", "message")}
                label={t("workspace.case.referMessage")}
                optional
                rows={3}
              />
              <Button id="refer-submit">{t("workspace.case.referButton")}</Button>
            </HandlingForm>
          ) : null}
          <HandlingForm form={handling("categorise")} heading={t("workspace.case.categorise")}>
            <SelectField
              {...fieldOf("categorise", "category")}
              label={t("workspace.fields.category")}
              defaultValue={c.category}
            >
              <CodeOptions codes={NEED_CATEGORIES} kind="category" />
            </SelectField>
            <Button id="categorise-submit" variant="secondary">
              {t("workspace.case.saveCategory")}
            </Button>
          </HandlingForm>
          {c.canFlag ? (
            <HandlingForm form={handling("flag")} heading={t("workspace.flags.highProfile")}>
              <input type="hidden" name="isHighProfile" value={c.isHighProfile ? "false" : "true"} />
              <p className="mb-3 text-sm text-slate-700">{t("workspace.case.flagHint")}</p>
              <Button id="flag-submit" variant="secondary">
                {c.isHighProfile ? t("workspace.case.unflag") : t("workspace.case.flag")}
              </Button>
            </HandlingForm>
          ) : null}
          {!c.mergedInto && c.status !== "closed" ? (
            <HandlingForm form={handling("merge")} heading={t("workspace.case.merge")}>
              <TextField
                {...fieldOf("merge", "target")}
                label={t("workspace.case.mergeTarget")}
                hint={t("workspace.case.mergeHint")}
                maxLength={40}
                autoComplete="off"
              />
              <Button id="merge-submit" variant="secondary">
                {t("workspace.case.mergeButton")}
              </Button>
            </HandlingForm>
          ) : null}
        </CaseSection>
      ) : null}

      {c.canNote ? (
        <CaseSection id="write-heading" heading={t("workspace.notes.write")} sideBySide>
          {/* A public note (the submitter reads it) and an internal one, each its own form. */}
          {(
            [
              {
                intent: "notePublic",
                notes: "public",
                add: "addPublic",
                border: "border-emerald-700",
                button: "primary",
              },
              {
                intent: "noteInternal",
                notes: "internal",
                add: "addInternal",
                border: "border-slate-500",
                button: "secondary",
              },
            ] as const
          ).map((note) => (
            <FormFields key={note.intent} values={valuesFor(note.intent)} errors={errorsFor(note.intent)}>
              <Form method="post" className={`rounded border-2 ${note.border} p-4`}>
                <h3 className="mb-1">{t(`workspace.notes.${note.notes}Heading`)}</h3>
                <p className="mb-3 text-sm text-slate-700">{t(`workspace.notes.${note.notes}Hint`)}</p>
                <CsrfField />
                <input type="hidden" name="intent" value={note.intent} />
                <TextAreaField
                  {...fieldOf(note.intent, "body")}
                  label={t(`workspace.notes.${note.notes}Label`)}
                  rows={4}
                />
                <Button id={`${note.intent}-submit`} variant={note.button}>
                  {t(`workspace.notes.${note.add}`)}
                </Button>
              </Form>
            </FormFields>
          ))}
        </CaseSection>
      ) : null}

      <CaseSection id="timeline-heading" heading={t("workspace.timeline.heading")}>
        <ol className="space-y-3">
          {[
            ...c.timeline.map((h) => ({
              key: `s-${h.createdAt}-${h.toStatus}`,
              at: h.createdAt,
              node: (
                <p>
                  <time className="text-sm text-slate-600">{h.createdLabel}</time>
                  {" · "}
                  {h.fromStatus
                    ? t("workspace.timeline.statusFromTo", {
                        from: t(`status.${h.fromStatus}`),
                        to: t(`status.${h.toStatus}`),
                      })
                    : t("workspace.timeline.statusSet", { to: t(`status.${h.toStatus}`) })}
                  {h.actor ? ` · ${h.actor}` : ` · ${t("workspace.timeline.system")}`}
                </p>
              ),
            })),
            ...c.notes.map((n) => ({
              key: `n-${n.id}`,
              at: n.createdAt,
              node: (
                <div
                  className={`rounded border-s-4 p-3 ${n.visibility === "public" ? "border-emerald-700 bg-emerald-50" : "border-slate-500 bg-slate-100"}`}
                >
                  <p className="text-sm">
                    <Tag tone={n.visibility === "public" ? "success" : "neutral"}>
                      {t(`workspace.notes.${n.visibility}`)}
                    </Tag>{" "}
                    <time className="text-slate-600">{n.createdLabel}</time>
                    {" · "}
                    {n.authorKind === "submitter"
                      ? t("workspace.notes.bySubmitter")
                      : [n.author, n.organisation].filter(Boolean).join(", ") || t("workspace.timeline.system")}
                    {n.fromReference ? ` · ${t("workspace.notes.fromDuplicate", { reference: n.fromReference })}` : ""}
                  </p>
                  <p className="mt-1 break-words whitespace-pre-line">{n.body}</p>
                </div>
              ),
            })),
          ]
            .sort((a, b) => a.at.localeCompare(b.at))
            .map((entry) => (
              <li key={entry.key}>{entry.node}</li>
            ))}
        </ol>
        {c.timeline.length === 0 && c.notes.length === 0 ? <p>{t("workspace.timeline.empty")}</p> : null}
      </CaseSection>
      <p>
        <Link className={linkButton} to={`/${locale}/workspace/needs`}>
          {t("workspace.case.backToQueue")}
        </Link>
      </p>
    </>
  );
}

/** A field of one of the case's forms: its id is the form's intent and its name, as the error summary links it. */
function fieldOf(intent: string, name: string) {
  return { id: `${intent}-${name}`, name };
}

/** A section of the case page, named by its heading; `sideBySide` puts its forms side by side on wide screens. */
function CaseSection({
  id,
  heading,
  sideBySide,
  children,
}: {
  id: string;
  heading: string;
  sideBySide?: boolean;
  children: ReactNode;
}) {
  return (
    <LabelledSection id={id} heading={heading} className="mb-10" headingClassName="mb-4">
      {sideBySide ? <div className="grid gap-8 lg:grid-cols-2">{children}</div> : children}
    </LabelledSection>
  );
}

/** The note the submitter reads, written with a change of status or the answer to a referral. */
function PublicNoteField({ intent }: { intent: string }) {
  const { t } = useTranslation("needs");
  return (
    <TextAreaField
      {...fieldOf(intent, "publicNote")}
      label={t("workspace.notes.publicLabel")}
      hint={t("workspace.notes.publicHint")}
      optional
      rows={3}
    />
  );
}

/** What one form of the case posts besides its fields, and the values and errors it shows again. */
interface HandlingState {
  intent: string;
  version: number;
  values: FormFieldValues;
  errors: FieldErrors;
}

/** A form of the case's handling section: its box and heading, posting one intent with the case's version. */
function HandlingForm({ form, heading, children }: { form: HandlingState; heading: string; children: ReactNode }) {
  return (
    <FormFields values={form.values} errors={form.errors}>
      <Form method="post" className="rounded border border-slate-300 p-4">
        <h3 className="mb-3">{heading}</h3>
        <CsrfField />
        <input type="hidden" name="intent" value={form.intent} />
        <input type="hidden" name="version" value={form.version} />
        {children}
      </Form>
    </FormFields>
  );
}
