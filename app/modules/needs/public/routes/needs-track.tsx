import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import { Button } from "#app/components/button.tsx";
import { ErrorSummary } from "#app/components/form.tsx";
import { FormFields, TextField } from "#app/components/form-fields.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { isLocale } from "#app/i18n/locales.ts";
import { formatTrackingCode, readTrackingCode, TRACKING_CODE_EXAMPLE } from "../tracking-code.server.ts";
import type { Route } from "./+types/needs-track";

/**
 * The form to type a tracking code (GET, nothing changes), and where a typed code goes: to its
 * page when it reads as a code, back to the form with a 400 when it has a typing error (its check
 * symbol fails) or is nothing like a code. The example in the hint is a value, never transliterated.
 */
export async function loader({ request, params }: Route.LoaderArgs) {
  if (!isLocale(params.lang)) throw data(null, { status: 404 });
  const example = TRACKING_CODE_EXAMPLE;
  const typed = new URL(request.url).searchParams.get("code");
  if (typed === null) return { code: "", error: null, example };
  const read = readTrackingCode(typed);
  if (read.kind === "code") {
    // One reading: its canonical form. Two (Cyrillic letters that read two ways): the page behind tells them apart by lookup.
    const [only] = read.candidates;
    const segment =
      (read.candidates.length === 1 && only ? formatTrackingCode(only) : null) ?? encodeURIComponent(typed.trim());
    throw redirect(`/${params.lang}/needs/track/${segment}`);
  }
  const error = read.kind === "typo" ? "needs:public.errors.trackingCodeTypo" : "needs:public.errors.trackingCode";
  return data({ code: typed.slice(0, 100), error, example }, { status: 400 });
}

export default function NeedsTrack({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("needs");
  const error = loaderData.error ? t(loaderData.error, { example: loaderData.example }) : undefined;
  return (
    <>
      <PageTitle title={t("public.track.title")} isError={Boolean(error)} />
      <PageHeader title={t("public.track.title")} lead={t("public.track.lead")} />
      <ErrorSummary errors={{ code: error }} />
      <FormFields values={{ code: loaderData.code }} errors={{ code: error }}>
        <Form method="get" className="max-w-xl">
          <TextField
            name="code"
            label={t("public.track.code")}
            hint={t("public.track.codeHint", { example: loaderData.example })}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            className="font-mono"
          />
          <Button>{t("public.track.submit")}</Button>
        </Form>
      </FormFields>
    </>
  );
}
