import type { Actor } from "#app/services/authorization.ts";
import { createOrganisation, updateOrganisation } from "./organisations.commands.server.ts";
import type { OrganisationFormInput } from "./organisations.schema.ts";
import {
  organisationFormWith,
  setUpOrganisationTests,
  type OrganisationFormOverrides,
  type OrganisationTestSetUp,
} from "./organisations.test-support.ts";
import { auditEntries } from "../../../tests/support/audit-entries.ts";

/**
 * The organisation commands as a test file calls them: with its form (and the test's overrides), its request id in
 * the audit records, and the coordinator of its set-up unless another actor is named.
 */
export function organisationCommandsOf(
  { handle, coordinator }: OrganisationTestSetUp,
  form: (overrides?: OrganisationFormOverrides) => OrganisationFormInput,
  requestId: string,
) {
  const audit = (actor: Actor) => ({ actor, requestId });
  return {
    audit,
    /** Creates the form's organisation, with `overrides`, as the coordinator. */
    createAsCoordinator: (overrides?: OrganisationFormOverrides) =>
      createOrganisation(handle.db, audit(coordinator()), form(overrides)),
    /** Saves the form, with `overrides`, over organisation `id` at `version`, as `actor`. */
    updateAs: (actor: Actor, id: number, overrides: OrganisationFormOverrides, version: number) =>
      updateOrganisation(handle.db, audit(actor), id, { ...form(overrides), version }),
    /** The audit records of organisation `id`, oldest first. */
    auditOf: (id: number) => auditEntries(handle.db, { subject_type: "organisation", subject_id: id }),
  };
}

/**
 * The set-up of a file testing the organisation commands: its database and coordinator (`setUpOrganisationTests`), its
 * form (`defaults`, with each test's overrides) and the commands called with that form under `requestId`.
 */
export function setUpOrganisationCommandTests(requestId: string, defaults: OrganisationFormOverrides) {
  const setUp = setUpOrganisationTests();
  const form = organisationFormWith(defaults);
  return { ...setUp, form, ...organisationCommandsOf(setUp, form, requestId) };
}
