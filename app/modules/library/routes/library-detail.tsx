import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import { ListOrNone } from "#app/components/list-or-none.tsx";
import { Fact } from "#app/components/fact.tsx";
import { TitledPageHead } from "#app/components/titled-page-head.tsx";
import { Tag } from "#app/components/tag.tsx";
import { TextParagraph, TranslationNote } from "#app/components/translated.tsx";
import { formatDate, formatNumber } from "#app/i18n/format.ts";
import { localeFromParams } from "#app/i18n/locales.ts";
import { localize } from "#app/i18n/translated-text.ts";
import { requireParam } from "#app/services/ids.ts";
import { linkedProjectsOfDocument } from "#app/modules/projects/project-documents.server.ts";
import { libraryFileHref } from "../library-files.server.ts";
import { libraryPolicy } from "../library.policy.ts";
import { getDocument } from "../library.queries.server.ts";
import { SlugSchema } from "../library.schema.ts";
import type { Route } from "./+types/library-detail";

export async function loader({ params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const doc = await getDocument(context.db, { slug: requireParam(SlugSchema, params.slug) });
  if (!doc) throw data(null, { status: 404 });
  const canEdit = libraryPolicy.can(context.actor, "document.update", { organisationId: doc.organisationId });
  // Drafts are shown only to those who may edit them; to everyone else they do not exist.
  if (
    doc.status !== "published" &&
    !libraryPolicy.can(context.actor, "document.viewDraft", { organisationId: doc.organisationId })
  )
    throw data(null, { status: 404 });
  const name = (value: Parameters<typeof localize>[0]) => localize(value, locale)?.text ?? "";
  const linkedProjects = await linkedProjectsOfDocument(context.db, doc.id, locale);
  return {
    id: doc.id,
    canEdit,
    isDraft: doc.status !== "published",
    isDemo: doc.isDemo,
    docType: doc.docType,
    isKnowYourRights: doc.isKnowYourRights,
    title: localize(doc.title, locale, doc.originalLocale),
    summary: localize(doc.summary, locale, doc.originalLocale),
    originalLocale: doc.originalLocale,
    issuer: localize(doc.organisationName, locale),
    issuedOn: doc.issuedOn,
    issuedLabel: formatDate(`${doc.issuedOn}T12:00:00Z`, locale),
    sectors: doc.sectors.map((s) => name(s.name)),
    communities: doc.communities.map((c) => name(c.name)),
    measures: doc.measures.map((m) => ({ id: m.id, code: m.code, title: localize(m.title, locale) })),
    linkedProjects,
    files: doc.files.map((f) => ({
      locale: f.locale,
      href: libraryFileHref(locale, doc, f),
      format: f.extension.toUpperCase(),
      sizeLabel: `${formatNumber(Math.max(1, Math.round(f.sizeBytes / 1024)), locale)} KB`,
    })),
  };
}

export default function LibraryDetail({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("library");
  const { t: tc } = useTranslation("core");
  const locale = localeFromParams(params);
  const d = loaderData;
  return (
    <article className="max-w-3xl">
      <TitledPageHead
        title={d.title?.text ?? t("index.title")}
        back={{ to: `/${locale}/library`, label: t("detail.backToLibrary") }}
        lang={d.title?.lang}
      >
        {d.title?.text}
      </TitledPageHead>
      <div className="mt-3 flex flex-wrap items-center gap-2 text-sm text-slate-700">
        <Tag tone="info">{t(`types.${d.docType}`)}</Tag>
        {d.isKnowYourRights ? <Tag tone="success">{t("index.knowYourRightsTag")}</Tag> : null}
        <Tag>{tc("translation.original", { language: tc(`languageName.${d.originalLocale}`) })}</Tag>
        {d.isDraft ? <Tag tone="warning">{t("status.draft")}</Tag> : null}
        {d.isDemo ? <Tag>{tc("demo")}</Tag> : null}
        <TranslationNote value={d.title} />
      </div>
      {d.isDemo ? (
        <p className="mt-3 rounded border border-amber-300 bg-amber-50 p-3 text-sm">{t("detail.demoNote")}</p>
      ) : null}
      {d.canEdit ? (
        <p className="mt-3 text-sm">
          <Link to={`/${locale}/workspace/library/${d.id}`}>{t("detail.edit")}</Link>
        </p>
      ) : null}
      <TextParagraph value={d.summary} className="mt-4 text-lg" />
      <dl className="mt-6 grid gap-x-6 gap-y-3 sm:grid-cols-[max-content_1fr]">
        <Fact term={t("detail.issuer")} lang={d.issuer?.lang}>
          {d.issuer?.text}
        </Fact>
        <Fact term={t("detail.issuedOn")}>
          <time dateTime={d.issuedOn}>{d.issuedLabel}</time>
        </Fact>
        {d.sectors.length ? <Fact term={t("detail.sectors")}>{d.sectors.join(", ")}</Fact> : null}
        {d.communities.length ? <Fact term={t("detail.communities")}>{d.communities.join(", ")}</Fact> : null}
        {d.measures.length ? (
          <Fact term={t("detail.measures")}>
            <ul>
              {d.measures.map((m) => (
                <li key={m.id} lang={m.title?.lang}>
                  {m.code} {m.title?.text}
                </li>
              ))}
            </ul>
          </Fact>
        ) : null}
        {d.linkedProjects.projects.length ? (
          <Fact term={d.linkedProjects.heading}>
            <ul>
              {d.linkedProjects.projects.map((p) => (
                <li key={p.id}>
                  <Link to={p.href} lang={p.lang}>
                    {p.title}
                  </Link>
                </li>
              ))}
            </ul>
          </Fact>
        ) : null}
      </dl>
      <h2 className="mt-8">{t("detail.files")}</h2>
      <ListOrNone items={d.files} none={t("detail.noFiles")} className="mt-2 space-y-2">
        {(f) => (
          <li key={f.locale}>
            <a href={f.href} download>
              {t("detail.download", {
                language: tc(`languageName.${f.locale}`),
                format: f.format,
                size: f.sizeLabel,
              })}
            </a>
          </li>
        )}
      </ListOrNone>
    </article>
  );
}
