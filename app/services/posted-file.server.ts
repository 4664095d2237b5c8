/** A file posted with a form, as the commands that store it take it: its bytes and its name. */
export interface PostedFile {
  bytes: Uint8Array;
  name: string;
}

/** The file posted in the form's field `name`, or null when none was chosen (browsers then send an empty file). */
export async function postedFile(form: FormData, name: string): Promise<PostedFile | null> {
  const file = form.get(name);
  return file instanceof File && file.size > 0
    ? { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name }
    : null;
}
