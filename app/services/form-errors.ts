/** What the form helpers read of a schema's issue: the path of the value it is about and its message. */
export interface FieldIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** The field of an issue: the first part of its path, or "form" for an issue about the whole form. */
export function firstPathPart(path: readonly PropertyKey[]): string {
  return String(path[0] ?? "form");
}

/**
 * The errors to show by field from a schema's issues: the first issue of each field, its message when the
 * schema wrote a translation key (`ns:key`), else `fallback`. `fieldOf` names an issue's field (by default the
 * first part of its path).
 */
export function errorsByField(
  issues: readonly FieldIssue[],
  { fallback = "core:form.invalid", fieldOf = firstPathPart } = {},
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    errors[fieldOf(issue.path)] ??= /^[a-z-]+:[\w.]+$/.test(issue.message) ? issue.message : fallback;
  }
  return errors;
}
