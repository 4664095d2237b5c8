import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Card } from "#app/components/card.tsx";
import { Tag } from "#app/components/tag.tsx";
import { TranslationNote } from "#app/components/translated.tsx";
import type { LocalizedText } from "#app/i18n/translated-text.ts";

/*
 * The cards of the clearing house's public lists (decision 048): news, events, services and
 * opportunities show each item as a card with the same frame, the kind filling in its own tags and
 * body.
 */

/** What every card shows of its item: the title in the language shown, and whether it is demo content. */
export interface CardItem {
  slug: string;
  title: LocalizedText | null;
  isDemo: boolean;
}

/**
 * One item of a public list in its list item: the card whose heading is the title in its language,
 * linking to the item's page (`to`); the line of tags, the kind's own first (`tags`: its kind, sector,
 * date…), then "demo" and the title's translation note; and the card's body (`children`).
 */
export function ItemCard({
  item,
  to,
  tags,
  children,
}: {
  item: CardItem;
  to: string;
  tags: ReactNode;
  children?: ReactNode;
}) {
  const { t } = useTranslation("core");
  return (
    <li className="flex">
      <Card
        to={to}
        title={item.title?.text}
        lang={item.title?.lang}
        meta={
          <>
            {tags}
            {item.isDemo ? <Tag>{t("demo")}</Tag> : null}
            <TranslationNote value={item.title} />
          </>
        }
      >
        {children}
      </Card>
    </li>
  );
}

/** A public list's items as a grid of `ItemCard`s, each linking to its page (`/<locale>/<kind>/<slug>`). */
export function ItemCards<T extends CardItem>({
  items,
  locale,
  kind,
  className = "grid gap-4 sm:grid-cols-2",
  tags,
  children,
}: {
  items: T[];
  locale: string;
  /** The kind's public path (`services`). */
  kind: string;
  className?: string;
  tags: (item: T) => ReactNode;
  children: (item: T) => ReactNode;
}) {
  return (
    <ul className={className}>
      {items.map((item) => (
        <ItemCard key={item.slug} item={item} to={`/${locale}/${kind}/${item.slug}`} tags={tags(item)}>
          {children(item)}
        </ItemCard>
      ))}
    </ul>
  );
}
