import { useTranslation } from "react-i18next";
import { TranslationNote } from "#app/components/translated.tsx";
import { data, Form, Link, redirect } from "react-router";
import { CsrfField } from "#app/components/csrf-field.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { Tag } from "#app/components/tag.tsx";
import { formatDateTime } from "#app/i18n/format.ts";
import { localeFromParams } from "#app/i18n/locales.ts";
import { localize, localizedString } from "#app/i18n/translated-text.ts";
import { eventCommands } from "#app/modules/clearing-house/events/events.commands.server.ts";
import { opportunityCommands } from "#app/modules/clearing-house/opportunities/opportunities.commands.server.ts";
import { serviceCommands } from "#app/modules/clearing-house/services/services.commands.server.ts";
import { requireUser } from "#app/services/guards.server.ts";
import { z } from "zod";
import { newsCommands } from "../../news/news.commands.server.ts";
import { CONTENT_KINDS } from "#app/modules/clearing-house/publishable/content-kinds.ts";
import {
  listEditableContent,
  writableOrganisationIds,
} from "#app/modules/clearing-house/publishable/publishing.queries.server.ts";
import { publishingPolicy } from "#app/modules/clearing-house/publishable/publishing.policy.ts";
import type { Route } from "./+types/workspace-publishing";
import { idSchema } from "#app/services/ids.ts";
import { submittedForm } from "#app/services/form-body.server.ts";
import { SavedNotice } from "#app/components/saved-notice.tsx";

const StatusChangeSchema = z.object({
  kind: z.enum(CONTENT_KINDS),
  id: idSchema(),
  status: z.enum(["draft", "published"]),
});

const SET_STATUS = {
  news: newsCommands.setStatus,
  events: eventCommands.setStatus,
  services: serviceCommands.setStatus,
  opportunities: opportunityCommands.setStatus,
} as const;

/** The items the person writes (or, for coordinators, moderates), with publish / unpublish. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const ids = writableOrganisationIds(actor);
  const items = await listEditableContent(context.db, ids);
  return {
    canWrite: ids === null || ids.length > 0,
    isModerator: publishingPolicy.can(actor, "content.moderate", null),
    saved: new URL(request.url).searchParams.get("saved"),
    items: items.map((i) => ({
      key: `${i.kind}-${i.id}`,
      kind: i.kind,
      id: i.id,
      slug: i.slug,
      status: i.status,
      title: localize(i.title, locale, i.originalLocale),
      organisation: i.organisationName ? localizedString(i.organisationName, locale) : null,
      updatedAt: i.updatedAt.toISOString(),
      updatedLabel: formatDateTime(i.updatedAt, locale),
    })),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const parsed = StatusChangeSchema.safeParse(Object.fromEntries(await submittedForm(request, context)));
  if (!parsed.success) throw data(null, { status: 400 });
  const { kind, id, status } = parsed.data;
  const result = await SET_STATUS[kind](context.db, { actor, requestId: context.requestId }, id, status);
  if (!result.ok) throw data(null, { status: result.status });
  throw redirect(`/${locale}/workspace/publishing?saved=${status}`);
}

export default function WorkspacePublishing({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("news");
  const locale = localeFromParams(params);
  return (
    <>
      <PageTitle title={t("publishing.title")} />
      <PageHeader
        title={t("publishing.title")}
        lead={loaderData.isModerator ? t("publishing.leadModerator") : t("publishing.lead")}
      />
      {loaderData.saved === "published" || loaderData.saved === "draft" ? (
        <SavedNotice className="mb-4 rounded border-s-4 border-emerald-600 bg-emerald-50 p-3">
          {t(`publishing.saved.${loaderData.saved}`)}
        </SavedNotice>
      ) : null}
      {loaderData.canWrite ? (
        <ul className="mb-6 flex flex-wrap gap-2">
          {CONTENT_KINDS.map((kind) => (
            <li key={kind}>
              <Link
                className="inline-block rounded border border-brand-700 px-3 py-2"
                to={`/${locale}/workspace/publishing/${kind}/new`}
              >
                {t(`publishing.new.${kind}`)}
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("publishing.noOrganisation")}</p>
      )}
      {loaderData.items.length === 0 ? <p>{t("publishing.empty")}</p> : null}
      <ul className="divide-y divide-slate-200 border-y border-slate-200">
        {loaderData.items.map((item) => (
          <li key={item.key} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between">
            <div className="min-w-0">
              <p className="flex flex-wrap items-center gap-2">
                <Tag tone="info">{t(`publishing.kind.${item.kind}`)}</Tag>
                <Tag tone={item.status === "published" ? "success" : "warning"}>
                  {t(`publishing.status.${item.status}`)}
                </Tag>
                <Link
                  to={`/${locale}/workspace/publishing/${item.kind}/${item.id}`}
                  lang={item.title?.lang}
                  className="font-semibold"
                >
                  {item.title?.text}
                </Link>
                <TranslationNote value={item.title} spaced />
              </p>
              <p className="text-sm text-slate-700">
                {item.organisation ? `${item.organisation} · ` : ""}
                <time dateTime={item.updatedAt}>{item.updatedLabel}</time>
              </p>
            </div>
            <Form method="post">
              <CsrfField />
              <input type="hidden" name="kind" value={item.kind} />
              <input type="hidden" name="id" value={item.id} />
              <input type="hidden" name="status" value={item.status === "published" ? "draft" : "published"} />
              <button
                type="submit"
                className="rounded border border-brand-700 px-3 py-1 text-brand-800 hover:bg-brand-50"
              >
                {item.status === "published" ? t("publishing.unpublish") : t("publishing.publish")}
                <span className="sr-only">: {item.title?.text}</span>
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </>
  );
}
