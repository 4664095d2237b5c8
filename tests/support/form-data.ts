/**
 * The `FormData` a browser posts for a form holding `fields`: a list gives its field once per value, in order (as
 * checkboxes of one name do).
 */
export function formDataOf(fields: Record<string, string | readonly string[]>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields))
    for (const v of typeof value === "string" ? [value] : value) form.append(name, v);
  return form;
}
