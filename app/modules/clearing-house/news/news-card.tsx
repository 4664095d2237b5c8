import type { Locale } from "#app/i18n/locales.ts";
import type { LocalizedText } from "#app/i18n/translated-text.ts";
import { ItemCard } from "../publishable/item-cards.tsx";

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
  return (
    <ItemCard
      item={item}
      to={`/${locale}/news/${item.slug}`}
      tags={<time dateTime={item.publishedAt}>{item.publishedLabel}</time>}
    >
      {item.summary ? <p lang={item.summary.lang}>{item.summary.text}</p> : null}
    </ItemCard>
  );
}
