import { z } from "zod";
import { checkedCodeList, isHttpUrl, optionalText as optionalFormText } from "#app/services/form-text.ts";
import { isSerbianCyrillicText } from "#app/i18n/transliterate.ts";
import { idSchema } from "#app/services/ids.ts";

/**
 * The organisation types of the reference data (table `organisation_type`), listed here too so the
 * form schema can run in the browser; a test checks both lists agree.
 */
export const ORGANISATION_TYPE_CODES = [
  "government_office",
  "ministry",
  "agency",
  "municipality_office",
  "municipal_committee",
  "donor",
  "international_organisation",
  "cso",
  "other",
] as const;
export type OrganisationTypeCode = (typeof ORGANISATION_TYPE_CODES)[number];

/** Types of local bodies: they belong to one municipality, which must then be given. */
export const LOCAL_ORGANISATION_TYPES: readonly OrganisationTypeCode[] = ["municipality_office", "municipal_committee"];

/** The languages in which an organisation's name and description are written in the workspace forms. */
export const ORGANISATION_FORM_LOCALES = ["sq", "sr", "en"] as const;

const TOO_LONG = "organisations:errors.tooLong";

/** A trimmed optional text: empty becomes null; too long, this module's message. */
function optionalText(max: number) {
  return optionalFormText(max, TOO_LONG);
}

const emailFormat = z.email();

/** An optional text that, when given, must pass `isValid` (or is refused with `message`). */
function optionalTextThat(max: number, isValid: (value: string) => boolean, message: string) {
  return optionalText(max).refine((value) => value === null || isValid(value), message);
}

/** An optional e-mail address. */
function optionalEmail() {
  return optionalTextThat(254, (value) => emailFormat.safeParse(value).success, "organisations:errors.emailInvalid");
}

/** An optional telephone number: digits, spaces and + ( ) - . / only. */
function optionalPhone() {
  return optionalTextThat(50, (value) => /^[+0-9][0-9 ()\-./]{2,49}$/.test(value), "organisations:errors.phoneInvalid");
}

/**
 * An IATI organisation identifier, in any of the forms publishers use (decision 027):
 * - an org-id.guide registration agency's prefix (a country code, or XI/XM for international
 *   lists, a hyphen and the list's code) and the identifier that agency gave: `XM-DAC-47066`,
 *   `GB-COH-01234567`, `NL-KVK-41198677`, `XI-IATI-EC_NEAR`, `US-EIN-521232409`;
 * - the older bilateral donor codes of the OECD DAC list, a country and a number: `CH-4`, `DE-1`,
 *   `SE-0`, `NO-01`;
 * IATI forbids spaces and `/ & | ?`. `XK-CAP-` is the platform's own prefix for organisations
 * without one (decision 015), so it is not accepted as a recorded identifier.
 */
export const IATI_ORGANISATION_IDENTIFIER =
  /^(?:[A-Z]{2}-[A-Z0-9]{2,12}-[A-Za-z0-9][A-Za-z0-9._:()+-]{0,99}|[A-Z]{2}-\d{1,4})$/;

/** True when `value` is reserved for the platform's generated identifiers. */
export function isPlatformIatiIdentifier(value: string): boolean {
  return value.toUpperCase().startsWith("XK-CAP-");
}

/** An optional IATI organisation identifier; the agency prefix is written in capitals. */
function optionalIatiIdentifier() {
  return optionalText(120)
    .transform((value) =>
      value === null
        ? null
        : /^[A-Za-z]{2}-\d{1,4}$/.test(value)
          ? value.toUpperCase()
          : value.replace(/^([A-Za-z]{2}-[A-Za-z0-9]{2,12})-/, (prefix) => prefix.toUpperCase()),
    )
    .refine(
      (value) => value === null || IATI_ORGANISATION_IDENTIFIER.test(value),
      "organisations:errors.iatiIdentifierInvalid",
    )
    .refine(
      (value) => value === null || !isPlatformIatiIdentifier(value),
      "organisations:errors.iatiIdentifierReserved",
    );
}

const organisationFields = {
  nameSq: optionalText(300),
  nameSr: optionalText(300),
  nameEn: optionalText(300),
  /** Its own Serbian Cyrillic name (decision 037), shown to sr-cyrl readers instead of the transliteration. */
  nameSrCyrl: optionalTextThat(300, isSerbianCyrillicText, "organisations:errors.nameSrCyrlNotCyrillic"),
  acronym: optionalText(30),
  typeCode: z.enum(ORGANISATION_TYPE_CODES, "organisations:errors.typeRequired"),
  kasCode: optionalTextThat(2, (value) => /^[0-9]{2}$/.test(value), "organisations:errors.municipalityInvalid"),
  descriptionSq: optionalText(5000),
  descriptionSr: optionalText(5000),
  descriptionEn: optionalText(5000),
  website: optionalTextThat(300, isHttpUrl, "organisations:errors.websiteInvalid"),
  email: optionalEmail(),
  phone: optionalPhone(),
  address: optionalText(500),
  iatiIdentifier: optionalIatiIdentifier(),
  sectors: checkedCodeList(),
  communities: checkedCodeList(),
};

type OrganisationShape = {
  nameSq?: unknown;
  nameSr?: unknown;
  nameEn?: unknown;
  typeCode?: unknown;
  kasCode?: unknown;
};

/** Runs a cross-field check even when other fields failed, unless one of its own fields did. */
function unlessFailed(fields: readonly string[]) {
  return (payload: z.core.ParsePayload) => !payload.issues.some((issue) => fields.includes(String(issue.path?.[0])));
}

/** A name in at least one language; a municipality for local bodies. Checked alongside the field errors, so one round shows them all. */
function withOrganisationChecks<T extends z.ZodType<OrganisationShape>>(schema: T) {
  return schema
    .refine((value) => Boolean(value.nameSq || value.nameSr || value.nameEn), {
      path: ["nameSq"],
      message: "organisations:errors.nameRequired",
      when: unlessFailed(["nameSq", "nameSr", "nameEn"]),
    })
    .refine(
      (value) => !(LOCAL_ORGANISATION_TYPES as readonly unknown[]).includes(value.typeCode) || Boolean(value.kasCode),
      {
        path: ["kasCode"],
        message: "organisations:errors.municipalityRequired",
        when: unlessFailed(["typeCode", "kasCode"]),
      },
    );
}

/** The organisation form (create): names in at least one language, the type, and the details. */
export const OrganisationFormSchema = withOrganisationChecks(z.object(organisationFields));
export type OrganisationFormInput = Partial<z.input<typeof OrganisationFormSchema>>;
export type OrganisationFormData = z.output<typeof OrganisationFormSchema>;

/** The organisation form (edit): the same fields and the version the editor started from. */
export const OrganisationUpdateSchema = withOrganisationChecks(
  z.object({ ...organisationFields, version: idSchema() }),
);
export type OrganisationUpdateInput = Partial<z.input<typeof OrganisationUpdateSchema>>;

/** Deactivating or reactivating an organisation (a confirmation form carrying the version). */
export const OrganisationActiveSchema = z.object({
  version: idSchema(),
});

/** A contact person of an organisation. */
export const ContactFormSchema = z.object({
  contactName: z
    .preprocess(
      (value) => (typeof value === "string" ? value.trim() : (value ?? "")),
      z.string("core:form.invalid").max(200, TOO_LONG),
    )
    .refine((value) => value !== "", "organisations:errors.contactNameRequired"),
  contactPosition: optionalText(200),
  contactEmail: optionalEmail(),
  contactPhone: optionalPhone(),
  contactFocalPoint: z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean()),
});
export type ContactFormInput = Partial<z.input<typeof ContactFormSchema>>;

/** Removing one contact. */
export const ContactRemoveSchema = z.object({ contactId: idSchema() });

/** `:id` in the workspace URLs. */
export const OrganisationIdSchema = idSchema();

/** Whether the list shows active, deactivated or all organisations. */
export const ORGANISATION_STATUS_FILTERS = ["active", "inactive", "all"] as const;

/** The workspace list's GET form: search, type, municipality, status and page; nonsense falls back to "no filter". */
export const OrganisationListQuerySchema = z.object({
  q: z.string().trim().max(100).catch("").default(""),
  type: z.enum(ORGANISATION_TYPE_CODES).optional().catch(undefined),
  municipality: z
    .string()
    .regex(/^[0-9]{2}$/)
    .optional()
    .catch(undefined),
  status: z.enum(ORGANISATION_STATUS_FILTERS).catch("active").default("active"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type OrganisationListQuery = z.output<typeof OrganisationListQuerySchema>;
