/**
 * A translated text as the per-language fields of a form show it: `<name>Sq`, `<name>Sr` and `<name>En`, each its
 * language's text or empty. The edit forms of the registry (projects, documents, organisations) are filled this way.
 */
export function languageFieldValues<N extends string>(
  name: N,
  text: { sq?: string; sr?: string; en?: string },
): Record<`${N}${"Sq" | "Sr" | "En"}`, string> {
  return { [`${name}Sq`]: text.sq ?? "", [`${name}Sr`]: text.sr ?? "", [`${name}En`]: text.en ?? "" } as Record<
    `${N}${"Sq" | "Sr" | "En"}`,
    string
  >;
}
