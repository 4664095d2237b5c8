import { useTranslation } from "react-i18next";
import { Tag } from "#app/components/tag.tsx";
import { Translated } from "#app/components/translated.tsx";
import type { ProgressView, SpentView, StatusView } from "../strategies.view.server.ts";

/**
 * A progress bar of the share of measures completed, or "not yet reported" (an empty, dashed
 * track with the words): never a bar for a figure nobody reported.
 */
export function ProgressBar({ progress, label }: { progress: ProgressView; label: string }) {
  const { t } = useTranslation("strategies");
  if (progress.kind === "not_reported") {
    return (
      <div className="min-w-32">
        <div className="h-3 rounded border border-dashed border-slate-400" aria-hidden="true" />
        <p className="mt-1 text-sm text-slate-700">
          <span className="sr-only">{label}: </span>
          {t("progress.notReported")}
        </p>
      </div>
    );
  }
  return (
    <div className="min-w-32">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={progress.percent}
        aria-valuetext={progress.shareLabel}
        className="h-3 overflow-hidden rounded bg-slate-200"
      >
        <div className="h-full bg-brand-700" style={{ width: `${progress.percent}%` }} />
      </div>
      <p className="mt-1 text-sm text-slate-700">
        {t("progress.reported", { share: progress.shareLabel, completed: progress.completed, reported: progress.counted, cycle: progress.cycleLabel })}
        {progress.budgetShareLabel ? <span className="block">{t("progress.budgetWeighted", { share: progress.budgetShareLabel })}</span> : null}
      </p>
    </div>
  );
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
  return <Tag tone={status.status === "completed" ? "success" : status.status === "cancelled" || status.status === "delayed" ? "danger" : "info"}>{t(`status.${status.status}`)}</Tag>;
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
