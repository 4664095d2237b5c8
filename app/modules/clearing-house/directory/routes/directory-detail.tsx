import { useTranslation } from "react-i18next";
import { LabelledSection } from "#app/components/labelled-section.tsx";
import { data, Link } from "react-router";
import { PageTitle } from "#app/components/page-title.tsx";
import { Tag } from "#app/components/tag.tsx";
import { TranslationNote } from "#app/components/translated.tsx";
import { formatDate, formatNumber } from "#app/i18n/format.ts";
import { localeFromParams } from "#app/i18n/locales.ts";
import { localize, localizedString, localizeName } from "#app/i18n/translated-text.ts";
import { municipalityName } from "#app/modules/municipalities/municipality-name.ts";
import { todayInKosovo } from "#app/services/kosovo-time.ts";
import { getOrganisationProfile } from "../directory.queries.server.ts";
import type { Route } from "./+types/directory-detail";
import { requireSlugParam } from "#app/services/ids.ts";

export async function loader({ params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const slug = requireSlugParam(params.slug);
  const o = await getOrganisationProfile(context.db, slug, todayInKosovo());
  if (!o) throw data(null, { status: 404 });
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

export default function DirectoryDetail({ loaderData: o, params }: Route.ComponentProps) {
  const { t } = useTranslation("directory");
  const { t: to } = useTranslation("opportunities");
  const { t: tp } = useTranslation("projects");
  const { t: tl } = useTranslation("library");
  const locale = localeFromParams(params);
  const title = o.acronym ? `${o.name?.text ?? ""} (${o.acronym})` : (o.name?.text ?? "");
  return (
    <article className="max-w-4xl">
      <PageTitle title={title} />
      <p className="text-sm">
        <Link to={`/${locale}/organizations`}>{t("detail.back")}</Link>
      </p>
      <h1 className="mt-2" lang={o.name?.lang}>
        {title}
      </h1>
      <div className="mt-3 flex flex-wrap items-center gap-2 text-sm">
        <Tag tone="info">{o.type}</Tag>
        <TranslationNote value={o.name} />
      </div>
      {o.description ? (
        <p className="mt-4" lang={o.description.lang}>
          {o.description.text}
        </p>
      ) : null}
      <dl className="mt-4 grid gap-x-4 gap-y-2 sm:grid-cols-[12rem_1fr]">
        {o.municipality ? (
          <>
            <dt className="font-semibold">{t("detail.municipality")}</dt>
            <dd>
              <Link to={`/${locale}/organizations?municipality=${o.municipality.kasCode}`}>{o.municipality.name}</Link>
            </dd>
          </>
        ) : null}
        {o.sectors.length ? (
          <>
            <dt className="font-semibold">{t("detail.sectors")}</dt>
            <dd>{o.sectors.join(", ")}</dd>
          </>
        ) : null}
        {o.communities.length ? (
          <>
            <dt className="font-semibold">{t("detail.communities")}</dt>
            <dd>{o.communities.join(", ")}</dd>
          </>
        ) : null}
        {o.iatiIdentifier ? (
          <>
            <dt className="font-semibold">{t("detail.iatiIdentifier")}</dt>
            <dd className="break-all font-mono">{o.iatiIdentifier}</dd>
          </>
        ) : null}
        {o.contacts.address ? (
          <>
            <dt className="font-semibold">{t("detail.address")}</dt>
            <dd>{o.contacts.address}</dd>
          </>
        ) : null}
        {o.contacts.website ? (
          <>
            <dt className="font-semibold">{t("detail.website")}</dt>
            <dd className="break-all">
              <a href={o.contacts.website} rel="noopener noreferrer nofollow">
                {o.contacts.website}
              </a>
            </dd>
          </>
        ) : null}
        {o.contacts.email ? (
          <>
            <dt className="font-semibold">{t("detail.email")}</dt>
            <dd className="break-all">
              <a href={`mailto:${o.contacts.email}`}>{o.contacts.email}</a>
            </dd>
          </>
        ) : null}
        {o.contacts.phone ? (
          <>
            <dt className="font-semibold">{t("detail.phone")}</dt>
            <dd>{o.contacts.phone}</dd>
          </>
        ) : null}
      </dl>
      <LabelledSection id="org-projects" heading={t("detail.projects")} className="mt-8">
        {o.projects.length ? (
          <>
            <ul className="list-disc ps-5">
              {o.projects.map((p) => (
                <li key={p.id}>
                  <Link to={`/${locale}/projects/${p.id}`} lang={p.title?.lang}>
                    {p.title?.text}
                  </Link>
                  <TranslationNote value={p.title} spaced />{" "}
                  <span className="text-sm text-slate-600">
                    ({p.period}; {p.roles.map((role) => tp(`roles.${role}`)).join(", ")})
                  </span>
                </li>
              ))}
            </ul>
            {o.projectCount > o.projects.length ? (
              <p className="mt-2 text-sm text-slate-700">
                {t("detail.latestProjects", { shown: o.projects.length, formatted: o.projectCountLabel })}
              </p>
            ) : null}
          </>
        ) : (
          <p>{t("detail.noProjects")}</p>
        )}
      </LabelledSection>
      <LabelledSection id="org-documents" heading={t("detail.documents")} className="mt-8">
        {o.documents.length ? (
          <>
            <ul className="list-disc ps-5">
              {o.documents.map((d) => (
                <li key={d.slug}>
                  <time dateTime={d.issuedOn}>{d.issuedLabel}</time>:{" "}
                  <Link to={`/${locale}/library/${d.slug}`} lang={d.title?.lang}>
                    {d.title?.text}
                  </Link>
                  <TranslationNote value={d.title} spaced />{" "}
                  <span className="text-sm text-slate-600">({tl(`types.${d.docType}`)})</span>
                </li>
              ))}
            </ul>
            {o.documentCount > o.documents.length ? (
              <p className="mt-2">
                <Link to={`/${locale}/library?issuer=${o.id}`}>
                  {t("detail.allDocuments", { formatted: o.documentCountLabel })}
                </Link>
              </p>
            ) : null}
          </>
        ) : (
          <p>{t("detail.noDocuments")}</p>
        )}
      </LabelledSection>
      <LabelledSection id="org-events" heading={t("detail.events")} className="mt-8">
        {o.events.length ? (
          <ul className="list-disc ps-5">
            {o.events.map((e) => (
              <li key={e.slug}>
                <time dateTime={e.startsAt}>{e.startsLabel}</time>:{" "}
                <Link to={`/${locale}/events/${e.slug}`} lang={e.title?.lang}>
                  {e.title?.text}
                </Link>
                <TranslationNote value={e.title} spaced />{" "}
                <span className="text-sm text-slate-600">({t(`detail.role.${e.role}`)})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("detail.noEvents")}</p>
        )}
      </LabelledSection>
      <LabelledSection id="org-news" heading={t("detail.news")} className="mt-8">
        {o.news.length ? (
          <ul className="list-disc ps-5">
            {o.news.map((n) => (
              <li key={n.slug}>
                <time dateTime={n.publishedAt}>{n.publishedLabel}</time>:{" "}
                <Link to={`/${locale}/news/${n.slug}`} lang={n.title?.lang}>
                  {n.title?.text}
                </Link>
                <TranslationNote value={n.title} spaced />
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("detail.noNews")}</p>
        )}
      </LabelledSection>
      <LabelledSection id="org-opportunities" heading={t("detail.opportunities")} className="mt-8">
        {o.opportunities.length ? (
          <ul className="list-disc ps-5">
            {o.opportunities.map((p) => (
              <li key={p.slug}>
                {to(`kind.${p.kind}`)}:{" "}
                <Link to={`/${locale}/opportunities/${p.slug}`} lang={p.title?.lang}>
                  {p.title?.text}
                </Link>
                <TranslationNote value={p.title} spaced />{" "}
                <span className="text-sm">
                  ({to("index.deadline")} <time dateTime={p.deadline}>{p.deadlineLabel}</time>)
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("detail.noOpportunities")}</p>
        )}
      </LabelledSection>
      {o.services.length ? (
        <LabelledSection id="org-services" heading={t("detail.services")} className="mt-8">
          <ul className="list-disc ps-5">
            {o.services.map((s) => (
              <li key={s.slug}>
                <Link to={`/${locale}/services/${s.slug}`} lang={s.title?.lang}>
                  {s.title?.text}
                </Link>
                <TranslationNote value={s.title} spaced />
              </li>
            ))}
          </ul>
        </LabelledSection>
      ) : null}
    </article>
  );
}
