import {
  isArgumentElement,
  isDateElement,
  isNumberElement,
  isPluralElement,
  isSelectElement,
  isTagElement,
  isTimeElement,
  parse,
  type MessageFormatElement,
} from "@formatjs/icu-messageformat-parser";

/** How a message uses one of its arguments. */
type ArgumentKind = "text" | "number" | "date" | "time" | "plural" | "select";

/** Every argument of an ICU message with how it is used, including those inside plural and select branches. */
export function messageArguments(message: string): Map<string, ArgumentKind> {
  const found = new Map<string, ArgumentKind>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (isArgumentElement(element)) found.set(element.value, found.get(element.value) ?? "text");
      else if (isNumberElement(element)) found.set(element.value, "number");
      else if (isDateElement(element)) found.set(element.value, "date");
      else if (isTimeElement(element)) found.set(element.value, "time");
      else if (isPluralElement(element) || isSelectElement(element)) {
        found.set(element.value, isPluralElement(element) ? "plural" : "select");
        for (const option of Object.values(element.options)) walk(option.value);
      } else if (isTagElement(element)) walk(element.children);
    }
  };
  walk(parse(message));
  return found;
}

/** The ways of using an argument that all take a number. */
const NUMERIC = new Set<ArgumentKind>(["number", "plural"]);

/** The plural and select branches of a message, by argument. */
function branches(message: string): Map<string, { plural: boolean; keys: string[] }> {
  const out = new Map<string, { plural: boolean; keys: string[] }>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (isPluralElement(element) || isSelectElement(element)) {
        out.set(element.value, { plural: isPluralElement(element), keys: Object.keys(element.options) });
        for (const option of Object.values(element.options)) walk(option.value);
      } else if (isTagElement(element)) walk(element.children);
    }
  };
  walk(parse(message));
  return out;
}

/**
 * What is wrong with a translation against its source message (empty when nothing): it must parse
 * as ICU, use every argument of the source and no other (except `knownArguments`, those another
 * catalog of the platform already uses for the key, which the code therefore passes — Serbian
 * words a list as "u opštini/u opštinama" by `{count}`), use them compatibly (a number may be
 * written plainly, but a plain `{name}` may be text, so it cannot become a plural), give plural
 * forms only of the categories the language has (`pluralCategories`, from `Intl.PluralRules`) or
 * exact `=n` ones, always with `other`, and keep a select's choices.
 */
export function translationProblems(
  source: string,
  target: string,
  pluralCategories: readonly string[],
  knownArguments: ReadonlySet<string> = new Set(),
): string[] {
  let targetArguments: Map<string, ArgumentKind>;
  try {
    targetArguments = messageArguments(target);
  } catch (error) {
    return [`not a valid ICU message (${error instanceof Error ? error.message : String(error)})`];
  }
  const sourceArguments = messageArguments(source);
  const problems: string[] = [];
  for (const [name, kind] of sourceArguments) {
    const used = targetArguments.get(name);
    if (!used) problems.push(`placeholder {${name}} is missing`);
    else if (used !== kind && !(NUMERIC.has(kind) && (NUMERIC.has(used) || used === "text")))
      problems.push(`placeholder {${name}} is used as ${used}, the source uses it as ${kind}`);
  }
  for (const name of targetArguments.keys())
    if (!sourceArguments.has(name) && !knownArguments.has(name))
      problems.push(`placeholder {${name}} is not in the source`);
  const sourceBranches = branches(source);
  for (const [name, branch] of branches(target)) {
    if (!branch.keys.includes("other")) problems.push(`{${name}} has no "other" form`);
    if (branch.plural) {
      const unknown = branch.keys.filter((key) => !key.startsWith("=") && !pluralCategories.includes(key));
      if (unknown.length) problems.push(`{${name}} has plural forms the language does not have: ${unknown.join(", ")}`);
    } else {
      const choices = sourceBranches.get(name)?.keys ?? [];
      const missing = choices.filter((key) => !branch.keys.includes(key));
      if (missing.length) problems.push(`{${name}} lacks the choices ${missing.join(", ")}`);
    }
  }
  return problems;
}
