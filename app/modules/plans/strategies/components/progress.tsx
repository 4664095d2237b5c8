import { useTranslation } from "react-i18next";
import { ProgressBar as SharedProgressBar } from "#app/components/progress-bar.tsx";
import { Tag } from "#app/components/tag.tsx";
import { Translated } from "#app/components/translated.tsx";
import { progressBarView } from "../progress-bar-view.ts";
import type { ProgressView, SpentView, StatusView } from "../strategies.view.server.ts";

/**
 * A progress bar of the share of measures completed, or "not yet reported" (an empty, dashed
 * track with the words): never a bar for a figure nobody reported. The shared bar, with this
 * module's words.
 */
export function ProgressBar({ progress, label }: { progress: ProgressView; label: string }) {
  const { t } = useTranslation("strategies");
  return <SharedProgressBar progress={progressBarView(progress, t)} label={label} />;
}

/** Progress as a short text, for long tables where a bar per row would be too heavy. */
export function ProgressText({ progress }: { progress: ProgressView }) {
  const { t } = useTranslation("strategies");
  if (progress.kind === "not_reported") return <span className="text-slate-700">{t("progress.notReported")}</span>;
  return <span>{progress.shareLabel}</span>;
}

/** A measure's status from the approved report, or "not yet reported". */
export function StatusTag({ status }: { status: StatusView }) {
  const { t } = useTranslation("strategies");
  if (status.kind === "not_reported") return <Tag>{t("progress.notReported")}</Tag>;
  return (
    <Tag
      tone={
        status.status === "completed"
          ? "success"
          : status.status === "cancelled" || status.status === "delayed"
            ? "danger"
            : "info"
      }
    >
      {t(`status.${status.status}`)}
    </Tag>
  );
}

/** Money spent, or "not yet reported". */
export function SpentText({ spent }: { spent: SpentView }) {
  const { t } = useTranslation("strategies");
  if (spent.kind === "not_reported") return <span className="text-slate-700">{t("progress.notReported")}</span>;
  return <span>{spent.label}</span>;
}

/** A stored text in the language actually shown, with the fallback or machine-translation mark (the shared component). */
export const Content = Translated;

/** The mark on invented demo content. */
export function DemoTag({ isDemo }: { isDemo: boolean }) {
  const { t: tc } = useTranslation("core");
  return isDemo ? <Tag tone="warning">{tc("demo")}</Tag> : null;
}

/** Under the heading of a strategy's, a plan's or a measure's page: the notice that it is demo content, or nothing. */
export function DemoNotice({ isDemo }: { isDemo: boolean }) {
  const { t } = useTranslation("strategies");
  return isDemo ? (
    <p className="mt-3 max-w-3xl rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
      {t("detail.demoNotice")}
    </p>
  ) : null;
}
