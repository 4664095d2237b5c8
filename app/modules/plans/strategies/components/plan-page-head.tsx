import { Fragment, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "#app/components/page-title.tsx";
import type { LocalizedText } from "#app/i18n/translated-text.ts";
import type { ProgressView } from "../strategies.view.server.ts";
import { DemoNotice, DemoTag, ProgressBar } from "./progress.tsx";

/** One fact in the head of a strategy's or a plan's page: a term and its value. */
export interface PlanPageFact {
  key: string;
  term: string;
  value: ReactNode;
}

/**
 * The head of a strategy's or a plan's public page: the document title, the link up (`up`), the
 * title in its language, the demo mark and notice, the facts with the overall progress last, what
 * follows them (`children`, a summary) and the note on how progress is counted.
 */
export function PlanPageHead({
  documentTitle,
  up,
  title,
  isDemo,
  facts,
  progress,
  children,
}: {
  documentTitle: string;
  up: ReactNode;
  title: LocalizedText | null;
  isDemo: boolean;
  facts: PlanPageFact[];
  progress: ProgressView;
  children?: ReactNode;
}) {
  const { t } = useTranslation("strategies");
  return (
    <>
      <PageTitle title={documentTitle} />
      <p className="text-sm">{up}</p>
      <h1 className="mt-2" lang={title?.lang}>
        {title?.text}
      </h1>
      <p className="mt-2 flex flex-wrap gap-2">
        <DemoTag isDemo={isDemo} />
      </p>
      <DemoNotice isDemo={isDemo} />
      <dl className="mt-4 grid gap-x-6 gap-y-2 sm:grid-cols-[12rem_minmax(0,1fr)]">
        {facts.map((fact) => (
          <Fragment key={fact.key}>
            <dt className="font-semibold">{fact.term}</dt>
            <dd>{fact.value}</dd>
          </Fragment>
        ))}
        <dt className="font-semibold">{t("detail.overallProgress")}</dt>
        <dd className="max-w-sm">
          <ProgressBar progress={progress} label={t("detail.overallProgress")} />
        </dd>
      </dl>
      {children}
      <p className="mt-3 text-sm text-slate-700">{t("progress.explanation")}</p>
    </>
  );
}
