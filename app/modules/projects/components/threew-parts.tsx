import { useTranslation } from "react-i18next";
import { DataTable } from "#app/components/data-table.tsx";
import { MapFrame } from "#app/components/map-frame.tsx";
import { MapSection, nameLinkColumn } from "#app/components/map-section.tsx";
import { Translated } from "#app/components/translated.tsx";
import type { LocalizedText } from "#app/i18n/translated-text.ts";
import { NATIONAL_MAP_FRAME } from "#app/modules/municipalities/map-frames.ts";
import { SHARE_CLASS_COLOURS } from "#app/modules/municipalities/shares.ts";

/*
 * The 3W view's parts that show figures only (the map with the table per municipality, the
 * funding-per-member matrix, the timeline) and the unfunded measures: rendered to static HTML by the loader once per content
 * and kept (kept-markup.server.tsx, decision 057). Plain links (the public pages do not hydrate);
 * every text comes formatted from the loader or through the catalogs.
 */

export interface MapPartProps {
  areas: { kasCode: string; path: string; href: string; colourClass: number; label: string }[];
  legendMax: string;
  municipalityRows: { kasCode: string; href: string; name: string; projects: string; amount: string }[];
}

export function MapPart({ areas, legendMax, municipalityRows }: MapPartProps) {
  const { t } = useTranslation("projects");
  return (
    <MapSection
      headingId="map-heading"
      heading={t("threeW.map.heading")}
      hint={t("threeW.map.hint")}
      skipTo="municipality-figures"
      skipLabel={t("threeW.map.skip")}
      map={
        <MapFrame
          width={NATIONAL_MAP_FRAME.width}
          height={NATIONAL_MAP_FRAME.height}
          role="group"
          labelledBy="projects-map-caption"
          hatchId="projects-map-none"
        >
          {areas.map((area) => (
            <a key={area.kasCode} href={area.href} aria-label={area.label} className="group focus:outline-none">
              <title>{area.label}</title>
              <path
                d={area.path}
                fill={area.colourClass === 0 ? "url(#projects-map-none)" : SHARE_CLASS_COLOURS[area.colourClass]}
                vectorEffect="non-scaling-stroke"
                className="group-hover:fill-[#e0a526] group-focus-visible:fill-[#e0a526] group-focus-visible:stroke-[#0f172a] group-focus-visible:stroke-[3px]"
              />
            </a>
          ))}
        </MapFrame>
      }
      captionId="projects-map-caption"
      caption={t("threeW.map.caption", { max: legendMax })}
    >
      <div id="municipality-figures" tabIndex={-1}>
        <DataTable
          caption={t("threeW.byMunicipality.caption")}
          rows={municipalityRows}
          rowKey={(r) => r.kasCode}
          columns={[
            nameLinkColumn(t("threeW.byMunicipality.municipality"), true),
            {
              key: "projects",
              header: t("threeW.byMunicipality.projects"),
              numeric: true,
              cell: (r) => r.projects,
            },
            { key: "amount", header: t("threeW.byMunicipality.amount"), numeric: true, cell: (r) => r.amount },
          ]}
        />
      </div>
    </MapSection>
  );
}

export interface PerMemberPartProps {
  communities: { code: string; name: string }[];
  rows: { kasCode: string; municipality: string; cells: string[] }[];
}

export function PerMemberPart({ communities, rows }: PerMemberPartProps) {
  const { t } = useTranslation("projects");
  return (
    <>
      <h2 id="per-member-heading">{t("threeW.perMember.heading")}</h2>
      <p className="mt-1 max-w-3xl text-sm text-slate-700">{t("threeW.perMember.hint")}</p>
      <p className="mt-1 mb-3 max-w-3xl text-sm text-slate-700">{t("threeW.perMember.cellHint")}</p>
      <DataTable
        caption={t("threeW.perMember.caption")}
        rows={rows}
        rowKey={(r) => r.kasCode}
        columns={[
          {
            key: "municipality",
            header: t("threeW.byMunicipality.municipality"),
            rowHeader: true,
            cell: (r) => r.municipality,
          },
          ...communities.map((c, i) => ({
            key: c.code,
            header: c.name,
            numeric: true,
            cell: (r: PerMemberPartProps["rows"][number]) => r.cells[i],
          })),
        ]}
      />
    </>
  );
}

export interface TimelinePartProps {
  width: number;
  height: number;
  left: number;
  bottom: number;
  top: number;
  maxText: string;
  bars: {
    year: string;
    x: number;
    width: number;
    y: number;
    height: number;
    showYear: boolean;
    projects: string;
    commitments: string;
    disbursements: string;
    label: string;
  }[];
}

export function TimelinePart(timeline: TimelinePartProps) {
  const { t } = useTranslation("projects");
  return (
    <>
      <h2 id="timeline-heading">{t("threeW.timeline.heading")}</h2>
      <figure className="mt-3 max-w-3xl">
        <svg
          viewBox={`0 0 ${timeline.width} ${timeline.height}`}
          width="100%"
          role="img"
          aria-labelledby="timeline-caption"
          className="block h-auto w-full"
        >
          <line
            x1={timeline.left}
            x2={timeline.width - 8}
            y1={timeline.height - timeline.bottom}
            y2={timeline.height - timeline.bottom}
            stroke="#334155"
          />
          <text x={timeline.left - 6} y={timeline.top + 10} textAnchor="end" fontSize="12" fill="#334155">
            {timeline.maxText}
          </text>
          {timeline.bars.map((bar) => (
            <g key={bar.year}>
              <rect x={bar.x} y={bar.y} width={bar.width} height={bar.height} fill="#2c7fb8">
                <title>{bar.label}</title>
              </rect>
              {bar.showYear ? (
                <text
                  x={bar.x + bar.width / 2}
                  y={timeline.height - 8}
                  textAnchor="middle"
                  fontSize="12"
                  fill="#334155"
                >
                  {bar.year}
                </text>
              ) : null}
            </g>
          ))}
        </svg>
        <figcaption id="timeline-caption" className="mt-2 text-sm text-slate-700">
          {t("threeW.timeline.caption")}
        </figcaption>
      </figure>
      <DataTable
        caption={t("threeW.timeline.tableCaption")}
        rows={timeline.bars}
        rowKey={(r) => r.year}
        columns={[
          { nowrap: true, key: "year", header: t("threeW.timeline.year"), rowHeader: true, cell: (r) => r.year },
          { key: "projects", header: t("threeW.byMunicipality.projects"), numeric: true, cell: (r) => r.projects },
          { key: "commitments", header: t("threeW.timeline.commitments"), numeric: true, cell: (r) => r.commitments },
          {
            key: "disbursements",
            header: t("threeW.timeline.disbursements"),
            numeric: true,
            cell: (r) => r.disbursements,
          },
        ]}
      />
    </>
  );
}

export interface UnfundedPartProps {
  plans: {
    code: string;
    title: LocalizedText;
    measures: { id: number; code: string; title: LocalizedText }[];
    more: string | null;
  }[];
  morePlans: string | null;
}

/** The measures no validated project funds: at most a few per action plan, of the first few plans (decision 057). */
export function UnfundedPart({ plans, morePlans }: UnfundedPartProps) {
  const { t } = useTranslation("projects");
  return (
    <>
      <h2 id="unfunded-heading">{t("threeW.unfunded.heading")}</h2>
      <p className="mt-1 mb-3 text-sm text-slate-700">{t("threeW.unfunded.hint")}</p>
      {plans.length === 0 ? <p>{t("threeW.unfunded.none")}</p> : null}
      {plans.map((plan) => (
        <div key={plan.code} className="mb-4">
          <h3>
            <Translated value={plan.title} />
          </h3>
          <ul className="list-disc ps-5">
            {plan.measures.map((m) => (
              <li key={m.id}>
                {m.code} <Translated value={m.title} />
              </li>
            ))}
          </ul>
          {plan.more ? <p className="mt-1 text-sm text-slate-700">{plan.more}</p> : null}
        </div>
      ))}
      {morePlans ? <p className="text-sm text-slate-700">{morePlans}</p> : null}
    </>
  );
}
