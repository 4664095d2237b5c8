/** The bytes and name of an uploaded file field, or null when nothing was chosen. */
export async function readUpload(
  value: FormDataEntryValue | null,
): Promise<{ bytes: Uint8Array; name: string } | null> {
  if (!value || typeof value === "string" || value.size === 0) return null;
  return { bytes: new Uint8Array(await value.arrayBuffer()), name: value.name || "upload" };
}
