import { useTranslation } from "react-i18next";

/** Translates an error key of the reporting pages' forms (`reporting:…`, or the shared `core:…`) for display. */
export function useErrorText() {
  const { t } = useTranslation("reporting");
  const { t: tc } = useTranslation("core");
  return (key: string) => (key.startsWith("core:") ? tc(key.slice(5)) : t(key.replace(/^reporting:/, "")));
}
