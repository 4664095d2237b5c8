import { describe, expect, it } from "vitest";
import { withQueryStats } from "#app/db/query-stats.server.ts";
import { taskProviders } from "#app/modules.server.ts";
import { INVITATION_PURPOSE } from "#app/modules/identity/identity.tasks.server.ts";
import { setUpTestDatabase } from "../../../tests/support/test-database.ts";
import { createTestUser, municipalityOfficeId, workspaceContext } from "../../../tests/support/workspace-actors.ts";
import * as dashboard from "./routes/dashboard.tsx";
import { loadWorkspaceTasks, type TaskProvider } from "./workspace-tasks.server.ts";
import { callRoute } from "../../../tests/support/route-call.ts";

const handle = setUpTestDatabase();

async function addInvitations(count: number): Promise<void> {
  await handle.db
    .insertInto("auth_token")
    .values(
      Array.from({ length: count }, (_, i) => ({
        id: `invitation-${Date.now()}-${i}-${Math.random()}`,
        purpose: INVITATION_PURPOSE,
        email: `invitee${i}@example.org`,
        expires_at: new Date(Date.now() + 86_400_000),
      })),
    )
    .execute();
}

describe("my tasks", () => {
  it("asks a new coordinator to confirm the e-mail address and set up two-factor authentication", async () => {
    const coordinator = await createTestUser(handle.db, [{ role: "coordinator" }], {
      emailVerified: false,
      twoFactor: false,
    });
    const tasks = await loadWorkspaceTasks(handle.db, coordinator, await taskProviders());
    expect(tasks.map((t) => t.key)).toEqual(["identity.setUpTwoFactor", "identity.verifyEmail"]);
    expect(tasks[1]).toMatchObject({
      titleKey: "workspace:tasks.verifyEmail",
      params: { email: coordinator.email },
      path: "workspace/profile",
    });
  });

  it("gives a verified CSO member nothing to do (two-factor is not required for the role)", async () => {
    const member = await createTestUser(handle.db, [{ role: "cso_member", organisationId: 1 }]);
    expect(await loadWorkspaceTasks(handle.db, member, await taskProviders())).toEqual([]);
  });

  it("tells administrators how many invitations wait, in a constant number of queries", async () => {
    const admin = await createTestUser(handle.db, [{ role: "platform_admin" }], { twoFactor: true });
    const providers = await taskProviders();
    await addInvitations(2);
    const first = await withQueryStats(() => loadWorkspaceTasks(handle.db, admin, providers));
    expect(first.result).toEqual([
      {
        key: "identity.pendingInvitations",
        titleKey: "workspace:tasks.pendingInvitations",
        params: { count: 2 },
        path: "workspace/users",
        severity: "info",
      },
    ]);
    await addInvitations(200);
    const second = await withQueryStats(() => loadWorkspaceTasks(handle.db, admin, providers));
    expect(second.result[0]?.params).toEqual({ count: 202 });
    expect(second.stats.queries).toBe(first.stats.queries);
  });

  it("merges providers, most pressing first, then by due date", async () => {
    const actor = await createTestUser(handle.db, [{ role: "donor", organisationId: 1 }]);
    const later: TaskProvider = async () => [
      {
        key: "b.later",
        titleKey: "workspace:dashboard.tasksHeading",
        path: "workspace",
        severity: "warning",
        dueDate: "2030-01-02",
      },
      { key: "b.info", titleKey: "workspace:dashboard.tasksHeading", path: "workspace", severity: "info" },
    ];
    const sooner: TaskProvider = async () => [
      {
        key: "a.sooner",
        titleKey: "workspace:dashboard.tasksHeading",
        path: "workspace",
        severity: "warning",
        dueDate: "2030-01-01",
      },
      { key: "a.urgent", titleKey: "workspace:dashboard.tasksHeading", path: "workspace", severity: "urgent" },
    ];
    expect((await loadWorkspaceTasks(handle.db, actor, [later, sooner])).map((t) => t.key)).toEqual([
      "a.urgent",
      "a.sooner",
      "b.later",
      "b.info",
    ]);
  });
});

/** The workspace dashboard's loader answer in `lang`, for `actor` (null: the public). */
function loadDashboard(lang: string, actor: Parameters<typeof workspaceContext>[1]) {
  return callRoute(
    dashboard.loader,
    new Request(`http://localhost/${lang}/workspace`),
    { lang },
    workspaceContext(handle.db, actor),
  );
}

describe("the dashboard", () => {
  it("shows my roles with the organisations named in my language", async () => {
    const office = await municipalityOfficeId(handle.db, "20");
    const officer = await createTestUser(handle.db, [
      { role: "municipal_officer", organisationId: office, kasCode: "20" },
    ]);
    const page = await loadDashboard("sr", officer);
    expect(page.data).toMatchObject({
      roles: [
        {
          role: "municipal_officer",
          organisationId: office,
          scope: "Opštinska kancelarija za zajednice i povratak – Prizren (MOCR)",
          canEditOrganisation: true,
        },
      ],
      tasks: [],
    });
  });

  it("sends the public to sign in", async () => {
    const page = await loadDashboard("en", null);
    expect(page).toMatchObject({ status: 302, location: "/en/sign-in?returnTo=%2Fen%2Fworkspace" });
  });
});
