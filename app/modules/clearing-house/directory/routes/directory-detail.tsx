import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LabelledSection } from "#app/components/labelled-section.tsx";
import { Link } from "react-router";
import { Fact } from "#app/components/fact.tsx";
import { TitledPageHead } from "#app/components/titled-page-head.tsx";
import { Tag } from "#app/components/tag.tsx";
import { TextParagraph, TranslationNote } from "#app/components/translated.tsx";
import { formatDate, formatNumber } from "#app/i18n/format.ts";
import { localeFromParams } from "#app/i18n/locales.ts";
import { localize, localizedString, localizeName, type LocalizedText } from "#app/i18n/translated-text.ts";
import { municipalityName } from "#app/modules/municipalities/municipality-name.ts";
import { todayInKosovo } from "#app/services/kosovo-time.ts";
import { getOrganisationProfile } from "../directory.queries.server.ts";
import { requireItem } from "#app/modules/clearing-house/publishable/editor.server.ts";
import type { Route } from "./+types/directory-detail";
import { requireSlugParam } from "#app/services/ids.ts";

export async function loader({ params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const o = requireItem(await getOrganisationProfile(context.db, requireSlugParam(params.slug), todayInKosovo()));
  return {
    name: localizeName(o.name, o.nameSrCyrl, locale),
    acronym: o.acronym,
    type: localizedString(o.typeName, locale),
    description: localize(o.description, locale),
    municipality:
      o.municipality && o.kasCode ? { name: municipalityName(o.municipality, locale), kasCode: o.kasCode } : null,
    contacts: {
      website: o.website && /^https?:\/\//i.test(o.website) ? o.website : null,
      email: o.email,
      phone: o.phone,
      address: o.address,
    },
    iatiIdentifier: o.iatiIdentifier,
    sectors: o.sectors.map((s) => localizedString(s, locale)),
    communities: o.communities.map((c) => localizedString(c, locale)),
    events: o.events.map((e) => ({
      slug: e.slug,
      role: e.role,
      title: localize(e.title, locale, e.originalLocale),
      startsAt: e.startsAt,
      startsLabel: formatDate(e.startsAt, locale),
    })),
    news: o.news.map((n) => ({
      slug: n.slug,
      title: localize(n.title, locale, n.originalLocale),
      publishedAt: n.publishedAt,
      publishedLabel: formatDate(n.publishedAt, locale),
    })),
    opportunities: o.opportunities.map((p) => ({
      slug: p.slug,
      kind: p.kind,
      title: localize(p.title, locale, p.originalLocale),
      deadline: p.deadline,
      deadlineLabel: formatDate(`${p.deadline}T12:00:00Z`, locale),
    })),
    services: o.services.map((s) => ({
      slug: s.slug,
      title: localizeName(s.title, s.titleSrCyrl, locale, s.originalLocale),
    })),
    projects: o.projects.map((p) => ({
      id: p.id,
      title: localize(p.title, locale, p.originalLocale),
      roles: p.roles,
      period: `${formatDate(`${p.plannedStart}T12:00:00Z`, locale)} – ${formatDate(`${p.plannedEnd}T12:00:00Z`, locale)}`,
    })),
    projectCount: o.projectCount,
    projectCountLabel: formatNumber(o.projectCount, locale),
    documents: o.documents.map((d) => ({
      slug: d.slug,
      docType: d.docType,
      title: localize(d.title, locale, d.originalLocale),
      issuedOn: d.issuedOn,
      issuedLabel: formatDate(`${d.issuedOn}T12:00:00Z`, locale),
    })),
    documentCount: o.documentCount,
    documentCountLabel: formatNumber(o.documentCount, locale),
    id: o.id,
  };
}

/** An item's title linking to its page, in its language, with the note when it is a fallback. */
function TitleLink({ to, title }: { to: string; title: LocalizedText | null }) {
  return (
    <>
      <Link to={to} lang={title?.lang}>
        {title?.text}
      </Link>
      <TranslationNote value={title} spaced />
    </>
  );
}

/** A section of the organisation's page: its heading, then its items as a list (and `more` under it), or `none`. */
function ListSection<T>({
  id,
  heading,
  items,
  none,
  more,
  children,
}: {
  id: string;
  heading: string;
  items: T[];
  none: string | null;
  more?: ReactNode;
  children: (item: T) => ReactNode;
}) {
  return (
    <LabelledSection id={id} heading={heading} className="mt-8">
      {items.length ? (
        <>
          <ul className="list-disc ps-5">{items.map(children)}</ul>
          {more}
        </>
      ) : (
        <p>{none}</p>
      )}
    </LabelledSection>
  );
}

export default function DirectoryDetail({ loaderData: o, params }: Route.ComponentProps) {
  const { t } = useTranslation("directory");
  const { t: to } = useTranslation("opportunities");
  const { t: tp } = useTranslation("projects");
  const { t: tl } = useTranslation("library");
  const locale = localeFromParams(params);
  const title = o.acronym ? `${o.name?.text ?? ""} (${o.acronym})` : (o.name?.text ?? "");
  return (
    <article className="max-w-4xl">
      <TitledPageHead
        title={title}
        back={{ to: `/${locale}/organizations`, label: t("detail.back") }}
        lang={o.name?.lang}
      >
        {title}
      </TitledPageHead>
      <div className="mt-3 flex flex-wrap items-center gap-2 text-sm">
        <Tag tone="info">{o.type}</Tag>
        <TranslationNote value={o.name} />
      </div>
      <TextParagraph value={o.description} className="mt-4" />
      <dl className="mt-4 grid gap-x-4 gap-y-2 sm:grid-cols-[12rem_1fr]">
        {o.municipality ? (
          <Fact term={t("detail.municipality")}>
            <Link to={`/${locale}/organizations?municipality=${o.municipality.kasCode}`}>{o.municipality.name}</Link>
          </Fact>
        ) : null}
        {o.sectors.length ? <Fact term={t("detail.sectors")}>{o.sectors.join(", ")}</Fact> : null}
        {o.communities.length ? <Fact term={t("detail.communities")}>{o.communities.join(", ")}</Fact> : null}
        {o.iatiIdentifier ? (
          <Fact term={t("detail.iatiIdentifier")} className="break-all font-mono">
            {o.iatiIdentifier}
          </Fact>
        ) : null}
        {o.contacts.address ? <Fact term={t("detail.address")}>{o.contacts.address}</Fact> : null}
        {o.contacts.website ? (
          <Fact term={t("detail.website")} className="break-all">
            <a href={o.contacts.website} rel="noopener noreferrer nofollow">
              {o.contacts.website}
            </a>
          </Fact>
        ) : null}
        {o.contacts.email ? (
          <Fact term={t("detail.email")} className="break-all">
            <a href={`mailto:${o.contacts.email}`}>{o.contacts.email}</a>
          </Fact>
        ) : null}
        {o.contacts.phone ? <Fact term={t("detail.phone")}>{o.contacts.phone}</Fact> : null}
      </dl>
      <ListSection
        id="org-projects"
        heading={t("detail.projects")}
        items={o.projects}
        none={t("detail.noProjects")}
        more={
          o.projectCount > o.projects.length ? (
            <p className="mt-2 text-sm text-slate-700">
              {t("detail.latestProjects", { shown: o.projects.length, formatted: o.projectCountLabel })}
            </p>
          ) : null
        }
      >
        {(p) => (
          <li key={p.id}>
            <TitleLink to={`/${locale}/projects/${p.id}`} title={p.title} />{" "}
            <span className="text-sm text-slate-600">
              ({p.period}; {p.roles.map((role) => tp(`roles.${role}`)).join(", ")})
            </span>
          </li>
        )}
      </ListSection>
      <ListSection
        id="org-documents"
        heading={t("detail.documents")}
        items={o.documents}
        none={t("detail.noDocuments")}
        more={
          o.documentCount > o.documents.length ? (
            <p className="mt-2">
              <Link to={`/${locale}/library?issuer=${o.id}`}>
                {t("detail.allDocuments", { formatted: o.documentCountLabel })}
              </Link>
            </p>
          ) : null
        }
      >
        {(d) => (
          <li key={d.slug}>
            <time dateTime={d.issuedOn}>{d.issuedLabel}</time>:{" "}
            <TitleLink to={`/${locale}/library/${d.slug}`} title={d.title} />{" "}
            <span className="text-sm text-slate-600">({tl(`types.${d.docType}`)})</span>
          </li>
        )}
      </ListSection>
      <ListSection id="org-events" heading={t("detail.events")} items={o.events} none={t("detail.noEvents")}>
        {(e) => (
          <li key={e.slug}>
            <time dateTime={e.startsAt}>{e.startsLabel}</time>:{" "}
            <TitleLink to={`/${locale}/events/${e.slug}`} title={e.title} />{" "}
            <span className="text-sm text-slate-600">({t(`detail.role.${e.role}`)})</span>
          </li>
        )}
      </ListSection>
      <ListSection id="org-news" heading={t("detail.news")} items={o.news} none={t("detail.noNews")}>
        {(n) => (
          <li key={n.slug}>
            <time dateTime={n.publishedAt}>{n.publishedLabel}</time>:{" "}
            <TitleLink to={`/${locale}/news/${n.slug}`} title={n.title} />
          </li>
        )}
      </ListSection>
      <ListSection
        id="org-opportunities"
        heading={t("detail.opportunities")}
        items={o.opportunities}
        none={t("detail.noOpportunities")}
      >
        {(p) => (
          <li key={p.slug}>
            {to(`kind.${p.kind}`)}
            {":"} <TitleLink to={`/${locale}/opportunities/${p.slug}`} title={p.title} />{" "}
            <span className="text-sm">
              ({to("index.deadline")} <time dateTime={p.deadline}>{p.deadlineLabel}</time>)
            </span>
          </li>
        )}
      </ListSection>
      {o.services.length ? (
        <ListSection id="org-services" heading={t("detail.services")} items={o.services} none={null}>
          {(s) => (
            <li key={s.slug}>
              <TitleLink to={`/${locale}/services/${s.slug}`} title={s.title} />
            </li>
          )}
        </ListSection>
      ) : null}
    </article>
  );
}
