import { Fragment } from "react";
import { Link } from "react-router";
import { TranslationNote } from "#app/components/translated.tsx";
import type { OrganisationLink } from "#app/modules/clearing-house/publishable/view-models.ts";

/** An organisation's name (a link, or plain text inside a card that is a link itself): the name in its own language (with `lang` and the note), then its acronym. */
export function OrganisationName({
  organisation,
  locale,
  linked = true,
}: {
  organisation: OrganisationLink;
  locale: string;
  linked?: boolean;
}) {
  const name = (
    <>
      <span lang={organisation.name?.lang}>{organisation.name?.text}</span>
      {organisation.acronym ? ` (${organisation.acronym})` : null}
    </>
  );
  return (
    <>
      {linked ? <Link to={`/${locale}/organizations/${organisation.slug}`}>{name}</Link> : name}
      <TranslationNote value={organisation.name} spaced />
    </>
  );
}

/** Organisations' names, comma-separated. */
export function OrganisationNames({
  organisations,
  locale,
  linked = true,
}: {
  organisations: OrganisationLink[];
  locale: string;
  linked?: boolean;
}) {
  return organisations.map((o, i) => (
    <Fragment key={o.slug}>
      {i > 0 ? ", " : null}
      <OrganisationName organisation={o} locale={locale} linked={linked} />
    </Fragment>
  ));
}

/** A translated sentence with a list put in place of its `{names}` (so each name keeps its own `lang`): the text before and after it. */
export function aroundNames(translate: (values: { names: string }) => string): [string, string] {
  const marker = "\u2060NAMES\u2060";
  const [before = "", after = ""] = translate({ names: marker }).split(marker);
  return [before, after];
}
