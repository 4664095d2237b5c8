import { expect, it } from "vitest";
import type { Policy } from "#app/services/authorization.ts";
import { PERSONAS, type Persona } from "./policy-table.ts";

/**
 * The test that a module's policy refuses an action it does not know (`action`, asked by `persona`): it throws
 * rather than answer, so a misspelt action can never be allowed.
 */
export function itRefusesAnUnknownAction<Subjects extends Record<string, unknown>>(
  policy: Policy<Subjects>,
  action: string,
  persona: Persona = "platform_admin",
): void {
  it("refuses an unknown action", () => {
    expect(() => policy.can(PERSONAS[persona], action as never, null as never)).toThrow(/Unknown action/);
  });
}
