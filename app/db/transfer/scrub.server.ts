import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { openDatabase, type Db } from "../client.server.ts";
import { migrateToLatest } from "../migrate.server.ts";
import { readCatalog, setCanonicalTextForms, type Catalog } from "./catalog.server.ts";
import {
  advanceSequences,
  copyTables,
  emptyTables,
  setUserTriggers,
  type RowTransform,
  type TextRow,
} from "./copy.server.ts";
import { copyStoredFiles, folderDestination, sha256Hex, type FileCopyReport } from "./files.server.ts";
import { assertFullyMigrated, assertSameSchema, verifyTables, type TransferEvent } from "./move.server.ts";
import { PERSONAL_DATA, PERSONAL_JSON_KEYS, unclassifiedColumns, type ColumnRule } from "./personal-data.ts";
import { createPlaceholders, type PlaceholderFile } from "./placeholder-files.server.ts";

export interface ScrubOptions {
  /** The PostgreSQL database to copy (read in one read-only snapshot; the server may keep running). */
  databaseUrl: string;
  /** The new embedded data directory: must not exist yet, or be empty. */
  dataDir: string;
  /** The file-store folder of the PostgreSQL install (its DATA_DIR/files). */
  filesFrom: string;
  /** Hashes the training password as the identity module does. */
  hashPassword: (password: string) => Promise<string>;
  /** The password every account gets; a random one when omitted. */
  trainingPassword?: string;
  batchRows?: number;
  onEvent?: (event: TransferEvent) => void;
}

export interface ScrubReport {
  tables: { name: string; rows: number }[];
  rows: number;
  /** Personal values replaced (names, e-mails, phones, labels, masked texts, secrets). */
  replacedValues: number;
  /** Rows of dropped tables (sessions, tokens, outbox…) left out. */
  droppedRows: number;
  placeholderFiles: number;
  files: FileCopyReport;
  trainingPassword: string;
  ms: number;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
// Digits with the separators people write phone numbers with; judged in `maskPhones`.
const PHONE_LIKE = /(?<![\p{L}\p{N}])(?:\+|00)?[0-9](?:[ ./()-]{0,2}[0-9]){6,16}(?![\p{L}\p{N}])/gu;
const MAX_TEXT = 10_000;

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A phone number: 8–15 digits, written with a leading +, 00 or 0 (dates and amounts do not start so). */
function maskPhones(text: string): string {
  return text.replace(PHONE_LIKE, (match) => {
    const digits = match.replace(/[^0-9]/g, "").length;
    return digits >= 8 && digits <= 15 && /^(\+|0)/.test(match) ? "[phone]" : match;
  });
}

/**
 * Masks contact data in free text: any of the source's personal values (names, e-mails, phones,
 * whole and case-insensitively), then any e-mail address and phone number.
 */
export function createContactMasker(knownValues: Iterable<string>): (text: string) => string {
  const values = [...new Set([...knownValues].map((v) => v.trim()).filter((v) => v.length >= 4))].sort(
    (a, b) => b.length - a.length,
  );
  const patterns: RegExp[] = [];
  for (let i = 0; i < values.length; i += 2_000)
    patterns.push(
      new RegExp(
        values
          .slice(i, i + 2_000)
          .map(escapeRegExp)
          .join("|"),
        "giu",
      ),
    );
  return (text) => {
    let out = text;
    for (const pattern of patterns) out = out.replace(pattern, "[removed]");
    return maskPhones(out.replace(EMAIL, "[e-mail]"));
  };
}

/** Stable pseudonyms: the same original value always gets the same replacement, and different ones differ. */
class Pseudonyms {
  private readonly names = new Map<string, string>();
  private readonly emails = new Map<string, string>();
  private readonly phones = new Map<string, string>();
  name(original: string): string {
    return this.get(this.names, original, (n) => `Person ${n}`);
  }
  email(original: string): string {
    return this.get(this.emails, original.toLowerCase(), (n) => `person-${n}@training.invalid`);
  }
  phone(original: string): string {
    return this.get(this.phones, original, (n) => `+383 00 ${String(n).padStart(6, "0")}`);
  }
  private get(map: Map<string, string>, key: string, make: (n: number) => string): string {
    let value = map.get(key);
    if (value === undefined) map.set(key, (value = make(map.size + 1)));
    return value;
  }
}

/** A readable random password for the training copy (meets the 12-character minimum). */
export function createTrainingPassword(): string {
  return `Training-${randomBytes(9).toString("base64url")}`;
}

interface ScrubContext {
  pseudonyms: Pseudonyms;
  mask: (text: string) => string;
  userLabels: Map<string, string>;
  passwordHash: string;
  attachmentFiles: Set<string>;
  placeholderFor: (mediaType: string) => PlaceholderFile;
  placeholdersWritten: Map<string, PlaceholderFile>;
  counters: { replaced: number };
}

/** Masks every string of a JSON value; under a personal key (e.g. an audit diff's `email: { before, after }`) strings are replaced whole. */
export function scrubJson(value: unknown, mask: (text: string) => string, underPersonalKey = false): unknown {
  if (typeof value === "string") return underPersonalKey ? "[removed]" : mask(value);
  if (Array.isArray(value)) return value.map((item) => scrubJson(item, mask, underPersonalKey));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, scrubJson(v, mask, underPersonalKey || PERSONAL_JSON_KEYS.has(k))]),
    );
  }
  return value;
}

function applyRule(rule: ColumnRule, value: string | null, row: TextRow, context: ScrubContext): string | null {
  if (rule === "keep" || rule === "attachment_file") return value;
  if (typeof rule === "object") {
    if (value === null || value.startsWith("system: ") || value === "anonymous") return value;
    const userId = row[rule.userLabel];
    return (userId && context.userLabels.get(userId)) ?? "[removed]";
  }
  switch (rule) {
    case "person_name":
      return value === null ? null : context.pseudonyms.name(value);
    case "email":
      return value === null ? null : context.pseudonyms.email(value);
    case "phone":
      return value === null ? null : context.pseudonyms.phone(value);
    case "contact_text": {
      if (value === null) return null;
      const masked = context.mask(value);
      return masked.length > MAX_TEXT && value.length <= MAX_TEXT ? masked.slice(0, MAX_TEXT) : masked;
    }
    case "contact_json": {
      if (value === null) return null;
      const scrubbed = JSON.stringify(scrubJson(JSON.parse(value), context.mask));
      // Unchanged values keep their exact text (JSON numbers beyond a double's precision included).
      return scrubbed === JSON.stringify(JSON.parse(value)) ? value : scrubbed;
    }
    case "password_hash":
      return context.passwordHash;
    case "secret":
      return null;
    case "token_hash":
      return randomBytes(32).toString("hex");
  }
}

function transformFor(table: string, context: ScrubContext): RowTransform | undefined {
  const rule = PERSONAL_DATA[table]!;
  if (rule.rows === "drop") return () => null;
  const scrubbed = Object.entries(rule.columns).filter(([, r]) => r !== "keep");
  if (scrubbed.length === 0) return undefined;
  return (row) => {
    const out = { ...row };
    for (const [column, columnRule] of scrubbed) {
      const next = applyRule(columnRule, row[column] ?? null, row, context);
      if (next !== row[column]) context.counters.replaced += 1;
      out[column] = next;
    }
    if (table === "stored_file" && out.id && context.attachmentFiles.has(out.id)) {
      const placeholder = context.placeholderFor(out.media_type ?? "");
      context.placeholdersWritten.set(out.id, placeholder);
      out.sha256 = sha256Hex(placeholder.bytes);
      out.media_type = placeholder.mediaType;
      out.extension = placeholder.extension;
      out.size_bytes = String(placeholder.bytes.byteLength);
      out.original_name = `attachment-${context.placeholdersWritten.size}.${placeholder.extension}`;
      context.counters.replaced += 1;
    }
    return out;
  };
}

/** Refuses a database with tables or columns the classification does not know (they might be personal). */
export function assertClassified(catalog: Catalog): void {
  const schema = new Map([...catalog.tables.values()].map((t) => [t.name, t.columns.map((c) => c.name)]));
  const { missing } = unclassifiedColumns(schema);
  if (missing.length) {
    throw new Error(
      `These columns are not classified in app/db/transfer/personal-data.ts, so the scrub cannot tell whether they hold personal data: ${missing.join(", ")}.`,
    );
  }
}

/** Reads what the scrub needs before copying: every personal value (to mask it in free text), users' pseudonyms, attachment files. */
async function prepareContext(src: Db, options: ScrubOptions, trainingPassword: string): Promise<ScrubContext> {
  const pseudonyms = new Pseudonyms();
  const known: string[] = [];
  for (const [table, rule] of Object.entries(PERSONAL_DATA)) {
    if (rule.rows === "drop") continue;
    for (const [column, columnRule] of Object.entries(rule.columns)) {
      if (columnRule !== "person_name" && columnRule !== "email" && columnRule !== "phone") continue;
      const values = await sql<{
        v: string;
      }>`select distinct ${sql.ref(column)}::text as v from ${sql.table(`public.${table}`)} where ${sql.ref(column)} is not null`.execute(
        src,
      );
      known.push(...values.rows.map((r) => r.v));
    }
  }
  // Users first, in a stable order, so their pseudonyms do not depend on other tables.
  const users = await sql<{
    id: string;
    name: string;
    email: string;
  }>`select id::text as id, name, email from app_user order by created_at, id`.execute(src);
  const userLabels = new Map(
    users.rows.map((u) => [u.id, `${pseudonyms.name(u.name)} <${pseudonyms.email(u.email)}>`]),
  );
  const attachments = await sql<{ file_id: string }>`select distinct file_id from need_attachment`.execute(src);
  return {
    pseudonyms,
    mask: createContactMasker(known),
    userLabels,
    passwordHash: await options.hashPassword(trainingPassword),
    attachmentFiles: new Set(attachments.rows.map((a) => a.file_id)),
    placeholderFor: await createPlaceholders(),
    placeholdersWritten: new Map(),
    counters: { replaced: 0 },
  };
}

function assertNewDataDir(dataDir: string): void {
  if (fs.existsSync(dataDir) && (!fs.statSync(dataDir).isDirectory() || fs.readdirSync(dataDir).length > 0)) {
    throw new Error(`${dataDir} already exists and is not empty: the scrubbed copy goes into a new data directory.`);
  }
}

/**
 * Copies a PostgreSQL database into a NEW embedded data directory with the personal data replaced
 * as `PERSONAL_DATA` says: built in a temporary folder next to the target (migrations, then every
 * table in foreign-key order through the scrub's row transforms, sequences, checks: every kept
 * table has the source's row count, and tables without personal columns the source's checksum),
 * attachments replaced by placeholders of the same type and other files copied, then renamed into
 * place. A failure removes the temporary folder: the target never exists half-filled.
 */
export async function scrubPostgresToEmbedded(options: ScrubOptions): Promise<ScrubReport> {
  const started = performance.now();
  const emit = options.onEvent ?? (() => {});
  const dataDir = path.resolve(options.dataDir);
  assertNewDataDir(dataDir);
  const trainingPassword = options.trainingPassword ?? createTrainingPassword();
  const building = path.join(
    path.dirname(dataDir),
    `.${path.basename(dataDir)}.partial-${randomBytes(4).toString("hex")}`,
  );
  const source = await openDatabase({ databaseUrl: options.databaseUrl, poolSize: 1 });
  try {
    await assertFullyMigrated(source.db, "The source database");
    const report = await source.db.connection().execute(async (src) => {
      await sql`begin isolation level repeatable read read only`.execute(src);
      try {
        await setCanonicalTextForms(src);
        const catalog = await readCatalog(src);
        assertClassified(catalog);
        emit({ kind: "step", message: "Reading the personal values to replace…" });
        const context = await prepareContext(src, options, trainingPassword);
        fs.mkdirSync(building, { recursive: true });
        const target = await openDatabase({ dataDir: building });
        try {
          emit({ kind: "step", message: "Creating the embedded database (migrations)…" });
          await migrateToLatest(target.db);
          const result = await target.db
            .connection()
            .execute((dst) => fillScrubbed(src, dst, catalog, context, options, emit, building));
          await sql`commit`.execute(src);
          return result;
        } finally {
          await target.close();
        }
      } catch (error) {
        await sql`rollback`.execute(src).catch(() => {});
        throw error;
      }
    });
    assertNewDataDir(dataDir);
    if (fs.existsSync(dataDir)) fs.rmdirSync(dataDir);
    fs.renameSync(building, dataDir);
    return { ...report, trainingPassword, ms: Math.round(performance.now() - started) };
  } catch (error) {
    fs.rmSync(building, { recursive: true, force: true });
    throw error;
  } finally {
    await source.close();
  }
}

async function fillScrubbed(
  src: Db,
  dst: Db,
  catalog: Catalog,
  context: ScrubContext,
  options: ScrubOptions,
  emit: (event: TransferEvent) => void,
  building: string,
): Promise<Omit<ScrubReport, "trainingPassword" | "ms">> {
  let copied: Map<string, number>;
  let droppedRows = 0;
  await sql`begin`.execute(dst);
  try {
    await setCanonicalTextForms(dst);
    const targetCatalog = await readCatalog(dst);
    assertSameSchema(catalog, targetCatalog);
    await setUserTriggers(dst, targetCatalog, false);
    await emptyTables(dst, targetCatalog);
    emit({ kind: "step", message: `Copying ${catalog.order.length} tables, replacing personal data…` });
    copied = await copyTables(src, dst, catalog, {
      batchRows: options.batchRows,
      transformFor: (table) => transformFor(table, context),
      onProgress: (p) => emit({ kind: "rows", ...p }),
    });
    await advanceSequences(dst, targetCatalog);
    await setUserTriggers(dst, targetCatalog, true);

    emit({ kind: "step", message: "Checking row counts, and checksums of the tables without personal data…" });
    const untouched: string[] = [];
    for (const name of catalog.order) {
      const rule = PERSONAL_DATA[name]!;
      const sourceRows = Number(
        (await sql<{ n: number }>`select count(*)::int8 as n from ${sql.table(`public.${name}`)}`.execute(src)).rows[0]!
          .n,
      );
      const targetRows = Number(
        (await sql<{ n: number }>`select count(*)::int8 as n from ${sql.table(`public.${name}`)}`.execute(dst)).rows[0]!
          .n,
      );
      const expected = rule.rows === "drop" ? 0 : sourceRows;
      if (targetRows !== expected)
        throw new Error(`The scrubbed copy of ${name} has ${targetRows} rows, ${expected} expected.`);
      if (rule.rows === "drop") droppedRows += sourceRows;
      else if (Object.values(rule.columns).every((r) => r === "keep")) untouched.push(name);
    }
    await verifyTables(src, dst, catalog, untouched);
    await sql`commit`.execute(dst);
  } catch (error) {
    await sql`rollback`.execute(dst).catch(() => {});
    throw error;
  }

  const filesRoot = path.join(building, "files");
  const destination = folderDestination(filesRoot);
  const storedFiles = await sql<{ id: string; sha256: string }>`select id, sha256 from stored_file order by id`.execute(
    src,
  );
  emit({
    kind: "step",
    message: `Copying ${storedFiles.rows.length} stored files (attachments replaced by placeholders)…`,
  });
  const kept = storedFiles.rows.filter((f) => !context.attachmentFiles.has(f.id));
  const files = await copyStoredFiles(options.filesFrom, destination, kept, {
    onProgress: (done, total) => emit({ kind: "files", done, total }),
  });
  for (const [id, placeholder] of context.placeholdersWritten) await destination.put(id, placeholder.bytes);

  return {
    tables: catalog.order.map((name) => ({ name, rows: copied.get(name) ?? 0 })),
    rows: [...copied.values()].reduce((a, b) => a + b, 0),
    replacedValues: context.counters.replaced,
    droppedRows,
    placeholderFiles: context.placeholdersWritten.size,
    files,
  };
}
