import { useTranslation } from "react-i18next";
import { redirect } from "react-router";
import { OneButtonPage } from "../components/one-button-page.tsx";
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
  return <OneButtonPage title={t("signOut.title")} lead={t("signOut.lead")} submit={t("signOut.submit")} />;
}
