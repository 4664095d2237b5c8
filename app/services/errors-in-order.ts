/**
 * A refused form's errors in the reader's language, in the order of its fields (`order`, then "form" for
 * the form as a whole), as its error summary lists them; `keys` are the translation keys by field.
 */
export function errorsInOrder(
  order: readonly string[],
  keys: Readonly<Record<string, string | undefined>> | undefined,
  translate: (key: string) => string,
): Record<string, string> {
  return Object.fromEntries(
    [...order, "form"].filter((name) => keys?.[name]).map((name) => [name, translate(keys?.[name] ?? "")]),
  );
}
