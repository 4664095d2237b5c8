import { definePolicy, hasRole, isCoordinator, type Actor, type Role } from "#app/services/authorization.ts";

/** What the policy needs to know about a case. */
export interface NeedCaseSubject {
  /** Organisations the case is referred to now (referrals not sent back). */
  referredOrganisationIds: readonly number[];
  /** The user who submitted the case on someone's behalf (a CSO member), if any. */
  submittedByUserId: string | null;
  /** The submitter agreed that the institution handling the case may see who they are. */
  shareWithInstitution: boolean;
}

/** An attachment: its case, and who uploaded it (the submitter's files count as personal data). */
export interface NeedAttachmentSubject extends NeedCaseSubject {
  uploadedBy: "submitter" | "user";
}

/** What the needs workspace lets people do, and to what. */
export type NeedsSubjects = {
  /** Open the list of cases (each person sees the cases they may see). */
  "need.queue": null;
  /** Read a case: description, status, notes, timeline (without the submitter's personal data). */
  "need.view": NeedCaseSubject;
  /** See the submitter's name, phone and e-mail (always audited). */
  "need.personal_data.view": NeedCaseSubject;
  /** Download an attachment of the case. */
  "need.attachment.read": NeedAttachmentSubject;
  /** Triage: set the status, categorise, merge, bulk actions (the Office). */
  "need.triage": NeedCaseSubject;
  /** Refer the case to an institution (the Office). */
  "need.refer": NeedCaseSubject;
  /** Flag a case as high profile (the Office's coordinators). */
  "need.flag": NeedCaseSubject;
  /** Accept, respond to or send back a referral to this organisation. */
  "need.referral.respond": { organisationId: number };
  /** Write a note (public or internal) on the case. */
  "need.note": NeedCaseSubject;
  /** Manage the routing rules (category × municipality → institution). */
  "need.routing.manage": null;
  /** Read the briefing on high-profile and escalated cases (no personal data). */
  "need.briefing.view": null;
};

export type NeedsAction = keyof NeedsSubjects & string;

/** The roles through which an institution handles the cases referred to it. */
export const INSTITUTION_ROLES: readonly Role[] = ["focal_point", "municipal_officer"];

/** True when the actor handles cases for this organisation. */
export function isInstitutionMember(actor: Actor, organisationId: number): boolean {
  return INSTITUTION_ROLES.some((role) => hasRole(actor, role, { organisationId }));
}

/** True when the case is referred to an organisation the actor handles cases for. */
export function isHandlingInstitution(actor: Actor, subject: NeedCaseSubject): boolean {
  return subject.referredOrganisationIds.some((id) => isInstitutionMember(actor, id));
}

/** True when the actor is a CSO member who submitted this case on someone's behalf. */
export function isSubmittingMember(actor: Actor, subject: NeedCaseSubject): boolean {
  return actor.kind === "user" && subject.submittedByUserId === actor.userId && hasRole(actor, "cso_member");
}

/** True for the Office's case handlers: coordinators and administrators. */
export function isCaseHandler(actor: Actor): boolean {
  return isCoordinator(actor);
}

/** Deny by default: only the rules below allow anything. */
export const needsPolicy = definePolicy<NeedsSubjects>({
  "need.queue": (actor) =>
    isCaseHandler(actor) || INSTITUTION_ROLES.some((role) => hasRole(actor, role)) || hasRole(actor, "cso_member"),
  "need.view": (actor, c) => isCaseHandler(actor) || isHandlingInstitution(actor, c) || isSubmittingMember(actor, c),
  "need.personal_data.view": (actor, c) =>
    isCaseHandler(actor) || (c.shareWithInstitution && isHandlingInstitution(actor, c)),
  "need.attachment.read": (actor, a) =>
    isCaseHandler(actor) || (isHandlingInstitution(actor, a) && (a.uploadedBy === "user" || a.shareWithInstitution)),
  "need.triage": (actor) => isCaseHandler(actor),
  "need.refer": (actor) => isCaseHandler(actor),
  "need.flag": (actor) => isCaseHandler(actor),
  "need.referral.respond": (actor, r) => isInstitutionMember(actor, r.organisationId),
  "need.note": (actor, c) => isCaseHandler(actor) || isHandlingInstitution(actor, c),
  "need.routing.manage": (actor) => isCaseHandler(actor),
  "need.briefing.view": (actor) => isCaseHandler(actor) || hasRole(actor, "pm_office"),
});
