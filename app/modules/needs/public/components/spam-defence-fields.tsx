import { useTranslation } from "react-i18next";
import { HONEYPOT_FIELD } from "../needs-public.schema.ts";

/**
 * The hidden fields of the public forms' spam defence (spam-defence.server.ts, form-timing.server.ts):
 * the signed time the form was shown, and the honeypot a person never sees.
 */
export function SpamDefenceFields({ shownAt }: { shownAt: string }) {
  const { t } = useTranslation("needs");
  return (
    <>
      <input type="hidden" name="shownAt" value={shownAt} />
      <div className="hidden">
        <label htmlFor={HONEYPOT_FIELD}>{t("public.new.honeypot")}</label>
        <input type="text" id={HONEYPOT_FIELD} name={HONEYPOT_FIELD} tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
    </>
  );
}
