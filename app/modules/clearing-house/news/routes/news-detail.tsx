import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDate, isoDate } from "#app/i18n/format.ts";
import { localeFromParams } from "#app/i18n/locales.ts";
import { localize, localizedString } from "#app/i18n/translated-text.ts";
import { renderMarkdown } from "#app/services/markdown.server.ts";
import { getNewsItem } from "../news.queries.server.ts";
import { ItemHeading, ItemTags, SourceNote } from "#app/modules/clearing-house/publishable/item-page.tsx";
import { requireItem } from "#app/modules/clearing-house/publishable/editor.server.ts";
import type { Route } from "./+types/news-detail";
import { requireSlugParam } from "#app/services/ids.ts";

export async function loader({ params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const item = requireItem(await getNewsItem(context.db, requireSlugParam(params.slug)));
  const title = localize(item.title, locale, item.originalLocale);
  const body = localize(item.body, locale, item.originalLocale);
  return {
    title,
    body: body ? { ...body, html: renderMarkdown(body.text) } : null,
    originalLocale: item.originalLocale,
    publishedAt: isoDate(item.publishedAt),
    publishedLabel: formatDate(item.publishedAt, locale),
    isDemo: item.isDemo,
    sourceNote: item.sourceNote,
    organisation: item.organisation
      ? { slug: item.organisation.slug, name: localizedString(item.organisation.name, locale) }
      : null,
    images: item.images.map((i) => ({
      id: i.id,
      large: i.largeFileId,
      thumb: i.thumbFileId,
      width: i.width,
      height: i.height,
      alt: localizedString(i.alt, locale),
    })),
  };
}

export default function NewsDetail({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("news");
  const locale = localeFromParams(params);
  const { title, body } = loaderData;
  return (
    <article className="max-w-3xl">
      <ItemHeading title={title} kind="news" locale={locale} />
      <ItemTags originalLocale={loaderData.originalLocale} isDemo={loaderData.isDemo} note={body} muted>
        <time dateTime={loaderData.publishedAt}>{loaderData.publishedLabel}</time>
      </ItemTags>
      {loaderData.organisation ? (
        <p className="mt-2 text-sm">
          {t("detail.publishedBy")}{" "}
          <Link to={`/${locale}/organizations/${loaderData.organisation.slug}`}>{loaderData.organisation.name}</Link>
        </p>
      ) : null}
      {loaderData.images.map((image) => (
        <figure key={image.id} className="mt-6">
          <img
            src={`/files/${image.large}`}
            srcSet={`/files/${image.thumb} 320w, /files/${image.large} 1600w`}
            sizes="(min-width: 768px) 48rem, 100vw"
            width={image.width}
            height={image.height}
            alt={image.alt}
            className="h-auto w-full rounded"
          />
        </figure>
      ))}
      {body ? (
        <div className="prose-content mt-6" lang={body.lang} dangerouslySetInnerHTML={{ __html: body.html }} />
      ) : null}
      <SourceNote kind="news" note={loaderData.sourceNote} />
    </article>
  );
}
