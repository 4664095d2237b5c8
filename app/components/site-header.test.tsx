import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { createRoutesStub, Outlet } from "react-router";
import { describe, expect, it } from "vitest";
import { serverResources } from "#app/i18n/catalogs.server.ts";
import { createI18n } from "#app/i18n/i18n.ts";
import { ANONYMOUS, type Actor } from "#app/services/authorization.ts";
import { loader as rootLoader } from "../root.tsx";
import { SiteHeader } from "./site-header.tsx";
import { signedInActor } from "../../tests/support/signed-in-actor.ts";

type SignedIn = Extract<Actor, { kind: "user" }>;

const administrator = signedInActor([{ role: "platform_admin", organisationId: null, kasCode: null }], {
  userId: "00000000-0000-4000-8000-0000000000a1",
  name: "Drita Berisha",
  email: "drita@example.org",
  twoFactorVerified: false,
});

/** The header as the server renders it, with what the real root loader returns for this request's context. */
function header(context: {
  actor: Actor;
  session: { sessionId: string; actor: SignedIn; preferredLocale: string; hasTwoFactor: boolean } | null;
}): string {
  const rootData = rootLoader({ context: { ...context, csrfToken: "token" } } as unknown as Parameters<
    typeof rootLoader
  >[0]);
  const Stub = createRoutesStub([
    {
      id: "root",
      path: "/",
      Component: () => <Outlet />,
      children: [{ id: "page", path: ":lang/sign-in/two-factor", Component: () => <SiteHeader locale="en" /> }],
    },
  ]);
  return renderToString(
    <I18nextProvider i18n={createI18n("en", serverResources("en"))}>
      <Stub
        initialEntries={["/en/sign-in/two-factor"]}
        hydrationData={{ loaderData: { root: rootData, page: null } }}
      />
    </I18nextProvider>,
  );
}

const session = (actor: SignedIn, hasTwoFactor: boolean) => ({
  sessionId: "s1",
  actor,
  preferredLocale: "en",
  hasTwoFactor,
});

describe("the header while signing in", () => {
  it("on the two-factor step (password given, code not yet) offers neither the workspace nor signing out", () => {
    const html = header({ actor: administrator, session: session(administrator, true) });
    expect(html).not.toContain(">Workspace<");
    expect(html).not.toContain("Sign out");
    expect(html).not.toContain("/en/sign-out");
    expect(html).toContain(">Sign in<");
  });

  it("once the code is accepted shows the workspace and signing out", () => {
    const verified = { ...administrator, twoFactorVerified: true };
    const html = header({ actor: verified, session: session(verified, true) });
    expect(html).toContain(">Workspace<");
    expect(html).toContain("Sign out");
  });

  it("for an account without two-factor authentication, signed in with the password alone, shows them too", () => {
    const html = header({ actor: administrator, session: session(administrator, false) });
    expect(html).toContain(">Workspace<");
    expect(html).toContain("Sign out");
  });

  it("for a visitor shows only signing in", () => {
    const html = header({ actor: ANONYMOUS, session: null });
    expect(html).not.toContain("Sign out");
    expect(html).toContain(">Sign in<");
  });
});
