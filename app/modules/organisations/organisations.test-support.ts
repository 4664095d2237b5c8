import { beforeAll } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import type { Actor } from "#app/services/authorization.ts";
import { setUpTestDatabase } from "../../../tests/support/test-database.ts";
import { createTestUser } from "../../../tests/support/workspace-actors.ts";
import type { OrganisationFormInput } from "./organisations.schema.ts";

/** Form values as a test writes them: any field, any value (the commands get what the schema would let through). */
export type OrganisationFormOverrides = Partial<Record<keyof OrganisationFormInput, unknown>>;

/** The organisation tests' database and the coordinator who writes in them (read both in hooks and tests). */
export interface OrganisationTestSetUp {
  handle: DatabaseHandle;
  coordinator: () => Extract<Actor, { kind: "user" }>;
}

/** Opens a fresh database for the file's tests with a coordinator in it, before them; closes it after them. */
export function setUpOrganisationTests(): OrganisationTestSetUp {
  const handle = setUpTestDatabase();
  let coordinator: Extract<Actor, { kind: "user" }> | undefined;
  beforeAll(async () => {
    coordinator = await createTestUser(handle.db, [{ role: "coordinator" }]);
  });
  return {
    handle,
    coordinator: () => {
      if (!coordinator) throw new Error("the coordinator is created in beforeAll: read it in a hook or a test");
      return coordinator;
    },
  };
}

/** The organisation form of a test: `defaults` with the test's `overrides`. */
export function organisationFormWith(
  defaults: OrganisationFormOverrides,
): (overrides?: OrganisationFormOverrides) => OrganisationFormInput {
  return (overrides = {}) => ({ ...defaults, ...overrides }) as OrganisationFormInput;
}
