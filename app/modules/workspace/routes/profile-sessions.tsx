import { useTranslation } from "react-i18next";
import { redirect } from "react-router";
import { Button } from "#app/components/button.tsx";
import { DataTable } from "#app/components/data-table.tsx";
import { ErrorSummary } from "#app/components/form.tsx";
import { Tag } from "#app/components/tag.tsx";
import { formatDateTime } from "#app/i18n/format.ts";
import { Notice, useFormFeedback } from "#app/modules/identity/form-feedback.tsx";
import { endOtherSessions } from "#app/modules/identity/identity.commands.server.ts";
import { auditContextOf, formFailure } from "#app/modules/identity/identity.http.server.ts";
import { identityPolicy } from "#app/modules/identity/identity.policy.ts";
import { listSessions } from "#app/modules/identity/identity.queries.server.ts";
import { authorize, requireUser } from "#app/services/guards.server.ts";
import type { Route } from "./+types/profile-sessions";
import { localeFromParams } from "#app/i18n/locales.ts";
import { submittedForm } from "#app/services/form-body.server.ts";
import { IntentForm } from "#app/components/intent-form.tsx";
import { ProfilePageHead } from "../components/profile-page-head.tsx";

/** The user's open sessions (where they are signed in), newest activity first. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  authorize(identityPolicy, actor, "profile.update", { userId: actor.userId });
  const sessions = await listSessions(context.db, actor.userId, context.session?.sessionId ?? null);
  const ended = Number.parseInt(new URL(request.url).searchParams.get("ended") ?? "", 10);
  return {
    ended: Number.isInteger(ended) && ended >= 0 ? ended : null,
    sessions: sessions.map((s) => ({
      ...s,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
    })),
  };
}

/** "Sign out everywhere else": ends every session but this one. */
export async function action({ request, params, context }: Route.ActionArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  authorize(identityPolicy, actor, "profile.update", { userId: actor.userId });
  const form = await submittedForm(request, context);
  const result = await endOtherSessions(context.db, auditContextOf(context), {
    userId: actor.userId,
    sessionId: context.session?.sessionId ?? "",
  });
  if (!result.ok) return formFailure(400, result.errors, form);
  return redirect(`/${locale}/workspace/profile/sessions?ended=${result.ended}`);
}

export default function ProfileSessions({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("identity");
  const locale = localeFromParams(params);
  const { failure, errors } = useFormFeedback(actionData);
  const others = loaderData.sessions.filter((s) => !s.isCurrent).length;
  return (
    <>
      <ProfilePageHead
        locale={locale}
        title={t("sessions.title")}
        lead={t("sessions.lead")}
        isError={Object.keys(errors).length > 0}
      />
      {loaderData.ended !== null && !failure ? (
        <Notice>{t("sessions.ended", { count: loaderData.ended })}</Notice>
      ) : null}
      <ErrorSummary errors={errors} fieldIds={{ form: "sign-out-others" }} />
      <DataTable
        caption={t("sessions.caption", { count: loaderData.sessions.length })}
        rows={loaderData.sessions}
        rowKey={(s) => s.id}
        columns={[
          {
            key: "device",
            header: t("sessions.device"),
            rowHeader: true,
            cell: (s) => <span className="break-words">{s.userAgent ?? t("sessions.unknownDevice")}</span>,
          },
          {
            key: "created",
            header: t("sessions.created"),
            cell: (s) => <time dateTime={s.createdAt}>{formatDateTime(s.createdAt, locale)}</time>,
          },
          {
            key: "lastSeen",
            header: t("sessions.lastSeen"),
            cell: (s) => <time dateTime={s.lastSeenAt}>{formatDateTime(s.lastSeenAt, locale)}</time>,
          },
          {
            key: "current",
            header: <span className="sr-only">{t("sessions.status")}</span>,
            cell: (s) => (s.isCurrent ? <Tag tone="info">{t("sessions.current")}</Tag> : null),
          },
        ]}
      />
      <IntentForm intent="sign-out-others" className="mt-6">
        <p className="mb-3">{t("sessions.othersCount", { count: others })}</p>
        <Button id="sign-out-others" variant="secondary" disabled={others === 0}>
          {t("sessions.signOutOthers")}
        </Button>
      </IntentForm>
    </>
  );
}
