import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import type { Locale } from "#app/i18n/locales.ts";
import { EmailTokenSchema } from "../identity.schema.ts";

/** The answer to a link that cannot be used: 410 when it expired or was used, 404 when it never existed. */
export function unusableLink(status: "gone" | "unknown") {
  return data({ linkStatus: status }, { status: status === "gone" ? 410 : 404 });
}

/**
 * The answer to opening a link from an e-mail (opening it changes nothing): valid, or unusable when its
 * token is malformed or `statusOf` finds it expired, used or never issued.
 */
export async function emailLinkStatus(
  token: string | undefined,
  statusOf: (token: string) => Promise<"valid" | "gone" | "unknown">,
) {
  const parsed = EmailTokenSchema.safeParse(token);
  if (!parsed.success) return unusableLink("unknown");
  const status = await statusOf(parsed.data);
  return status === "valid" ? { linkStatus: "valid" as const } : unusableLink(status);
}

/**
 * The page shown for a link from an e-mail that cannot be used: expired or already used (410), or
 * never issued (404), with the way forward.
 */
export function UnusableLink({
  kind,
  status,
  locale,
}: {
  kind: "reset" | "verify" | "invitation";
  status: "gone" | "unknown";
  locale: Locale;
}) {
  const { t } = useTranslation("identity");
  const title = status === "gone" ? t("links.goneTitle") : t("links.unknownTitle");
  return (
    <div className="max-w-xl">
      <PageTitle title={title} />
      <PageHeader title={title} lead={status === "gone" ? t("links.gone") : t("links.unknown")} />
      {kind === "reset" ? (
        <p>
          <Link to={`/${locale}/forgot-password`}>{t("links.requestNewReset")}</Link>
        </p>
      ) : kind === "verify" ? (
        <p>
          <Link to={`/${locale}/workspace/profile`}>{t("links.requestNewVerification")}</Link>
        </p>
      ) : (
        <p>{t("links.askForNewInvitation")}</p>
      )}
    </div>
  );
}
