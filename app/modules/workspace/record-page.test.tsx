import type { ComponentType } from "react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { recordAudit } from "#app/services/audit.server.ts";
import type { Actor } from "#app/services/authorization.ts";
import { idSchema } from "#app/services/ids.ts";
import { renderRoute } from "../../../tests/support/render-route.tsx";
import { createTestDatabase } from "../../../tests/support/test-database.ts";
import { createTestUser, formRequest, outcome, workspaceContext } from "../../../tests/support/workspace-actors.ts";
import { RecordPageFrame } from "./components/record-page.tsx";
import { activeStatusIntents, openRecordPage, recordAction, recordIntent, recordPage } from "./record-page.server.ts";

type SignedIn = Extract<Actor, { kind: "user" }>;

const forbidden = () => {
  throw new Response(null, { status: 403 });
};
const everyone = () => undefined;

let handle: DatabaseHandle;
let member: SignedIn;
let coordinator: SignedIn;
beforeAll(async () => {
  handle = await createTestDatabase();
  member = await createTestUser(handle.db, []);
  coordinator = await createTestUser(handle.db, [{ role: "coordinator" }], { twoFactor: true });
});
afterAll(() => handle.close());

/** A page over a record of its own (records 1 and 2 exist), open and changed by whoever the checks let through. */
function pageOf(authorize: (actor: Actor, id: number) => void = everyone, authorizeChange = everyone) {
  const read: number[] = [];
  const page = recordPage({
    path: "things",
    idSchema: idSchema(),
    read: async (_db, id) => (read.push(id), id <= 2 ? { id, name: `Thing ${id}` } : null),
    authorize,
    authorizeChange,
    subjectType: "thing",
    notices: ["saved", "removed"],
  });
  return { page, read };
}

function open(page: ReturnType<typeof pageOf>["page"], path: string, actor: SignedIn = member) {
  const id = /\/things\/([^/?]*)/.exec(path)?.[1] ?? "";
  return outcome(
    openRecordPage(
      {
        request: new Request(`http://localhost${path}`),
        params: { lang: "en", id },
        context: workspaceContext(handle.db, actor),
      },
      page,
      async (_db, locale, record) => ({ locale, name: record.name }),
    ),
  );
}

describe("openRecordPage", () => {
  it("answers 404 for a malformed id without reading, and for a record that does not exist", async () => {
    const { page, read } = pageOf();
    expect((await open(page, "/en/workspace/things/abc")).status).toBe(404);
    expect(read).toEqual([]);
    expect((await open(page, "/en/workspace/things/3")).status).toBe(404);
    expect(read).toEqual([3]);
  });

  it("reads the record before the permission, so a missing record answers 404 even to one who may not open it", async () => {
    const { page } = pageOf(forbidden);
    expect((await open(page, "/en/workspace/things/3")).status).toBe(404);
    expect((await open(page, "/en/workspace/things/1")).status).toBe(403);
  });

  it("gives the record, what the page reads besides, and only a notice the page knows", async () => {
    const { page } = pageOf();
    const known = await open(page, "/en/workspace/things/1?saved=removed");
    expect(known.data).toMatchObject({
      locale: "en",
      id: 1,
      record: { id: 1, name: "Thing 1" },
      extra: { locale: "en", name: "Thing 1" },
      history: null,
      saved: "removed",
    });
    expect((await open(page, "/en/workspace/things/1?saved=created")).data).toMatchObject({ saved: null });
    expect((await open(page, "/en/workspace/things/1")).data).toMatchObject({ saved: null });
  });

  it("gives readers of the audit log the record's last ten entries, and others none", async () => {
    const { page } = pageOf();
    for (let n = 0; n < 11; n += 1)
      await recordAudit(
        handle.db,
        { actor: coordinator, requestId: null },
        {
          action: "thing.update",
          subjectType: "thing",
          subjectId: 2,
          after: { n },
        },
      );
    const seen = (await open(page, "/en/workspace/things/2", coordinator)).data as {
      history: { entries: unknown[]; hasMore: boolean };
    };
    expect(seen.history.entries).toHaveLength(10);
    expect(seen.history.hasMore).toBe(true);
    expect((await open(page, "/en/workspace/things/2", member)).data).toMatchObject({ history: null });
  });
});

const NameSchema = z.object({ name: z.string().min(1, "core:form.invalid") });
const VersionSchema = z.object({ version: idSchema() });

type Call = { id: number; input: unknown };

/** The page's action with a `rename` intent and the status intents, over commands that record their calls. */
function actionOf(outcomes: { rename?: unknown; setActive?: unknown } = {}, allow = everyone) {
  const calls: Call[] = [];
  const answer = async (id: number, input: unknown, result: unknown) => (
    calls.push({ id, input }),
    result ?? { ok: true as const }
  );
  const post = (form: Record<string, string>, actor: SignedIn = member, id = "1") =>
    outcome(
      recordAction(
        {
          request: formRequest(`/en/workspace/things/${id}`, form),
          params: { lang: "en", id },
          context: workspaceContext(handle.db, actor),
        },
        pageOf(everyone, allow).page,
        {
          rename: recordIntent(
            NameSchema,
            (_db, _audit, thing: number, input) =>
              answer(thing, input, outcomes.rename) as Promise<
                { ok: true } | { ok: false; status: 409; errors: Record<string, string>; currentVersion?: number }
              >,
            "saved#names",
            {
              refusedValues: (failure, submitted) =>
                failure.currentVersion ? { ...submitted, version: String(failure.currentVersion) } : submitted,
            },
          ),
          archive: recordIntent(
            VersionSchema,
            (_db, _audit, thing: number, input) => answer(thing, input, null) as Promise<{ ok: true }>,
            "removed",
            {
              allow: forbidden,
            },
          ),
          ...activeStatusIntents(
            VersionSchema,
            (_db, _audit, thing: number, input) => answer(thing, input, outcomes.setActive) as Promise<{ ok: true }>,
          ),
        },
      ),
    );
  return { post, calls };
}

describe("recordAction and recordIntent", () => {
  it("refuses an intent the page does not have (400), also one named like an object's own property", async () => {
    const { post, calls } = actionOf();
    for (const intent of ["drop", "constructor", "toString", ""]) {
      const answer = await post({ intent, name: "x" });
      expect(answer).toMatchObject({ status: 400, data: { intent, errors: { form: "core:form.invalid" } } });
      expect((answer.data as { values: Record<string, string> }).values).toMatchObject({ name: "x" });
    }
    expect(calls).toEqual([]);
  });

  it("answers 404 for a malformed id before anything else", async () => {
    const { post, calls } = actionOf();
    expect((await post({ intent: "rename", name: "x" }, member, "abc")).status).toBe(404);
    expect(calls).toEqual([]);
  });

  it("refuses a form the schema refuses with 400, its errors and values, without running the command", async () => {
    const { post, calls } = actionOf();
    expect(await post({ intent: "rename", name: "" })).toMatchObject({
      status: 400,
      data: { intent: "rename", errors: { name: "core:form.invalid" }, values: { intent: "rename", name: "" } },
    });
    expect(calls).toEqual([]);
  });

  it("checks an intent's own permission where it asks for more than the page's", async () => {
    const { post, calls } = actionOf();
    expect((await post({ intent: "archive", version: "1" })).status).toBe(403);
    expect((await post({ intent: "rename", name: "New" })).status).toBe(302);
    expect(calls).toEqual([{ id: 1, input: { name: "New" } }]);
  });

  it("checks the actor first: a form from one who may not post it answers 403, valid or not", async () => {
    const { post, calls } = actionOf({}, forbidden);
    expect((await post({ intent: "rename", name: "" })).status).toBe(403);
    expect((await post({ intent: "rename", name: "New" })).status).toBe(403);
    expect((await post({ intent: "deactivate", version: "1" })).status).toBe(403);
    expect(calls).toEqual([]);
  });

  it("answers the command's failure with its status and errors, and the values the intent makes of the submitted", async () => {
    const { post, calls } = actionOf({
      rename: { ok: false, status: 409, errors: { form: "core:form.invalid" }, currentVersion: 4 },
    });
    expect(await post({ intent: "rename", name: "New", version: "3" })).toMatchObject({
      status: 409,
      data: { intent: "rename", errors: { form: "core:form.invalid" }, values: { name: "New", version: "4" } },
    });
    expect(calls).toEqual([{ id: 1, input: { name: "New" } }]);
  });

  it("runs the command on the record with the parsed form and comes back to the page with the notice", async () => {
    const { post, calls } = actionOf();
    expect(await post({ intent: "rename", name: "New" }, member, "2")).toMatchObject({
      status: 302,
      location: "/en/workspace/things/2?saved=saved#names",
    });
    expect(calls).toEqual([{ id: 2, input: { name: "New" } }]);
  });
});

describe("activeStatusIntents", () => {
  it("deactivates and reactivates with the posted version, and says which", async () => {
    const { post, calls } = actionOf();
    expect(await post({ intent: "deactivate", version: "3" })).toMatchObject({
      status: 302,
      location: "/en/workspace/things/1?saved=deactivated",
    });
    expect(await post({ intent: "reactivate", version: "4" })).toMatchObject({
      status: 302,
      location: "/en/workspace/things/1?saved=reactivated",
    });
    expect(calls).toEqual([
      { id: 1, input: { version: 3, isActive: false } },
      { id: 1, input: { version: 4, isActive: true } },
    ]);
  });

  it("refuses a form without a valid version as a whole, and answers the command's failure", async () => {
    const { post, calls } = actionOf({ setActive: { ok: false, status: 409, errors: { form: "core:form.invalid" } } });
    expect(await post({ intent: "deactivate", version: "x" })).toMatchObject({
      status: 400,
      data: { intent: "deactivate", errors: { form: "core:form.invalid" } },
    });
    expect(calls).toEqual([]);
    expect(await post({ intent: "reactivate", version: "2" })).toMatchObject({
      status: 409,
      data: { intent: "reactivate", errors: { form: "core:form.invalid" } },
    });
  });
});

describe("RecordPageFrame", () => {
  const entries = [
    {
      id: 5,
      occurredAt: "2026-12-06T08:00:00.000Z",
      actorUserId: null,
      actorLabel: "Admin <admin@test.example.org>",
      organisationId: null,
      action: "user.role.add",
      subjectType: "user",
      subjectId: "u-1",
      changes: [],
      requestId: null,
    },
  ];
  function render(props: Partial<Parameters<typeof RecordPageFrame>[0]> = {}) {
    const Page = () => (
      <RecordPageFrame
        texts={{ namespace: "workspace", prefix: "users" }}
        title="Besa Gashi"
        listPath="/en/workspace/users"
        head={<h1>Besa Gashi</h1>}
        saved="roleAdded"
        errors={{}}
        fieldIds={{ form: "role" }}
        status={{ headingId: "account-status-heading", isActive: true, version: 3 }}
        history={{ entries, hasMore: false, subjectType: "user", subjectId: "u-1" }}
        {...props}
      >
        <section id="roles">Roles</section>
      </RecordPageFrame>
    );
    return renderRoute("en", "/en/workspace/users/u-1", "/en/workspace/users/:id", Page as ComponentType, {});
  }

  it("renders the frame in the page's words, around the page's own sections", () => {
    const html = render();
    expect(html).toContain("<title>Besa Gashi");
    expect(html).toContain(
      '<p class="mb-2 text-sm"><a href="/en/workspace/users" data-discover="true">Back to the users</a></p>',
    );
    expect(html).toContain('<div class="mb-6"><h1>Besa Gashi</h1></div>');
    expect(html).toContain(
      '<div role="status" class="mb-6 rounded border-s-4 border-emerald-700 bg-emerald-50 p-4 font-semibold text-emerald-900">',
    );
    expect(html).toContain('<h2 id="account-status-heading" class="mb-2">Account</h2>');
    expect(html).toContain('<input type="hidden" name="intent" value="deactivate"/>');
    expect(html).toContain('<input type="hidden" name="version" value="3"/>');
    expect(html).toContain('id="record-history-user-u-1"');
    const order = [
      "<title>",
      "Back to the users",
      "<h1>",
      'role="status"',
      'id="roles"',
      "account-status-heading",
      "record-history",
    ];
    const places = order.map((text) => html.indexOf(text));
    expect(places.every((place) => place >= 0)).toBe(true);
    expect(places).toEqual([...places].sort((a, b) => a - b));
  });

  it("leaves out the notice beside errors, and what the reader may not see or do", () => {
    const html = render({ errors: { form: "Someone else changed it." }, listPath: null, status: null, history: null });
    expect(html).toContain("<title>Error: Besa Gashi");
    expect(html).toContain('role="alert"');
    expect(html).toContain('<a href="#role"');
    for (const left of ['role="status"', "Back to the users", "account-status-heading", "record-history"])
      expect(html).not.toContain(left);
  });

  it("offers to reactivate an inactive record", () => {
    const html = render({ saved: null, status: { headingId: "s", isActive: false, version: 4 } });
    expect(html).toContain('<input type="hidden" name="intent" value="reactivate"/>');
    expect(html).not.toContain('role="status"');
  });
});
