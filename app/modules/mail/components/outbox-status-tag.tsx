import { useTranslation } from "react-i18next";
import { Tag } from "#app/components/tag.tsx";
import type { OutboxStatus } from "../mail.schema.ts";

const TONE = { held: "info", queued: "neutral", sent: "success", failed: "danger" } as const;

/** The state of an outbox message as a coloured, translated label. */
export function OutboxStatusTag({ status }: { status: OutboxStatus }) {
  const { t } = useTranslation("mail");
  return <Tag tone={TONE[status]}>{t(`status.${status}`)}</Tag>;
}
