import { useTranslation } from "react-i18next";
import { Card } from "#app/components/card.tsx";
import { Tag } from "#app/components/tag.tsx";
import { TranslationNote } from "#app/components/translated.tsx";
import type { Locale } from "#app/i18n/locales.ts";
import type { LocalizedText } from "#app/i18n/translated-text.ts";

/** A news item as its card shows it: texts localised and the date formatted in the loader (decision 010). */
export interface NewsCardData {
  slug: string;
  title: LocalizedText | null;
  summary: LocalizedText | null;
  publishedAt: string;
  publishedLabel: string;
  isDemo: boolean;
}

/** One news item in a list of cards (the news list, the home page's latest news): a list item holding its card. */
export function NewsCardItem({ item, locale }: { item: NewsCardData; locale: Locale }) {
  const { t: tc } = useTranslation("core");
  return (
    <li className="flex">
      <Card
        to={`/${locale}/news/${item.slug}`}
        title={item.title?.text}
        lang={item.title?.lang}
        meta={
          <>
            <time dateTime={item.publishedAt}>{item.publishedLabel}</time>
            {item.isDemo ? <Tag>{tc("demo")}</Tag> : null}
            <TranslationNote value={item.title} />
          </>
        }
      >
        {item.summary ? <p lang={item.summary.lang}>{item.summary.text}</p> : null}
      </Card>
    </li>
  );
}
