import type { ProgressBarView } from "#app/services/page-sections.ts";

/**
 * A progress bar of the share of measures completed, or "not yet reported" (an empty, dashed
 * track with the words): never a bar for a figure nobody reported. The words come with the view.
 */
export function ProgressBar({ progress, label }: { progress: ProgressBarView; label: string }) {
  if (progress.kind === "not_reported") {
    return (
      <div className="min-w-32">
        <div className="h-3 rounded border border-dashed border-slate-400" aria-hidden="true" />
        <p className="mt-1 text-sm text-slate-700">
          <span className="sr-only">{label}: </span>
          {progress.text}
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
        aria-valuetext={progress.valueText}
        className="h-3 overflow-hidden rounded bg-slate-200"
      >
        <div className="h-full bg-brand-700" style={{ width: `${progress.percent}%` }} />
      </div>
      <p className="mt-1 text-sm text-slate-700">
        {progress.text}
        {progress.budgetText ? <span className="block">{progress.budgetText}</span> : null}
      </p>
    </div>
  );
}
