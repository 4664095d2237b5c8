import type { Db } from "#app/db/client.server.ts";
import type { Actor } from "#app/services/authorization.ts";

/**
 * The signed-in coordinator a benchmark's commands run as (imports, plans), written as a user with this id and
 * e-mail address unless it exists already.
 */
export async function benchCoordinator(
  db: Db,
  userId: string,
  email: string,
): Promise<Extract<Actor, { kind: "user" }>> {
  const coordinator = {
    kind: "user" as const,
    userId,
    name: "Bench",
    email,
    twoFactorVerified: true,
    grants: [{ role: "coordinator" as const, organisationId: null, kasCode: null }],
  };
  await db
    .insertInto("app_user")
    .values({ id: userId, email, name: coordinator.name, email_verified_at: new Date() })
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
  return coordinator;
}
