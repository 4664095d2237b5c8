import yauzl from "yauzl";

/** A walk over a ZIP container's entries, as the code looking at each entry sees it. */
export interface ZipWalk<V extends string> {
  zip: yauzl.ZipFile;
  /** Ends the walk with a verdict and closes the file; the first verdict stands, later calls do nothing. */
  finish: (verdict: V | "ok" | "corrupt") => void;
  /** True once the walk has its verdict. */
  isSettled: () => boolean;
}

/**
 * Reads a ZIP container's entries one at a time without extracting anything to disk (lazily, with yauzl
 * checking actual sizes against declared ones): `onOpen` may refuse the container at once, `onEntry` looks at
 * each entry and asks for the next with `zip.readEntry()` or ends the walk with `finish`. A container or entry
 * that cannot be read is "corrupt"; reaching the end of the entries is "ok".
 */
export function walkZipEntries<V extends string>(
  bytes: Uint8Array,
  onEntry: (entry: yauzl.Entry, walk: ZipWalk<V>) => void,
  onOpen: (walk: ZipWalk<V>) => void = () => {},
): Promise<V | "ok" | "corrupt"> {
  return new Promise((resolve) => {
    let settled = false;
    let opened: yauzl.ZipFile | undefined;
    const finish = (verdict: V | "ok" | "corrupt") => {
      if (settled) return;
      settled = true;
      opened?.close();
      resolve(verdict);
    };
    yauzl.fromBuffer(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      { lazyEntries: true, validateEntrySizes: true },
      (error, zip) => {
        if (error || !zip) return finish("corrupt");
        opened = zip;
        const walk: ZipWalk<V> = { zip, finish, isSettled: () => settled };
        onOpen(walk);
        if (settled) return;
        zip.on("error", () => finish("corrupt"));
        zip.on("end", () => finish("ok"));
        zip.on("entry", (entry: yauzl.Entry) => {
          if (!settled) onEntry(entry, walk);
        });
        zip.readEntry();
      },
    );
  });
}
