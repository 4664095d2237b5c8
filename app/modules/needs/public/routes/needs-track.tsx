import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import { Button } from "#app/components/button.tsx";
import { ErrorSummary, Field, TextInput } from "#app/components/form.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { isLocale } from "#app/i18n/locales.ts";
import { formatTrackingCode } from "../tracking-code.server.ts";
import type { Route } from "./+types/needs-track";

/** The form to type a tracking code; a well-formed code goes on to its page (GET, nothing changes). */
export async function loader({ request, params }: Route.LoaderArgs) {
  if (!isLocale(params.lang)) throw data(null, { status: 404 });
  const typed = new URL(request.url).searchParams.get("code");
  if (typed === null) return { code: "", error: null };
  const code = formatTrackingCode(typed);
  if (code) throw redirect(`/${params.lang}/needs/track/${code}`);
  return data({ code: typed.slice(0, 100), error: "needs:public.errors.trackingCode" }, { status: 400 });
}

export default function NeedsTrack({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("needs");
  const error = loaderData.error ? t(loaderData.error) : undefined;
  return (
    <>
      <PageTitle title={t("public.track.title")} isError={Boolean(error)} />
      <PageHeader title={t("public.track.title")} lead={t("public.track.lead")} />
      <ErrorSummary errors={{ code: error }} />
      <Form method="get" className="max-w-xl">
        <Field id="code" label={t("public.track.code")} hint={t("public.track.codeHint")} error={error}>
          {(aria) => <TextInput {...aria} name="code" autoComplete="off" autoCapitalize="characters" spellCheck={false} defaultValue={loaderData.code} className="font-mono" />}
        </Field>
        <Button>{t("public.track.submit")}</Button>
      </Form>
    </>
  );
}
