import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { seedDemoContent } from "#app/modules.server.ts";
import { createTestDatabase } from "../../../../tests/support/test-database.ts";
import { createTestUser, organisationIdBySlug } from "../../../../tests/support/workspace-actors.ts";
import { EVENT } from "../events/events.commands.server.ts";
import { EventFormSchema } from "../events/events.schema.ts";
import { NEWS_ITEM } from "../news/news.commands.server.ts";
import { NewsFormSchema } from "../news/news.schema.ts";
import { OPPORTUNITY } from "../opportunities/opportunities.commands.server.ts";
import { OpportunityFormSchema } from "../opportunities/opportunities.schema.ts";
import { SERVICE } from "../services/services.commands.server.ts";
import { ServiceFormSchema } from "../services/services.schema.ts";
import {
  createPublishable,
  setPublishableStatus,
  updatePublishable,
  type PublishableInput,
  type PublishableKind,
  type PublishableTable,
} from "./publishable.server.ts";
import { auditActions } from "../../../../tests/support/audit-entries.ts";

/*
 * The shared core of publishable items (decision 048), through every kind that declares itself to
 * it: one life cycle — a member writes a draft for their organisation, others may not touch it, a
 * stale version is refused, publishing puts it in the search index and unpublishing takes it out —
 * with an audit record named after the kind at each step.
 */

let handle: DatabaseHandle;
let organisationId: number;
let otherOrganisationId: number;
beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemoContent(handle.db, { story: false });
  const ids = async (slug: string) => await organisationIdBySlug(handle.db, slug);
  organisationId = await ids("balkan-sunflowers-kosova");
  otherOrganisationId = await ids("ministry-of-labour-and-social-welfare");
});
afterAll(async () => {
  await handle.close();
});

/** A form as a person fills it in: an Albanian title with Cyrillic and markup in it, and what each kind requires. */
let written = 0;
function form(extra: Record<string, string>): Record<string, string> {
  written += 1;
  return {
    originalLocale: "sq",
    title_sq: `Shërbim <script>alert(1)</script> Тест ${written}`,
    summary_sq: "Përmbledhje e shkurtër.",
    organisationId: String(organisationId),
    ...extra,
  };
}

/** The life cycle of one item of a kind, checked step by step. */
async function lifecycle<T extends PublishableTable, Input extends PublishableInput>(
  kind: PublishableKind<T, Input>,
  input: () => Input,
  path: string,
): Promise<void> {
  const member = await createTestUser(handle.db, [{ role: "cso_member", organisationId }]);
  const outsider = await createTestUser(handle.db, [{ role: "focal_point", organisationId: otherOrganisationId }]);
  const audit = { actor: member, requestId: "core-test" };

  const created = await createPublishable(kind, handle.db, audit, input());
  if (!created.ok) throw new Error(JSON.stringify(created));
  const row = await handle.db
    .selectFrom(kind.table as "service")
    .select(["status", "slug", "version", "organisation_id"])
    .where("id", "=", created.id)
    .executeTakeFirstOrThrow();
  expect(row).toMatchObject({ status: "draft", slug: created.slug, organisation_id: organisationId });
  const indexed = () =>
    handle.db.selectFrom("search_entry").select("path").where("path", "=", `${path}${created.slug}`).execute();
  expect(await indexed()).toEqual([]);

  expect(await createPublishable(kind, handle.db, { actor: outsider, requestId: "t" }, input())).toMatchObject({
    ok: false,
    status: 403,
  });
  expect(
    await setPublishableStatus(kind, handle.db, { actor: outsider, requestId: "t" }, created.id, "published"),
  ).toMatchObject({ ok: false, status: 403 });
  expect(
    await updatePublishable(kind, handle.db, audit, created.id, { ...input(), version: row.version + 1 }),
  ).toMatchObject({ ok: false, status: 409 });
  expect(await setPublishableStatus(kind, handle.db, audit, created.id + 1_000_000, "published")).toMatchObject({
    ok: false,
    status: 404,
  });

  expect(await setPublishableStatus(kind, handle.db, audit, created.id, "published")).toMatchObject({
    ok: true,
    id: created.id,
  });
  expect(await indexed()).toEqual([{ path: `${path}${created.slug}` }]);
  expect(await setPublishableStatus(kind, handle.db, audit, created.id, "draft")).toMatchObject({ ok: true });
  expect(await indexed()).toEqual([]);

  expect(await auditActions(handle.db, { subject_type: kind.table, subject_id: created.id })).toEqual([
    `${kind.auditName}.create`,
    `${kind.auditName}.publish`,
    `${kind.auditName}.unpublish`,
  ]);
}

describe("every kind through the shared core: written as a draft by a member, guarded from others and stale versions, in the search index while published, audited", () => {
  it("news", () => lifecycle(NEWS_ITEM, () => NewsFormSchema.parse(form({ body_sq: "# Titull\n\nTekst." })), "news/"));
  it("events", () =>
    lifecycle(
      EVENT,
      () => EventFormSchema.parse(form({ kind: "training", startsAt: "2027-03-12T10:00", kasCode: "20" })),
      "events/",
    ));
  it("services", () =>
    lifecycle(
      SERVICE,
      () => ServiceFormSchema.parse(form({ address: "Rruga e Shadërvanit 1", kasCode: "20" })),
      "services/",
    ));
  it("opportunities", () =>
    lifecycle(
      OPPORTUNITY,
      () => OpportunityFormSchema.parse(form({ kind: "grant", deadline: "2027-06-30" })),
      "opportunities/",
    ));
});
