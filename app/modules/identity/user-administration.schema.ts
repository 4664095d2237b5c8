import { z } from "zod";
import { LOCALES } from "#app/i18n/locales.ts";
import { ROLES, type Role } from "#app/services/authorization.ts";
import { idSchema, optionalIdSchema } from "#app/services/ids.ts";

/** Roles held for one organisation: they cannot be given without it. */
export const ROLES_FOR_AN_ORGANISATION: readonly Role[] = ["focal_point", "donor", "cso_member"];
/** Roles held for one municipality (the organisation then defaults to its Office for Communities and Returns). */
export const ROLES_FOR_A_MUNICIPALITY: readonly Role[] = ["municipal_officer"];

const optionalId = z.preprocess(
  (value) => (value === undefined || value === null || value === "" ? null : value),
  idSchema("workspace:errors.organisationInvalid").nullable(),
);

const optionalKasCode = z.preprocess(
  (value) => (value === undefined || value === null || value === "" ? null : value),
  z
    .string("workspace:errors.municipalityInvalid")
    .regex(/^[0-9]{2}$/, "workspace:errors.municipalityInvalid")
    .nullable(),
);

type Scoped = { role: Role; organisationId: number | null; kasCode: string | null };

/** A role's scope must fit the role: an organisation for focal points, donors and CSO members, a municipality for municipal officers. */
function checkScope(value: Scoped, ctx: z.RefinementCtx): void {
  if (ROLES_FOR_AN_ORGANISATION.includes(value.role) && value.organisationId === null) {
    ctx.addIssue({ code: "custom", path: ["organisationId"], message: "workspace:errors.organisationRequired" });
  }
  if (ROLES_FOR_A_MUNICIPALITY.includes(value.role) && value.kasCode === null) {
    ctx.addIssue({ code: "custom", path: ["kasCode"], message: "workspace:errors.municipalityRequired" });
  }
  if (!ROLES_FOR_A_MUNICIPALITY.includes(value.role) && value.kasCode !== null) {
    ctx.addIssue({ code: "custom", path: ["kasCode"], message: "workspace:errors.municipalityNotForRole" });
  }
}

const scopeFields = {
  role: z.enum(ROLES, "workspace:errors.roleRequired"),
  organisationId: optionalId,
  kasCode: optionalKasCode,
};

/** Giving a user one more role (with its organisation or municipality). */
export const RoleAssignmentSchema = z.object(scopeFields).superRefine(checkScope);
export type RoleAssignmentInput = Partial<z.input<typeof RoleAssignmentSchema>>;

/** The invitation form: who, which role and scope, and the language of the e-mail. */
export const InviteUserSchema = z
  .object({
    email: z
      .string("workspace:errors.emailRequired")
      .trim()
      .toLowerCase()
      .min(1, "workspace:errors.emailRequired")
      .max(254, "workspace:errors.emailInvalid")
      .pipe(z.email("workspace:errors.emailInvalid")),
    name: z
      .string("workspace:errors.nameRequired")
      .trim()
      .min(1, "workspace:errors.nameRequired")
      .max(200, "workspace:errors.nameTooLong"),
    locale: z.enum(LOCALES, "core:form.invalid"),
    ...scopeFields,
  })
  .superRefine(checkScope);

/** Removing one role assignment. */
export const RoleRemovalSchema = z.object({ assignmentId: idSchema() });

/** Deactivating or reactivating a user, with the version the administrator saw. */
export const UserActiveSchema = z.object({ version: idSchema() });

/** `:id` of a user in the workspace URLs. */
export const UserIdSchema = z.uuid();

/** The users list's GET form. */
export const UserListQuerySchema = z.object({
  q: z.string().trim().max(100).catch("").default(""),
  role: z.enum(ROLES).optional().catch(undefined),
  organisation: optionalIdSchema().catch(undefined),
  status: z.enum(["active", "inactive", "all"]).catch("all").default("all"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type UserListQuery = z.output<typeof UserListQuerySchema>;
