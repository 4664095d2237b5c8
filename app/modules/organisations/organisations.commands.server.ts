import { sql, type ExpressionBuilder, type SelectQueryBuilder } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import { insertRows } from "#app/db/insert-rows.server.ts";
import type { ContentLocale, Database, TranslatedText } from "#app/db/schema.ts";
import { slugify } from "#app/db/reference-data.server.ts";
import { ORGANISATION_CODES } from "./organisation-codes.server.ts";
import { reindexOrganisations } from "./organisations.search-index.server.ts";
import { changeActiveFlag } from "#app/services/active-flag-command.server.ts";
import { recordAudit, type AuditContext } from "#app/services/audit.server.ts";
import { type CommandFailure, inTransactionWithInput } from "#app/services/commands.server.ts";
import { isCoordinator, type Actor } from "#app/services/authorization.ts";
import { uniqueSlug } from "#app/services/slugs.server.ts";
import { isMemberOf, organisationsPolicy } from "./organisations.policy.ts";
import {
  ContactFormSchema,
  ContactRemoveSchema,
  OrganisationActiveSchema,
  OrganisationFormSchema,
  OrganisationUpdateSchema,
  ORGANISATION_FORM_LOCALES,
  type ContactFormInput,
  type OrganisationFormData,
  type OrganisationFormInput,
  type OrganisationUpdateInput,
} from "./organisations.schema.ts";

const FORBIDDEN: CommandFailure = { ok: false, status: 403, errors: { form: "organisations:errors.forbidden" } };
const NOT_FOUND: CommandFailure = { ok: false, status: 404, errors: { form: "organisations:errors.notFound" } };
const EDITED_BY_OTHERS = "organisations:errors.editedByOthers";

const IATI_IDENTIFIER_TAKEN: CommandFailure = {
  ok: false,
  status: 400,
  errors: { iatiIdentifier: "organisations:errors.iatiIdentifierTaken" },
};

/** True when `error` is PostgreSQL's unique violation of the organisations' IATI identifier index. */
function isIatiIdentifierConflict(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const { code, constraint, message } = error as { code?: unknown; constraint?: unknown; message?: unknown };
  return (
    code === "23505" &&
    (constraint === "organisation_iati_identifier_key" || String(message).includes("organisation_iati_identifier_key"))
  );
}

/**
 * Runs a write that may record an IATI identifier. `checkReferences` already refuses one another
 * organisation has; this catches the race where two forms claim the same identifier at the same
 * moment (the unique index decides): the write is undone to a savepoint and the form gets the
 * same 400, so the transaction stays usable and nothing is half-written.
 */
async function guardIatiIdentifier<T>(trx: Db, write: () => Promise<T>): Promise<T | CommandFailure> {
  await sql`savepoint organisation_iati_identifier`.execute(trx);
  try {
    const result = await write();
    await sql`release savepoint organisation_iati_identifier`.execute(trx);
    return result;
  } catch (error) {
    if (!isIatiIdentifierConflict(error)) throw error;
    await sql`rollback to savepoint organisation_iati_identifier`.execute(trx);
    return IATI_IDENTIFIER_TAKEN;
  }
}

/** The organisation the actor wrote for, for the audit record: the subject itself when they are its member. */
function actingOrganisation(actor: Actor, organisationId: number | null): number | null {
  if (organisationId !== null && isMemberOf(actor, organisationId)) return organisationId;
  if (actor.kind !== "user") return null;
  return actor.grants.find((g) => g.organisationId !== null)?.organisationId ?? null;
}

/** A translated text with its keys in a fixed order, so that two equal texts compare equal in the audit diff. */
function canonicalText(value: TranslatedText): TranslatedText {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const entry = value[key as keyof TranslatedText];
    if (key === "machine" && entry && typeof entry === "object") {
      const machine = canonicalText(entry as TranslatedText);
      if (Object.keys(machine).length > 0) out.machine = machine;
    } else if (typeof entry === "string" && entry !== "") {
      out[key] = entry;
    }
  }
  return out as TranslatedText;
}

/**
 * Writes the form's languages into a stored text: a language a person wrote replaces the old
 * text and its machine translation; a language emptied in the form is removed; other languages
 * (Turkish, Bosnian, Romani) and other machine translations stay.
 */
function mergeText(
  stored: TranslatedText,
  written: Record<(typeof ORGANISATION_FORM_LOCALES)[number], string | null>,
): TranslatedText {
  const next: TranslatedText = { ...stored, machine: { ...(stored.machine ?? {}) } };
  for (const locale of ORGANISATION_FORM_LOCALES) {
    const text = written[locale];
    if (text) {
      next[locale] = text;
      delete next.machine?.[locale as ContentLocale];
    } else {
      delete next[locale];
    }
  }
  return canonicalText(next);
}

/** The fields of an organisation as the audit log records them. */
interface OrganisationSnapshot extends Record<string, unknown> {
  name: TranslatedText;
  name_sr_cyrl: string | null;
  acronym: string | null;
  type_code: string;
  kas_code: string | null;
  description: TranslatedText;
  website: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  iati_identifier: string | null;
  is_active: boolean;
  sectors: string[];
  communities: string[];
}

async function loadSnapshot(trx: Db, id: number): Promise<(OrganisationSnapshot & { version: number }) | null> {
  const row = await trx
    .selectFrom("organisation as o")
    .select([
      "o.name",
      "o.name_sr_cyrl",
      "o.acronym",
      "o.type_code",
      "o.kas_code",
      "o.description",
      "o.website",
      "o.email",
      "o.phone",
      "o.address",
      "o.iati_identifier",
      "o.is_active",
      "o.version",
    ])
    .select(ORGANISATION_CODES)
    .where("o.id", "=", id)
    .forUpdate("o")
    .executeTakeFirst();
  if (!row) return null;
  return { ...row, name: canonicalText(row.name), description: canonicalText(row.description) };
}

/** The number of rows `query` finds, as a sub-select named `alias`; the literal 0, asking nothing, when `query` is null. */
function countOrZero<A extends string, TB extends keyof Database>(
  eb: ExpressionBuilder<Database, never>,
  alias: A,
  query: SelectQueryBuilder<Database, TB, object> | null,
) {
  return query ? query.select((e) => e.fn.countAll<number>().as("n")).as(alias) : eb.lit(0).as(alias);
}

/**
 * Checks that the municipality, sectors and communities named in a form exist and that no other
 * organisation has recorded the same IATI identifier (compared without regard to case, as the
 * unique index does) — one query.
 */
async function checkReferences(
  trx: Db,
  data: Pick<OrganisationFormData, "kasCode" | "sectors" | "communities" | "iatiIdentifier">,
  organisationId: number | null,
): Promise<Record<string, string>> {
  const row = await trx
    .selectNoFrom((eb) => [
      countOrZero(
        eb,
        "iatiTaken",
        data.iatiIdentifier
          ? eb
              .selectFrom("organisation")
              .where(sql<boolean>`upper(iati_identifier) = upper(${data.iatiIdentifier})`)
              .where("id", "<>", organisationId ?? 0)
          : null,
      ),
      countOrZero(
        eb,
        "municipalities",
        data.kasCode ? eb.selectFrom("municipality").where("kas_code", "=", data.kasCode) : null,
      ),
      countOrZero(
        eb,
        "sectors",
        data.sectors.length ? eb.selectFrom("sector").where("code", "in", data.sectors) : null,
      ),
      countOrZero(
        eb,
        "communities",
        data.communities.length ? eb.selectFrom("community").where("code", "in", data.communities) : null,
      ),
    ])
    .executeTakeFirstOrThrow();
  const errors: Record<string, string> = {};
  if (data.kasCode && Number(row.municipalities) !== 1) errors.kasCode = "organisations:errors.municipalityInvalid";
  if (Number(row.sectors) !== data.sectors.length) errors.sectors = "core:form.invalid";
  if (Number(row.communities) !== data.communities.length) errors.communities = "core:form.invalid";
  if (Number(row.iatiTaken) > 0) errors.iatiIdentifier = "organisations:errors.iatiIdentifierTaken";
  return errors;
}

/** The slug base of a new organisation: its English name, else its Albanian, else its Serbian name. */
export function organisationSlugBase(name: { en?: string | null; sq?: string | null; sr?: string | null }): string {
  const source = name.en || name.sq || name.sr || "";
  const slug = slugify(source).slice(0, 80).replace(/-+$/, "");
  return slug || "organisation";
}

function columnsOf(data: OrganisationFormData, stored: { name: TranslatedText; description: TranslatedText }) {
  return {
    name: mergeText(stored.name, { sq: data.nameSq, sr: data.nameSr, en: data.nameEn }),
    name_sr_cyrl: data.nameSrCyrl?.normalize("NFC") ?? null,
    description: mergeText(stored.description, {
      sq: data.descriptionSq,
      sr: data.descriptionSr,
      en: data.descriptionEn,
    }),
    acronym: data.acronym,
    type_code: data.typeCode,
    kas_code: data.kasCode,
    website: data.website,
    email: data.email,
    phone: data.phone,
    address: data.address,
    iati_identifier: data.iatiIdentifier,
  };
}

/** An organisation's codes the form sets (sectors, communities): the table of each, and its column of codes. */
const LINKS = [
  { field: "sectors", table: "organisation_sector", codeColumn: "sector_code" },
  { field: "communities", table: "organisation_community", codeColumn: "community_code" },
] as const;

/** Writes an organisation's sector and community codes: all of them when it is new, else those that changed. */
async function replaceLinks(
  trx: Db,
  organisationId: number,
  data: Pick<OrganisationFormData, "sectors" | "communities">,
  before: Pick<OrganisationSnapshot, "sectors" | "communities"> | null,
): Promise<void> {
  for (const { field, table, codeColumn } of LINKS) {
    if (before && before[field].join() === data[field].join()) continue;
    if (before) await trx.deleteFrom(table).where("organisation_id", "=", organisationId).execute();
    await insertRows(
      trx,
      table,
      data[field].map((code) => ({ organisation_id: organisationId, [codeColumn]: code })),
    );
  }
}

/**
 * Adds an organisation to the directory (coordinators and administrators): validates the form,
 * gives it a unique slug from its English or Albanian name, and records the audit entry, all in
 * one transaction.
 */
export async function createOrganisation(
  db: Db,
  audit: AuditContext,
  input: OrganisationFormInput,
): Promise<{ ok: true; id: number; slug: string } | CommandFailure> {
  if (!organisationsPolicy.can(audit.actor, "organisation.create", null)) return FORBIDDEN;
  return inTransactionWithInput(db, OrganisationFormSchema, input, async (trx, data) => {
    const referenceErrors = await checkReferences(trx, data, null);
    if (Object.keys(referenceErrors).length)
      return { ok: false, status: 400, errors: referenceErrors } satisfies CommandFailure;
    const columns = columnsOf(data, { name: {}, description: {} });
    const slug = await uniqueSlug(
      trx,
      "organisation",
      organisationSlugBase({ en: data.nameEn, sq: data.nameSq, sr: data.nameSr }),
    );
    const inserted = await guardIatiIdentifier(trx, () =>
      trx
        .insertInto("organisation")
        .values({ ...columns, slug })
        .returning("id")
        .executeTakeFirstOrThrow(),
    );
    if ("ok" in inserted) return inserted;
    const { id } = inserted;
    await replaceLinks(trx, id, data, null);
    const after: OrganisationSnapshot = {
      ...columns,
      is_active: true,
      sectors: data.sectors,
      communities: data.communities,
    };
    await recordAudit(trx, audit, {
      action: "organisation.create",
      subjectType: "organisation",
      subjectId: id,
      before: null,
      after: { slug, ...after },
      organisationId: actingOrganisation(audit.actor, null),
    });
    await reindexOrganisations(trx, [id]);
    return { ok: true as const, id, slug };
  });
}

/**
 * Saves an edited organisation if nobody changed it since the editor loaded it (the form's
 * `version`); otherwise refuses with 409 and overwrites nothing. Members of the organisation may
 * edit it, but only coordinators change its type and municipality.
 */
export async function updateOrganisation(
  db: Db,
  audit: AuditContext,
  organisationId: number,
  input: OrganisationUpdateInput,
): Promise<{ ok: true; version: number } | (CommandFailure & { currentVersion?: number })> {
  if (!organisationsPolicy.can(audit.actor, "organisation.update", { organisationId })) return FORBIDDEN;
  return inTransactionWithInput(db, OrganisationUpdateSchema, input, async (trx, data) => {
    const before = await loadSnapshot(trx, organisationId);
    if (!before) return NOT_FOUND;
    if (before.version !== data.version)
      return {
        ok: false as const,
        status: 409 as const,
        errors: { form: EDITED_BY_OTHERS },
        currentVersion: before.version,
      };
    if (!isCoordinator(audit.actor) && (data.typeCode !== before.type_code || data.kasCode !== before.kas_code)) {
      return {
        ok: false as const,
        status: 403 as const,
        errors: { typeCode: "organisations:errors.classificationLocked" },
      };
    }
    const referenceErrors = await checkReferences(trx, data, organisationId);
    if (Object.keys(referenceErrors).length)
      return { ok: false as const, status: 400 as const, errors: referenceErrors };
    const columns = columnsOf(data, before);
    const updated = await guardIatiIdentifier(trx, () =>
      trx
        .updateTable("organisation")
        .set((eb) => ({ ...columns, version: eb("version", "+", 1), updated_at: new Date() }))
        .where("id", "=", organisationId)
        .where("version", "=", data.version)
        .returning("version")
        .executeTakeFirst(),
    );
    if (updated && "ok" in updated) return updated;
    if (!updated) return { ok: false as const, status: 409 as const, errors: { form: EDITED_BY_OTHERS } };
    await replaceLinks(trx, organisationId, data, before);
    const { version: _version, ...beforeFields } = before;
    const after: OrganisationSnapshot = {
      ...columns,
      is_active: before.is_active,
      sectors: data.sectors,
      communities: data.communities,
    };
    await recordAudit(trx, audit, {
      action: "organisation.update",
      subjectType: "organisation",
      subjectId: organisationId,
      before: beforeFields,
      after,
      organisationId: actingOrganisation(audit.actor, organisationId),
    });
    await reindexOrganisations(trx, [organisationId]);
    return { ok: true as const, version: updated.version };
  });
}

/** Deactivates or reactivates an organisation (coordinators and administrators), with the same version check as editing. */
export async function setOrganisationActive(
  db: Db,
  audit: AuditContext,
  organisationId: number,
  input: { version: unknown; isActive: boolean },
): Promise<{ ok: true; version: number } | CommandFailure> {
  if (!organisationsPolicy.can(audit.actor, "organisation.deactivate", { organisationId })) return FORBIDDEN;
  return inTransactionWithInput(db, OrganisationActiveSchema, { version: input.version }, async (trx, { version }) => {
    const changed = await changeActiveFlag(trx, audit, {
      table: "organisation",
      id: organisationId,
      subjectType: "organisation",
      isActive: input.isActive,
      version,
      notFound: NOT_FOUND,
      editedByOthers: EDITED_BY_OTHERS,
      organisationId: actingOrganisation(audit.actor, organisationId),
    });
    if (!changed.ok) return changed;
    if (changed.changed) await reindexOrganisations(trx, [organisationId]);
    return { ok: true as const, version: changed.version };
  });
}

/** Adds a contact person to an organisation (whoever may edit the organisation). */
export async function addOrganisationContact(
  db: Db,
  audit: AuditContext,
  organisationId: number,
  input: ContactFormInput,
): Promise<{ ok: true; contactId: number } | CommandFailure> {
  if (!organisationsPolicy.can(audit.actor, "organisation.update", { organisationId })) return FORBIDDEN;
  return inTransactionWithInput(db, ContactFormSchema, input, async (trx, c) => {
    const exists = await trx
      .selectFrom("organisation")
      .select("id")
      .where("id", "=", organisationId)
      .forUpdate()
      .executeTakeFirst();
    if (!exists) return NOT_FOUND;
    const contact = {
      name: c.contactName,
      position: c.contactPosition,
      email: c.contactEmail,
      phone: c.contactPhone,
      is_focal_point: c.contactFocalPoint,
    };
    const { id } = await trx
      .insertInto("organisation_contact")
      .values({ organisation_id: organisationId, ...contact })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.updateTable("organisation").set({ updated_at: new Date() }).where("id", "=", organisationId).execute();
    await recordAudit(trx, audit, {
      action: "organisation.contact.add",
      subjectType: "organisation",
      subjectId: organisationId,
      before: null,
      after: { contact: { id, ...contact } },
      organisationId: actingOrganisation(audit.actor, organisationId),
    });
    return { ok: true as const, contactId: id };
  });
}

/** Removes one contact person from an organisation (whoever may edit the organisation). */
export async function removeOrganisationContact(
  db: Db,
  audit: AuditContext,
  organisationId: number,
  input: { contactId: unknown },
): Promise<{ ok: true } | CommandFailure> {
  if (!organisationsPolicy.can(audit.actor, "organisation.update", { organisationId })) return FORBIDDEN;
  return inTransactionWithInput(db, ContactRemoveSchema, input, async (trx, { contactId }) => {
    const removed = await trx
      .deleteFrom("organisation_contact")
      .where("id", "=", contactId)
      .where("organisation_id", "=", organisationId)
      .returning(["id", "name", "position", "email", "phone", "is_focal_point"])
      .executeTakeFirst();
    if (!removed) return NOT_FOUND;
    await trx.updateTable("organisation").set({ updated_at: new Date() }).where("id", "=", organisationId).execute();
    await recordAudit(trx, audit, {
      action: "organisation.contact.remove",
      subjectType: "organisation",
      subjectId: organisationId,
      before: { contact: removed },
      after: null,
      organisationId: actingOrganisation(audit.actor, organisationId),
    });
    return { ok: true as const };
  });
}
