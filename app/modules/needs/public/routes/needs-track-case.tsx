import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { Fact } from "#app/components/fact.tsx";
import { LabelledSection } from "#app/components/labelled-section.tsx";
import { Button } from "#app/components/button.tsx";
import { CsrfField } from "#app/components/csrf-field.tsx";
import { ErrorSummary } from "#app/components/form.tsx";
import { FormFields, TextAreaField } from "#app/components/form-fields.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { formatDate, formatDateTime, formatNumber } from "#app/i18n/format.ts";
import { isLocale, type Locale, localeFromParams } from "#app/i18n/locales.ts";
import { municipalityName } from "#app/modules/municipalities/municipality-name.ts";
import { ANONYMOUS } from "#app/services/authorization.ts";
import { addSubmitterNote, getTrackingView, lookUpTrackingCode } from "../../needs.tracking.server.ts";
import { AttachmentsField } from "../components/attachment-input.tsx";
import { SpamDefenceFields } from "../components/spam-defence-fields.tsx";
import { attachmentLimits } from "../attachments.server.ts";
import { formKey, signFormShownAt } from "../form-timing.server.ts";
import { isRequestTooLarge, publicFormError, readPublicForm } from "../needs-public.http.server.ts";
import { SubmitterNoteSchema } from "../needs-public.schema.ts";
import { countTrackingMiss, hasTooManyTrackingMisses } from "../spam-defence.server.ts";
import { receiptShortText, receiptUrls } from "../tracking-receipt.server.ts";
import type { Route } from "./+types/needs-track-case";
import { SavedNotice } from "#app/components/saved-notice.tsx";

function fileSize(bytes: number, locale: Locale): string {
  return `${formatNumber(Math.max(0.1, Math.round((bytes / 1024 / 1024) * 10) / 10), locale)} MB`;
}

/** The page for a code with a typing error (400), one that matched nothing (404) or too many that did (429), with the way to try again. */
function refusal(status: 400 | 404 | 429) {
  return data({ found: false as const, status }, { status });
}

/**
 * The case behind a typed tracking code, or the refusal: too many misses from this address (429), a
 * typing error (400), or no such code (404, counted as a miss).
 */
async function lookUpCase(context: Route.LoaderArgs["context"], typed: string) {
  if (await hasTooManyTrackingMisses(context.db, context)) return { ok: false as const, refusal: refusal(429) };
  const lookup = await lookUpTrackingCode(context.db, typed);
  if (lookup.kind === "typo") return { ok: false as const, refusal: refusal(400) };
  if (lookup.kind === "unknown") {
    await countTrackingMiss(context.db, context);
    return { ok: false as const, refusal: refusal(404) };
  }
  return { ok: true as const, ...lookup };
}

/**
 * The case behind a tracking code: status, timeline and public notes only. A code with a typing
 * error (its check symbol fails) gets a 400 that says so; unknown or malformed codes count against
 * the address's limit and get the not-found page. A code typed another way (small letters,
 * Cyrillic) is redirected to its canonical address.
 */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  if (!isLocale(params.lang)) throw data(null, { status: 404 });
  const locale = params.lang;
  const lookup = await lookUpCase(context, params.code);
  if (!lookup.ok) return lookup.refusal;
  const url = new URL(request.url);
  if (lookup.code !== params.code) throw redirect(`/${locale}/needs/track/${lookup.code}${url.search}`);
  const { caseId, code } = lookup;
  const view = await getTrackingView(context.db, caseId);
  if (!view) return refusal(404);
  const publicUrl = context.publicUrl.replace(/\/+$/, "");
  const file = (f: { name: string; sizeBytes: number }) => ({ name: f.name, size: fileSize(f.sizeBytes, locale) });
  return {
    found: true as const,
    code,
    trackingUrl: receiptUrls(locale, { code, publicUrl }).trackingUrl,
    shortText: receiptShortText(locale, { code, publicUrl }),
    justSubmitted: url.searchParams.get("submitted") === "1",
    noteAdded: url.searchParams.get("added") === "1",
    shownAt: signFormShownAt(formKey(context)),
    reference: view.reference,
    category: view.category,
    status: view.status,
    municipality: municipalityName(view.municipality, locale),
    submittedOn: formatDate(view.createdAt, locale),
    statusSince: formatDate(view.statusChangedAt, locale),
    timeline: view.timeline.map((entry, index) => ({
      key: String(index),
      status: entry.status,
      at: formatDateTime(entry.at, locale),
    })),
    notes: view.notes.map((note) => ({
      id: note.id,
      authorKind: note.authorKind,
      body: note.body,
      at: formatDateTime(note.createdAt, locale),
      attachments: note.attachments.map(file),
    })),
    attachments: view.attachments.map(file),
    mergedInto: view.mergedInto,
    limits: attachmentLimits(locale),
  };
}

/** Adds information to the case: the same spam defence as the submission form, then one transaction. */
export async function action({ request, params, context }: Route.ActionArgs) {
  if (!isLocale(params.lang)) throw data(null, { status: 404 });
  const locale = params.lang;
  if (isRequestTooLarge(request))
    return publicFormError(context)(413, { attachments: "needs:public.errors.attachment.total_too_large" }, null);
  const lookup = await lookUpCase(context, params.code);
  if (!lookup.ok) return lookup.refusal;
  const { caseId, code } = lookup;
  const read = await readPublicForm(request, context, "note", SubmitterNoteSchema);
  if (!read.ok) return read.refusal;
  await addSubmitterNote(
    context.db,
    { actor: context.actor ?? ANONYMOUS, requestId: context.requestId },
    context.files,
    { caseId, body: read.data.body, attachments: read.attachments },
  );
  throw redirect(`/${locale}/needs/track/${code}?added=1#add-information`);
}

/** The files of a note or of the case after `label`, each with its size; nothing when there are none. */
function FileList({
  label,
  files,
  className,
}: {
  label: string;
  files: { name: string; size: string }[];
  className: string;
}) {
  if (files.length === 0) return null;
  return (
    <p className={className}>
      {label} {files.map((f) => `${f.name} (${f.size})`).join(", ")}
    </p>
  );
}

function NotFound({ status }: { status: 400 | 404 | 429 }) {
  const { t } = useTranslation("needs");
  const { i18n } = useTranslation();
  const locale = isLocale(i18n.language) ? i18n.language : "sq";
  const title =
    status === 429 ? t("public.track.tooMany") : status === 400 ? t("public.track.typo") : t("public.track.notFound");
  const lead =
    status === 429
      ? t("public.track.tooManyLead")
      : status === 400
        ? t("public.errors.trackingCodeTypo")
        : t("public.track.notFoundLead");
  return (
    <>
      <PageTitle title={title} isError={status === 400} />
      <PageHeader title={title} lead={lead} />
      <p>
        <Link to={`/${locale}/needs/track`}>{t("public.track.tryAgain")}</Link>
      </p>
    </>
  );
}

/**
 * The receipt shown after a submission: the code large and grouped, a print view (the browser's
 * Print prints only this box: see app.css), a text file to save and a short text to copy or send.
 * All of it works without JavaScript.
 */
function Receipt({
  code,
  trackingUrl,
  shortText,
  reference,
  locale,
}: {
  code: string;
  trackingUrl: string;
  shortText: string;
  reference: string;
  locale: Locale;
}) {
  const { t } = useTranslation("needs");
  const mailto = `mailto:?subject=${encodeURIComponent(t("public.receipt.emailSubject", { reference }))}&body=${encodeURIComponent(shortText)}`;
  return (
    <div
      role="status"
      data-receipt=""
      className="mb-6 rounded border-4 border-green-700 bg-green-50 p-4 print:border-2 print:bg-white"
    >
      <h2 className="text-lg">{t("public.case.submittedTitle")}</h2>
      <p className="mt-2">{t("public.case.submittedLead")}</p>
      <p className="mt-3">{t("public.case.codeLabel")}</p>
      <p className="mt-1">
        <strong className="whitespace-nowrap font-mono text-3xl tracking-wider" data-tracking-code="">
          {code}
        </strong>
      </p>
      <p className="mt-3">
        {t("public.case.linkLabel")}{" "}
        <a href={`/${locale}/needs/track/${code}`} className="break-all">
          {trackingUrl}
        </a>
      </p>
      <p className="mt-2 text-sm">{t("public.case.keepCode")}</p>
      <div className="mt-4 border-t border-green-700 pt-3 print:hidden">
        <h3 className="text-base">{t("public.receipt.title")}</h3>
        <p className="mt-1 text-sm">{t("public.receipt.lead")}</p>
        <ul className="mt-2 list-disc space-y-1 ps-6">
          <li>{t("public.receipt.printHint")}</li>
          <li>
            <a href={`/${locale}/needs/track/${code}/receipt.txt`} download>
              {t("public.receipt.download")}
            </a>
          </li>
          <li>
            <a href={mailto}>{t("public.receipt.sendByEmail")}</a>
          </li>
        </ul>
        <label htmlFor="receipt-text" className="mt-3 block text-sm font-semibold">
          {t("public.receipt.shareLabel")}
        </label>
        <textarea
          id="receipt-text"
          readOnly
          rows={3}
          className="mt-1 w-full rounded border border-slate-400 bg-white p-2 font-mono text-sm"
          defaultValue={shortText}
        />
      </div>
    </div>
  );
}

export default function NeedsTrackCase({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("needs");
  if (!loaderData.found) return <NotFound status={loaderData.status} />;
  if (actionData && "found" in actionData) return <NotFound status={actionData.status} />;
  const locale = localeFromParams(params);
  const values: Record<string, string> = actionData && "values" in actionData ? actionData.values : {};
  const errorKeys: Record<string, string> = actionData && "errors" in actionData ? actionData.errors : {};
  const attachmentFile = actionData && "attachmentFile" in actionData ? actionData.attachmentFile : null;
  const freshShownAt = actionData && "shownAt" in actionData ? actionData.shownAt : null;
  const errors = Object.fromEntries(
    ["form", "body", "attachments"]
      .filter((name) => errorKeys[name])
      .map((name) => [name, t(errorKeys[name] ?? "", { file: attachmentFile ?? "", ...loaderData.limits })]),
  );
  const data = loaderData;
  const title = t("public.case.title", { reference: data.reference });
  return (
    <>
      <PageTitle title={title} isError={Object.keys(errors).length > 0} />
      <PageHeader title={title} />
      {data.justSubmitted ? (
        <Receipt
          code={data.code}
          trackingUrl={data.trackingUrl}
          shortText={data.shortText}
          reference={data.reference}
          locale={locale}
        />
      ) : null}
      <div className={data.justSubmitted ? "print:hidden" : undefined}>
        {data.noteAdded ? (
          <SavedNotice className="mb-6 rounded border-2 border-green-700 bg-green-50 p-3">
            {t("public.case.noteAdded")}
          </SavedNotice>
        ) : null}
        <dl className="mb-6 grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          <Fact term={t("public.case.reference")}>{data.reference}</Fact>
          <Fact term={t("public.case.status")}>
            <strong data-status={data.status}>{t(`status.${data.status}`)}</strong>{" "}
            {t("public.case.since", { date: data.statusSince })}
          </Fact>
          <Fact term={t("public.case.category")}>{t(`category.${data.category}`)}</Fact>
          <Fact term={t("public.case.municipality")}>{data.municipality}</Fact>
          <Fact term={t("public.case.submittedOn")}>{data.submittedOn}</Fact>
        </dl>
        {data.mergedInto ? (
          <p className="mb-6">
            {t("public.case.merged", {
              reference: data.mergedInto.reference,
              status: t(`status.${data.mergedInto.status}`),
            })}
          </p>
        ) : null}

        <section aria-labelledby="timeline-heading" className="mb-8">
          <h2 id="timeline-heading" className="mb-2">
            {t("public.case.timeline")}
          </h2>
          <ol className="list-decimal ps-6">
            {data.timeline.map((entry) => (
              <li key={entry.key}>
                {t(`status.${entry.status}`)} – {entry.at}
              </li>
            ))}
          </ol>
        </section>

        <LabelledSection id="notes-heading" heading={t("public.case.notes")} className="mb-8" headingClassName="mb-2">
          {data.notes.length === 0 ? <p>{t("public.case.noNotes")}</p> : null}
          <ul className="space-y-4">
            {data.notes.map((note) => (
              <li key={note.id} className="rounded border border-slate-300 p-3">
                <p className="text-sm font-semibold">
                  {t(`public.case.author.${note.authorKind}`)} – {note.at}
                </p>
                <p className="mt-1 whitespace-pre-line break-words">{note.body}</p>
                <FileList
                  label={t("public.case.attached")}
                  files={note.attachments}
                  className="mt-1 text-sm text-slate-700"
                />
              </li>
            ))}
          </ul>
          <FileList
            label={t("public.case.caseAttachments")}
            files={data.attachments}
            className="mt-4 text-sm text-slate-700"
          />
        </LabelledSection>

        <section id="add-information" aria-labelledby="add-heading" className="max-w-2xl" tabIndex={-1}>
          <h2 id="add-heading" className="mb-2">
            {t("public.case.add")}
          </h2>
          <p className="mb-4 text-sm text-slate-700">{t("public.case.addLead")}</p>
          <ErrorSummary errors={errors} fieldIds={{ form: "body" }} />
          <FormFields values={values} errors={errors}>
            <Form method="post" encType="multipart/form-data" noValidate>
              <CsrfField />
              <SpamDefenceFields shownAt={freshShownAt ?? data.shownAt} />
              <TextAreaField name="body" label={t("public.case.body")} />
              <AttachmentsField limits={data.limits} error={errors.attachments} />
              <Button>{t("public.case.addSubmit")}</Button>
            </Form>
          </FormFields>
        </section>
      </div>
    </>
  );
}
