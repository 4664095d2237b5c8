import { useTranslation } from "react-i18next";
import type { LocalizedText } from "#app/i18n/translated-text.ts";
import { Tag } from "./tag.tsx";

/**
 * The visible mark on content that is not in the reader's language, or was machine-translated,
 * so nobody mistakes a fallback or a machine translation for an official text.
 */
export function TranslationNote({ value }: { value: LocalizedText | null }) {
  const { t } = useTranslation("core");
  if (!value) return null;
  if (value.isMachine) return <Tag tone="warning">{t("translation.machine")}</Tag>;
  if (value.isFallback) return <Tag tone="info">{t("translation.fallback", { language: t(`languageName.${value.shownLocale}`) })}</Tag>;
  return null;
}
