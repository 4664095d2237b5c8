import { useTranslation } from "react-i18next";
import { Form, redirect } from "react-router";
import { Button } from "#app/components/button.tsx";
import { CsrfField } from "#app/components/csrf-field.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { signOut } from "../identity.commands.server.ts";
import { auditContextOf, withoutSessionCookie } from "../identity.http.server.ts";
import type { Route } from "./+types/sign-out";
import { localeFromParams } from "#app/i18n/locales.ts";

/** Opening the address only offers the button: signing out changes data, so it takes a POST. */
export function loader({ params, context }: Route.LoaderArgs) {
  if (!context.session) throw redirect(`/${localeFromParams(params)}/`);
  return null;
}

/** Ends the session, removes the cookie and goes to the home page. */
export async function action({ params, context }: Route.ActionArgs) {
  if (context.session) await signOut(context.db, auditContextOf(context), context.session.sessionId);
  return redirect(`/${localeFromParams(params)}/`, { headers: withoutSessionCookie(context) });
}

export default function SignOut() {
  const { t } = useTranslation("identity");
  return (
    <div className="max-w-xl">
      <PageTitle title={t("signOut.title")} />
      <PageHeader title={t("signOut.title")} lead={t("signOut.lead")} />
      <Form method="post">
        <CsrfField />
        <Button>{t("signOut.submit")}</Button>
      </Form>
    </div>
  );
}
