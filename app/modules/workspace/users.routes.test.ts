import { beforeAll, describe, expect, it } from "vitest";
import { withQueryStats } from "#app/db/query-stats.server.ts";
import type { Actor } from "#app/services/authorization.ts";
import { routeHarness, type RouteHarness } from "../../../tests/support/route-harness.ts";
import { setUpTestDatabase } from "../../../tests/support/test-database.ts";
import { createTestUser, municipalityOfficeId, organisationIdBySlug } from "../../../tests/support/workspace-actors.ts";
import * as detail from "./routes/users-detail.tsx";
import * as index from "./routes/users-index.tsx";
import { auditEntries } from "../../../tests/support/audit-entries.ts";

type SignedIn = Extract<Actor, { kind: "user" }>;

const handle = setUpTestDatabase();
let routes: RouteHarness;
let admin: SignedIn;
let ministryId: number;
let prizrenOfficeId: number;

beforeAll(async () => {
  routes = routeHarness(handle.db);
  admin = await createTestUser(handle.db, [{ role: "platform_admin" }], { twoFactor: true, name: "Admin One" });
  ministryId = await organisationIdBySlug(handle.db, "ministry-of-labour-and-social-welfare");
  prizrenOfficeId = await municipalityOfficeId(handle.db, "20");
});

function auditOf(userId: string) {
  return auditEntries(handle.db, { subject_type: "user", subject_id: userId });
}

describe("/workspace/users", () => {
  it("is for administrators only", async () => {
    expect((await routes.load(index.loader, { path: "/en/workspace/users", as: "coordinator" })).status).toBe(403);
    expect((await routes.load(index.loader, { path: "/en/workspace/users", as: null })).status).toBe(302);
  });

  it("lists users with their roles and organisations, filtered by role and organisation", async () => {
    const focal = await createTestUser(handle.db, [{ role: "focal_point", organisationId: ministryId }], {
      name: "Focal Filtered",
    });
    const page = (
      await routes.load(index.loader, {
        path: `/en/workspace/users?role=focal_point&organisation=${ministryId}`,
        as: admin,
      })
    ).data;
    expect(page.rows.map((r) => r.id)).toEqual([focal.userId]);
    expect(page.rows[0]?.grants).toEqual([
      {
        id: expect.any(Number),
        role: "focal_point",
        organisationId: ministryId,
        scope: "Ministry of Labour and Social Welfare (MLSW)",
      },
    ]);
    const byName = (await routes.load(index.loader, { path: "/en/workspace/users?q=filtered", as: admin })).data;
    expect(byName.rows.map((r) => r.name)).toEqual(["Focal Filtered"]);
  });

  it("keeps a constant number of queries as users grow", async () => {
    const count = async () =>
      (await withQueryStats(() => routes.load(index.loader, { path: "/en/workspace/users", as: admin }))).stats.queries;
    const before = await count();
    for (let i = 0; i < 30; i += 1)
      await createTestUser(handle.db, [
        { role: "cso_member", organisationId: ministryId },
        { role: "donor", organisationId: prizrenOfficeId },
      ]);
    expect(await count()).toBe(before);
  });
});

describe("/workspace/users/:id", () => {
  it("gives and removes roles, each audited, and a municipal officer lands in the municipality's office", async () => {
    const user = await createTestUser(handle.db, []);
    const path = `/en/workspace/users/${user.userId}`;
    const params = { lang: "en", id: user.userId };
    const missingScope = await routes.submit(detail.action, {
      path,
      form: { intent: "addRole", role: "focal_point", organisationId: "", kasCode: "" },
      params,
      as: admin,
    });
    expect(missingScope).toMatchObject({
      status: 400,
      data: {
        intent: "addRole",
        errors: { organisationId: "workspace:errors.organisationRequired" },
        values: { role: "focal_point" },
      },
    });
    const added = await routes.submit(detail.action, {
      path,
      form: { intent: "addRole", role: "municipal_officer", organisationId: "", kasCode: "20" },
      params,
      as: admin,
    });
    expect(added).toMatchObject({ status: 302, location: `${path}?saved=roleAdded` });
    const twice = await routes.submit(detail.action, {
      path,
      form: { intent: "addRole", role: "municipal_officer", organisationId: "", kasCode: "20" },
      params,
      as: admin,
    });
    expect(twice).toMatchObject({ status: 400, data: { errors: { role: "workspace:errors.roleAlreadyHeld" } } });
    const page = (await routes.load(detail.loader, { path, params, as: admin })).data;
    expect(page.grants).toEqual([
      {
        id: expect.any(Number),
        role: "municipal_officer",
        organisationId: prizrenOfficeId,
        scope: "Municipal Office for Communities and Returns – Prizren (MOCR)",
      },
    ]);
    const removed = await routes.submit(detail.action, {
      path,
      form: { intent: "removeRole", assignmentId: String(page.grants[0]?.id) },
      params,
      as: admin,
    });
    expect(removed.status).toBe(302);
    const entries = await auditOf(user.userId);
    expect(entries.map((e) => e.action)).toEqual(["user.role.add", "user.role.remove"]);
    expect(entries[0]).toMatchObject({
      actor_user_id: admin.userId,
      diff: {
        role: { before: null, after: { role: "municipal_officer", organisation_id: prizrenOfficeId, kas_code: "20" } },
      },
    });
  });

  it("deactivates a user, ending their sessions, and refuses a stale version", async () => {
    const user = await createTestUser(handle.db, [{ role: "donor", organisationId: ministryId }]);
    await handle.db
      .insertInto("user_session")
      .values({ id: `s-${user.userId}`, user_id: user.userId, expires_at: new Date(Date.now() + 3_600_000) })
      .execute();
    const path = `/en/workspace/users/${user.userId}`;
    const params = { lang: "en", id: user.userId };
    expect(
      (await routes.submit(detail.action, { path, form: { intent: "deactivate", version: "1" }, params, as: admin }))
        .status,
    ).toBe(302);
    expect(
      (await routes.submit(detail.action, { path, form: { intent: "reactivate", version: "1" }, params, as: admin }))
        .status,
    ).toBe(409);
    const row = await handle.db
      .selectFrom("app_user")
      .select(["is_active", "version"])
      .where("id", "=", user.userId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ is_active: false, version: 2 });
    expect(
      await handle.db.selectFrom("user_session").select("id").where("user_id", "=", user.userId).execute(),
    ).toEqual([]);
    expect((await auditOf(user.userId)).map((e) => e.action)).toEqual(["user.deactivate"]);
  });

  it("never lets administrators change themselves, nor remove the last administrator", async () => {
    const selfPath = `/en/workspace/users/${admin.userId}`;
    const selfParams = { lang: "en", id: admin.userId };
    const page = (await routes.load(detail.loader, { path: selfPath, params: selfParams, as: admin })).data;
    expect(page.canManage).toBe(false);
    expect(
      (
        await routes.submit(detail.action, {
          path: selfPath,
          form: { intent: "deactivate", version: "1" },
          params: selfParams,
          as: admin,
        })
      ).status,
    ).toBe(403);
    const other = await createTestUser(handle.db, [{ role: "platform_admin" }], { twoFactor: true });
    const otherPage = (await routes.load(detail.loader, { path: selfPath, params: selfParams, as: other })).data;
    // Two administrators: one may remove the other's role; then the remaining one is the last.
    const removed = await routes.submit(detail.action, {
      path: selfPath,
      form: { intent: "removeRole", assignmentId: String(otherPage.grants[0]?.id) },
      params: selfParams,
      as: other,
    });
    expect(removed.status).toBe(302);
    const last = (
      await routes.load(detail.loader, {
        path: `/en/workspace/users/${other.userId}`,
        params: { lang: "en", id: other.userId },
        as: admin,
      })
    ).data;
    const refused = await routes.submit(detail.action, {
      path: `/en/workspace/users/${other.userId}`,
      form: { intent: "removeRole", assignmentId: String(last.grants[0]?.id) },
      params: { lang: "en", id: other.userId },
      as: admin,
    });
    // `admin` still acts with the role it had when its request began (a race): the command itself
    // sees that `other` is now the only active administrator and refuses.
    expect(refused).toMatchObject({ status: 400, data: { errors: { form: "workspace:errors.lastAdministrator" } } });
    expect(
      await handle.db
        .selectFrom("role_assignment")
        .select("id")
        .where("user_id", "=", other.userId)
        .where("role", "=", "platform_admin")
        .execute(),
    ).toHaveLength(1);
  });

  it("answers 404 for an unknown or malformed id", async () => {
    expect(
      (
        await routes.load(detail.loader, {
          path: "/en/workspace/users/nope",
          params: { lang: "en", id: "nope" },
          as: admin,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await routes.load(detail.loader, {
          path: `/en/workspace/users/${crypto.randomUUID()}`,
          params: { lang: "en", id: crypto.randomUUID() },
          as: admin,
        })
      ).status,
    ).toBe(404);
  });
});
