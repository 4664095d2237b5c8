import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { setUpTestDatabase } from "../../../tests/support/test-database.ts";
import { createTestUser } from "../../../tests/support/workspace-actors.ts";
import { actorOfJobStarter } from "./user-administration.queries.server.ts";

const handle = setUpTestDatabase();

describe("actorOfJobStarter (the user a background import runs as)", () => {
  it("is the user with their roles as they are now, two-factor counted as verified", async () => {
    const user = await createTestUser(handle.db, [
      { role: "coordinator" },
      { role: "municipal_officer", kasCode: "20" },
    ]);
    const actor = await actorOfJobStarter(handle.db, user.userId);
    expect(actor).toEqual({
      kind: "user",
      userId: user.userId,
      name: user.name,
      email: user.email,
      twoFactorVerified: true,
      grants: expect.arrayContaining([
        { role: "coordinator", organisationId: null, kasCode: null },
        { role: "municipal_officer", organisationId: null, kasCode: "20" },
      ]),
    });
    expect(actor?.kind === "user" ? actor.grants : []).toHaveLength(2);
  });

  it("is null for a deactivated user and for one that does not exist", async () => {
    const user = await createTestUser(handle.db, [{ role: "coordinator" }]);
    await handle.db.updateTable("app_user").set({ is_active: false }).where("id", "=", user.userId).execute();
    expect(await actorOfJobStarter(handle.db, user.userId)).toBeNull();
    expect(await actorOfJobStarter(handle.db, randomUUID())).toBeNull();
  });
});
