import { useTranslation } from "react-i18next";
import { Fact } from "#app/components/fact.tsx";
import { Tag } from "#app/components/tag.tsx";
import { TextParagraph, TranslationNote } from "#app/components/translated.tsx";
import { formatDateTime, formatNumber } from "#app/i18n/format.ts";
import { localeFromParams } from "#app/i18n/locales.ts";
import { localize, localizedString } from "#app/i18n/translated-text.ts";
import { todayInKosovo } from "#app/services/kosovo-time.ts";
import { renderMarkdown } from "#app/services/markdown.server.ts";
import { getEvent } from "../events.queries.server.ts";
import { recommendationItem } from "../recommendation-items.server.ts";
import { RecommendationList } from "../recommendation-list.tsx";
import { OrganisationName } from "../components/organisation-name.tsx";
import { Place } from "#app/modules/clearing-house/publishable/place.tsx";
import {
  organisationLink,
  placeView,
  type OrganisationLink,
} from "#app/modules/clearing-house/publishable/view-models.ts";
import { ItemHeading, ItemTags, SourceNote, TextSection } from "#app/modules/clearing-house/publishable/item-page.tsx";
import { requireItem } from "#app/modules/clearing-house/publishable/editor.server.ts";
import { LabelledSection } from "#app/components/labelled-section.tsx";
import type { Route } from "./+types/events-detail";
import { requireSlugParam } from "#app/services/ids.ts";

export async function loader({ params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const event = requireItem(await getEvent(context.db, { slug: requireSlugParam(params.slug) }));
  const markdown = (value: typeof event.agenda) => {
    const text = localize(value, locale, event.originalLocale);
    return text ? { ...text, html: renderMarkdown(text.text) } : null;
  };
  const today = todayInKosovo();
  return {
    slug: event.slug,
    kind: event.kind,
    title: localize(event.title, locale, event.originalLocale),
    summary: localize(event.summary, locale, event.originalLocale),
    agenda: markdown(event.agenda),
    minutes: markdown(event.minutes),
    startsAt: event.startsAt.toISOString(),
    startsLabel: formatDateTime(event.startsAt, locale),
    endsAt: event.endsAt?.toISOString() ?? null,
    endsLabel: event.endsAt ? formatDateTime(event.endsAt, locale) : null,
    place: placeView(event.municipality, event.address, event.originalLocale, locale),
    organisers: event.organisations.filter((o) => o.role === "organiser").map((o) => organisationLink(o, locale)),
    participants: event.organisations.filter((o) => o.role === "participant").map((o) => organisationLink(o, locale)),
    photos: event.photos.map((p) => ({
      id: p.id,
      large: p.largeFileId,
      medium: p.mediumFileId,
      thumb: p.thumbFileId,
      width: p.width,
      height: p.height,
      alt: localizedString(p.alt, locale),
    })),
    documents: event.documents.map((d) => ({
      id: d.id,
      fileId: d.fileId,
      title: localize(d.title, locale),
      sizeLabel: formatNumber(Math.max(1, Math.round(d.sizeBytes / 1024)), locale),
      kind: d.mediaType.includes("pdf") ? "PDF" : d.mediaType.includes("word") ? "DOCX" : "XLSX",
    })),
    recommendations: event.recommendations.map((r) => recommendationItem(r, locale, today)),
    isDemo: event.isDemo,
    sourceNote: event.sourceNote,
    originalLocale: event.originalLocale,
  };
}

/** The organisers and the participants of the event, each group under its heading and linked to their pages. */
function OrganisationsSections({
  organisers,
  participants,
  locale,
}: {
  organisers: OrganisationLink[];
  participants: OrganisationLink[];
  locale: string;
}) {
  const { t } = useTranslation("events");
  const groups = [
    { id: "organisers", heading: t("detail.organisers"), organisations: organisers },
    { id: "participants", heading: t("detail.participants"), organisations: participants },
  ];
  return (
    <>
      {groups
        .filter((group) => group.organisations.length > 0)
        .map((group) => (
          <LabelledSection key={group.id} id={group.id} heading={group.heading} className="mt-6">
            <ul className="list-disc ps-5">
              {group.organisations.map((o) => (
                <li key={o.slug}>
                  <OrganisationName organisation={o} locale={locale} />
                </li>
              ))}
            </ul>
          </LabelledSection>
        ))}
    </>
  );
}

export default function EventDetail({ loaderData: e, params }: Route.ComponentProps) {
  const { t } = useTranslation("events");
  const locale = localeFromParams(params);
  return (
    <article className="max-w-4xl">
      <ItemHeading title={e.title} kind="events" locale={locale} />
      <ItemTags originalLocale={e.originalLocale} isDemo={e.isDemo} note={e.title}>
        <Tag tone="info">{t(`kind.${e.kind}`)}</Tag>
      </ItemTags>
      <TextParagraph value={e.summary} className="mt-4 text-lg" />
      <dl className="mt-4 grid gap-x-4 gap-y-2 sm:grid-cols-[10rem_1fr]">
        <Fact term={t("detail.when")}>
          <time dateTime={e.startsAt}>{e.startsLabel}</time>
          {e.endsLabel && e.endsAt ? (
            <>
              {" – "}
              <time dateTime={e.endsAt}>{e.endsLabel}</time>
            </>
          ) : null}
        </Fact>
        <Fact term={t("detail.where")}>{e.place ? <Place place={e.place} /> : t("detail.placeUnknown")}</Fact>
      </dl>
      <p className="mt-3">
        <a href={`/${locale}/events/${e.slug}/calendar.ics`} download>
          {t("detail.addToCalendar")}
        </a>
      </p>
      <OrganisationsSections organisers={e.organisers} participants={e.participants} locale={locale} />
      <TextSection id="agenda" heading={t("detail.agenda")} value={e.agenda} />
      <TextSection id="minutes" heading={t("detail.minutes")} value={e.minutes} />
      {e.photos.length ? (
        <LabelledSection id="photos" heading={t("detail.photos")} className="mt-6">
          <ul className="mt-2 grid grid-cols-2 gap-3 sm:grid-cols-3">
            {e.photos.map((p) => (
              <li key={p.id}>
                <a href={`/files/${p.large}`}>
                  <img
                    src={`/files/${p.medium}`}
                    srcSet={`/files/${p.thumb} 320w, /files/${p.medium} 800w, /files/${p.large} 1600w`}
                    sizes="(min-width: 640px) 33vw, 50vw"
                    width={p.width}
                    height={p.height}
                    alt={p.alt}
                    loading="lazy"
                    className="h-auto w-full rounded"
                  />
                </a>
              </li>
            ))}
          </ul>
        </LabelledSection>
      ) : null}
      {e.documents.length ? (
        <LabelledSection id="documents" heading={t("detail.documents")} className="mt-6">
          <ul className="list-disc ps-5">
            {e.documents.map((d) => (
              <li key={d.id}>
                <a href={`/files/${d.fileId}`} lang={d.title?.lang}>
                  {d.title?.text}
                </a>
                <TranslationNote value={d.title} spaced />{" "}
                <span className="text-sm text-slate-600">
                  ({t("detail.fileSize", { kind: d.kind, size: d.sizeLabel })})
                </span>
              </li>
            ))}
          </ul>
        </LabelledSection>
      ) : null}
      <LabelledSection id="recommendations" heading={t("detail.recommendations")} className="mt-6">
        {e.recommendations.length ? (
          <RecommendationList items={e.recommendations} locale={locale} showEvent={false} />
        ) : (
          <p>{t("detail.noRecommendations")}</p>
        )}
      </LabelledSection>
      <SourceNote kind="events" note={e.sourceNote} />
    </article>
  );
}
