import type { ProgressBarView } from "#app/services/page-sections.ts";
import type { ProgressView } from "./strategies.view.server.ts";

/** A translator of the `strategies` catalog (the server's or the component's). */
type Translate = (
  key: "progress.notReported" | "progress.reported" | "progress.budgetWeighted",
  options?: Record<string, unknown>,
) => string;

/** The words of a progress bar in the page's language, for the shared `ProgressBar` (app/components/progress-bar.tsx). */
export function progressBarView(progress: ProgressView, t: Translate): ProgressBarView {
  if (progress.kind === "not_reported") return { kind: "not_reported", text: t("progress.notReported") };
  return {
    kind: "reported",
    percent: progress.percent,
    valueText: progress.shareLabel,
    text: t("progress.reported", {
      share: progress.shareLabel,
      completed: progress.completed,
      reported: progress.counted,
      cycle: progress.cycleLabel,
    }),
    budgetText: progress.budgetShareLabel ? t("progress.budgetWeighted", { share: progress.budgetShareLabel }) : null,
  };
}
