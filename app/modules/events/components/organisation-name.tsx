import { Fragment } from "react";
import { Link } from "react-router";
import { TranslationNote } from "#app/components/translated.tsx";
import type { OrganisationLink } from "../view-models.ts";

/** An organisation's name as a link: the name in its own language (with `lang` and the note), then its acronym. */
export function OrganisationName({ organisation, locale }: { organisation: OrganisationLink; locale: string }) {
  return (
    <>
      <Link to={`/${locale}/organizations/${organisation.slug}`} lang={organisation.name?.lang}>
        {organisation.name?.text}
      </Link>
      {organisation.acronym ? ` (${organisation.acronym})` : null} <TranslationNote value={organisation.name} />
    </>
  );
}

/** Organisations' names as links, comma-separated. */
export function OrganisationNames({ organisations, locale }: { organisations: OrganisationLink[]; locale: string }) {
  return organisations.map((o, i) => (
    <Fragment key={o.slug}>
      {i > 0 ? ", " : null}
      <OrganisationName organisation={o} locale={locale} />
    </Fragment>
  ));
}

/** A translated sentence with a list put in place of its `{names}` (so each name keeps its own `lang`): the text before and after it. */
export function aroundNames(translate: (values: { names: string }) => string): [string, string] {
  const marker = "\u2060NAMES\u2060";
  const [before = "", after = ""] = translate({ names: marker }).split(marker);
  return [before, after];
}
