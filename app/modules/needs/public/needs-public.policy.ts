import { definePolicy, hasRole, isCoordinator } from "#app/services/authorization.ts";

/** The public side of needs: what anyone may do, and submitting on someone's behalf. */
export type NeedsPublicSubjects = {
  /** Anyone, with or without an account, may submit a need for themselves. */
  "need.submit": null;
  /** A CSO member (or the Office) may submit for a person who asked them to. */
  "need.submitOnBehalf": null;
  /** Whoever holds a case's tracking code may follow it and add information; the subject is whether the code matched. */
  "need.track": { codeMatches: boolean };
};

export const needsPublicPolicy = definePolicy<NeedsPublicSubjects>({
  "need.submit": () => true,
  "need.submitOnBehalf": (actor) => hasRole(actor, "cso_member") || isCoordinator(actor),
  "need.track": (_actor, subject) => subject.codeMatches,
});
