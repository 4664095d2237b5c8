import { PERSONA_SCOPE, type Persona } from "./policy-table.ts";

/** The personas who are members of an organisation, the organisation each belongs to and how a case names it. */
export const ORGANISATION_MEMBERS = [
  { member: "focal_point", organisationId: PERSONA_SCOPE.focalPointOrg, label: "the focal point's ministry" },
  { member: "municipal_officer", organisationId: PERSONA_SCOPE.municipalOrg, label: "the municipal office" },
  { member: "donor", organisationId: PERSONA_SCOPE.donorOrg, label: "the donor" },
  { member: "cso_member", organisationId: PERSONA_SCOPE.csoOrg, label: "the CSO" },
] as const satisfies readonly { member: Persona; organisationId: number; label: string }[];

/** An organisation none of the personas belongs to. */
export const OTHER_ORGANISATION = 999;

/**
 * Policy cases of an action on an organisation's items that its own members may do besides `moderators`: one
 * for each member persona's organisation, then one for someone else's organisation, which only the moderators may.
 */
export function ownOrganisationCases<A extends string>(
  action: A,
  moderators: readonly Persona[],
): { action: A; subject: { organisationId: number }; label: string; allowed: Persona[] }[] {
  return [
    ...ORGANISATION_MEMBERS.map(({ member, organisationId, label }) => ({
      action,
      subject: { organisationId },
      label,
      allowed: [...moderators, member],
    })),
    {
      action,
      subject: { organisationId: OTHER_ORGANISATION },
      label: "someone else's organisation",
      allowed: [...moderators],
    },
  ];
}
