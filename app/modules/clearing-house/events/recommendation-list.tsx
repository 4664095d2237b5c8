import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Tag } from "#app/components/tag.tsx";
import { Translated, TranslationNote } from "#app/components/translated.tsx";
import { OrganisationName } from "./components/organisation-name.tsx";
import type { LocalizedText } from "#app/i18n/translated-text.ts";
import type { RecommendationStatus } from "#app/db/tables/clearing-house.ts";
import type { OrganisationLink } from "#app/modules/clearing-house/publishable/view-models.ts";
import { RECOMMENDATION_STATUSES } from "./events.schema.ts";

/** A recommendation as the pages show it (formatted in the loader). */
export interface RecommendationItem {
  id: number;
  text: LocalizedText | null;
  owner: OrganisationLink;
  dueDate: string;
  dueLabel: string;
  isOverdue: boolean;
  status: RecommendationStatus;
  statusNote: string | null;
  measure: { code: string; title: LocalizedText | null } | null;
  event: { slug: string; title: LocalizedText | null } | null;
  isDemo: boolean;
}

/** The recommendation statuses as a select's options, named in the reader's language. */
export function RecommendationStatusOptions() {
  const { t } = useTranslation("events");
  return (
    <>
      {RECOMMENDATION_STATUSES.map((s) => (
        <option key={s} value={s}>
          {t(`recommendations.statuses.${s}`)}
        </option>
      ))}
    </>
  );
}

export const STATUS_TONE = { open: "warning", in_progress: "info", done: "success", rejected: "neutral" } as const;

/** Recommendations with owner, due date, status (and reason) — on the event page and the public list. */
export function RecommendationList({
  items,
  locale,
  showEvent,
}: {
  items: RecommendationItem[];
  locale: string;
  showEvent: boolean;
}) {
  const { t } = useTranslation("events");
  const { t: tc } = useTranslation("core");
  return (
    <ul className="divide-y divide-slate-200 border-y border-slate-200">
      {items.map((r) => (
        <li key={r.id} className="py-3" id={`recommendation-${r.id}`}>
          <p>
            <Translated value={r.text} /> {r.isDemo ? <Tag>{tc("demo")}</Tag> : null}
          </p>
          <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-sm">
            <div>
              <dt className="inline font-semibold">{t("recommendations.owner")}: </dt>
              <dd className="inline">
                <OrganisationName organisation={r.owner} locale={locale} />
              </dd>
            </div>
            <div>
              <dt className="inline font-semibold">{t("recommendations.due")}: </dt>
              <dd className="inline">
                <time dateTime={r.dueDate}>{r.dueLabel}</time>{" "}
                {r.isOverdue ? <Tag tone="danger">{t("recommendations.overdue")}</Tag> : null}
              </dd>
            </div>
            <div>
              <dt className="inline font-semibold">{t("recommendations.status")}: </dt>
              <dd className="inline">
                <Tag tone={STATUS_TONE[r.status]}>{t(`recommendations.statuses.${r.status}`)}</Tag>
              </dd>
            </div>
            {r.measure ? (
              <div>
                <dt className="inline font-semibold">{t("recommendations.measure")}: </dt>
                <dd className="inline">
                  {r.measure.code} <Translated value={r.measure.title} />
                </dd>
              </div>
            ) : null}
            {showEvent && r.event ? (
              <div>
                <dt className="inline font-semibold">{t("recommendations.event")}: </dt>
                <dd className="inline">
                  <Link to={`/${locale}/events/${r.event.slug}`} lang={r.event.title?.lang}>
                    {r.event.title?.text}
                  </Link>
                  <TranslationNote value={r.event.title} spaced />
                </dd>
              </div>
            ) : null}
          </dl>
          {r.statusNote ? (
            <p className="mt-1 text-sm">
              <span className="font-semibold">
                {r.status === "rejected" ? t("recommendations.reason") : t("recommendations.note")}:
              </span>{" "}
              {r.statusNote}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
