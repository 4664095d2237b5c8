import { useTranslation } from "react-i18next";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { Tag } from "#app/components/tag.tsx";
import { authorize, requireUser } from "#app/services/guards.server.ts";
import { planningPolicy } from "../../planning.policy.ts";
import { listMyMeasures } from "../../planning.queries.server.ts";
import { formatDecimal } from "../planning.routes.server.ts";
import { statusTone } from "../planning.locale.ts";
import type { Route } from "./+types/my-measures";
import { localeFromParams } from "#app/i18n/locales.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  authorize(planningPolicy, actor, "measure.listOwn", null);
  return { measures: await listMyMeasures(context.db, actor, locale, (v) => formatDecimal(v, locale)) };
}

export default function MyMeasures({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("planning");
  const { measures } = loaderData;
  return (
    <>
      <PageTitle title={t("mine.title")} />
      <PageHeader title={t("mine.title")} lead={t("mine.lead")} />
      {measures.length === 0 ? <p>{t("mine.none")}</p> : null}
      {measures.map((m) => (
        <article
          key={m.id}
          aria-labelledby={`measure-${m.id}`}
          className="mb-8 max-w-4xl border-s-4 border-slate-300 ps-4"
        >
          <h2 id={`measure-${m.id}`} className="text-xl break-words">
            {m.code} {m.title}
          </h2>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-slate-700">
            <span>
              {m.planCode} — {m.planTitle}
            </span>
            <Tag tone={statusTone(m.planStatus)}>{t(`status.${m.planStatus}`)}</Tag>
            <Tag tone="info">{t(`mine.role.${m.role}`)}</Tag>
          </p>
          <p className="mt-1">
            {m.sector} · {m.startDate} – {m.endDate}
          </p>
          {m.indicators.length ? (
            <ul className="mt-2 list-disc ps-6">
              {m.indicators.map((i) => (
                <li key={i.code} className="break-words">
                  {i.code} {i.name} ({t(`unit.${i.unit}`)})
                  {i.baseline ? ` — ${t("indicator.baseline")}: ${i.baseline}` : ""}
                  {i.targets.length
                    ? `; ${t("indicator.targets")}: ${i.targets.map((x) => `${x.year}: ${x.value}`).join("; ")}`
                    : ""}
                </li>
              ))}
            </ul>
          ) : null}
        </article>
      ))}
    </>
  );
}
