import type { Db } from "#app/db/client.server.ts";
import { daysBefore, oneTableGenerator } from "./generator.ts";

const TYPES = [
  ["application/pdf", "pdf", 50],
  ["application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", 15],
  ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", 10],
  ["image/jpeg", "jpg", 15],
  ["image/png", "png", 10],
] as const;

const NAMES: Record<string, readonly string[]> = {
  pdf: [
    "Raporti vjetor {m} {y}",
    "Izveštaj o sprovođenju strategije {y}",
    "Plani lokal i veprimit {m} {y}-{z}",
    "Procesverbali i takimit {d}",
    "Annual report {y}",
  ],
  docx: ["Propozimi i projektit {m}", "Zapisnik sa sastanka {d}", "Terms of reference {y}"],
  xlsx: ["Lista e përfituesve {m} {y}", "Budžet {y}", "Indicators {y} Q{q}"],
  jpg: ["IMG_{n}", "Takimi në {m} {d}", "DSC{n}"],
  png: ["Harta {m}", "Screenshot {d}", "Grafikon {y}"],
};

/** Generated files have version-8 UUIDs ("xxxxxxxx-xxxx-8xxx-…"); real uploads get random v4 ones. */
export const SYNTHETIC_FILE_ID_PATTERN = "________-____-8___-%";

/**
 * Metadata of stored files (no bytes on disk): `perScale` 200, mostly PDFs and office documents,
 * sizes from 20 KB to about 15 MB, uploaded over the last five years.
 */
export const storedFilesGenerator = oneTableGenerator({
  table: "stored_file",
  perScale: 200,
  rows({ random, anchor, reference }) {
    return () => {
      const [mediaType, extension] = random.weighted(
        TYPES.map(([type, ext, weight]) => [[type, ext] as const, weight] as const),
      );
      const created = daysBefore(anchor, random.next() * 5 * 365);
      const year = created.getUTCFullYear();
      const municipality = random.pick(reference.municipalities);
      const name = random
        .pick(NAMES[extension] ?? ["file"])
        .replace("{m}", random.chance(0.5) ? municipality.nameSq : municipality.nameSr)
        .replace("{y}", String(year))
        .replace("{z}", String(year + 2))
        .replace("{q}", String(random.int(1, 4)))
        .replace("{n}", String(random.int(1000, 9999)))
        .replace("{d}", created.toISOString().slice(0, 10));
      return {
        id: random.uuid(),
        sha256: random.hex(64),
        media_type: mediaType,
        extension,
        // Log-uniform between 20 KB and 15 MB: many small files, a few large ones.
        size_bytes: Math.round(20_000 * Math.exp(random.next() * Math.log(750))),
        original_name: `${name}.${extension}`,
        created_at: created,
      };
    };
  },
  async insert(db, rows) {
    await db.insertInto("stored_file").values(rows).execute();
    return rows.map((r) => r.id);
  },
  async clear(db: Db) {
    await db.deleteFrom("stored_file").where("id", "like", SYNTHETIC_FILE_ID_PATTERN).execute();
  },
});
