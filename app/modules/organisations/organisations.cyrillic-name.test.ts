import { describe, expect, it } from "vitest";
import { loader as directoryDetailLoader } from "#app/modules/clearing-house/directory/routes/directory-detail.tsx";
import { loader as directoryIndexLoader } from "#app/modules/clearing-house/directory/routes/directory-index.tsx";
import { serviceCommands } from "#app/modules/clearing-house/services/services.commands.server.ts";
import { ServiceFormSchema } from "#app/modules/clearing-house/services/services.schema.ts";
import { loader as serviceDetailLoader } from "#app/modules/clearing-house/services/routes/services-detail.tsx";
import { getOrganisation } from "./organisations.queries.server.ts";
import { setUpOrganisationCommandTests } from "./organisations.test-fixtures.ts";
import { countRows } from "../../../tests/support/row-count.ts";
import { auditEntry } from "../../../tests/support/audit-entries.ts";

/*
 * Issue 15 item 1: organisations and services carry their own Serbian Cyrillic name, editable in
 * their forms, validated as Serbian Cyrillic, audited, and shown to sr-cyrl readers instead of the
 * transliteration of the Serbian Latin name (decision 037).
 */

const setUp = setUpOrganisationCommandTests("req-cyrillic", {
  nameSq: "Qendra Arsimore e Kosovës",
  nameSr: "Kosovski centar za obrazovanje",
  nameEn: "Kosovo Education Centre",
  typeCode: "cso",
  kasCode: "",
  sectors: [],
  communities: [],
});
const { handle, coordinator, audit, createAsCoordinator, updateAs, auditOf } = setUp;

type LoaderArgs = { params: Record<string, string>; context: unknown; request: Request };
function args(path: string, params: Record<string, string | undefined>): LoaderArgs {
  return {
    request: new Request(`http://localhost${path}`),
    params: params as Record<string, string>,
    context: { db: handle.db },
  };
}

describe("an organisation's own Cyrillic name", () => {
  it("is stored, audited, and shown to sr-cyrl readers instead of the transliteration", async () => {
    const created = await createAsCoordinator({ nameSrCyrl: "  Косовски едукативни центар " });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect((await getOrganisation(handle.db, created.id))?.nameSrCyrl).toBe("Косовски едукативни центар");
    const entries = await auditOf(created.id);
    expect(entries[0]?.diff.name_sr_cyrl).toEqual({ before: null, after: "Косовски едукативни центар" });

    const cyrillic = await directoryDetailLoader(
      args(`/sr-cyrl/organizations/${created.slug}`, { lang: "sr-cyrl", slug: created.slug }) as never,
    );
    expect(cyrillic.name).toMatchObject({ text: "Косовски едукативни центар", lang: "sr-Cyrl", isFallback: false });
    const latin = await directoryDetailLoader(
      args(`/sr/organizations/${created.slug}`, { lang: "sr", slug: created.slug }) as never,
    );
    expect(latin.name?.text).toBe("Kosovski centar za obrazovanje");
    const list = await directoryIndexLoader(args("/sr-cyrl/organizations?type=cso", { lang: "sr-cyrl" }) as never);
    expect(list.items.map((o: { name: { text: string } | null }) => o.name?.text)).toContain(
      "Косовски едукативни центар",
    );
  });

  it("without one, sr-cyrl readers get the transliterated Serbian name", async () => {
    const created = await createAsCoordinator({
      nameEn: "Second Education Centre",
      nameSr: "Drugi centar za obrazovanje",
    });
    if (!created.ok) throw new Error("not created");
    const cyrillic = await directoryDetailLoader(
      args(`/sr-cyrl/organizations/${created.slug}`, { lang: "sr-cyrl", slug: created.slug }) as never,
    );
    expect(cyrillic.name?.text).toBe("Други центар за образовање");
  });

  it("is refused when it is not Serbian Cyrillic, with a message and nothing written", async () => {
    const count = () => countRows(handle.db, "organisation");
    const before = await count();
    for (const nameSrCyrl of ["Kosovski centar", "Косовски centar", "Сунфлоwерс", "Министерство образования"]) {
      const result = await createAsCoordinator({ nameEn: `Refused ${nameSrCyrl}`, nameSrCyrl });
      expect(result, nameSrCyrl).toMatchObject({
        ok: false,
        status: 400,
        errors: { nameSrCyrl: "organisations:errors.nameSrCyrlNotCyrillic" },
      });
    }
    expect(await count()).toBe(before);
  });

  it("is changed and cleared through the edit form, each change audited", async () => {
    const created = await createAsCoordinator({ nameEn: "Third Education Centre", nameSrCyrl: "Трећи центар" });
    if (!created.ok) throw new Error("not created");
    const changed = await updateAs(
      coordinator(),
      created.id,
      { nameEn: "Third Education Centre", nameSrCyrl: "Трећи едукативни центар (KEC)" },
      1,
    );
    expect(changed).toMatchObject({ ok: true, version: 2 });
    const cleared = await updateAs(coordinator(), created.id, { nameEn: "Third Education Centre", nameSrCyrl: "" }, 2);
    expect(cleared).toMatchObject({ ok: true, version: 3 });
    expect((await getOrganisation(handle.db, created.id))?.nameSrCyrl).toBeNull();
    const diffs = (await auditOf(created.id)).map((e) => e.diff.name_sr_cyrl);
    expect(diffs).toEqual([
      { before: null, after: "Трећи центар" },
      { before: "Трећи центар", after: "Трећи едукативни центар (KEC)" },
      { before: "Трећи едукативни центар (KEC)", after: null },
    ]);
  });
});

describe("a service's own Cyrillic title", () => {
  const serviceForm = (organisationId: number, titleSrCyrl: string) => ({
    originalLocale: "sr",
    title_sr: "Izdavanje izvoda iz matične knjige",
    title_en: "Birth certificates",
    titleSrCyrl,
    summary_sr: "Izvodi za sve zajednice.",
    address: "Opština, šalter 3",
    organisationId: String(organisationId),
  });

  it("is validated as Serbian Cyrillic by the form's schema", () => {
    const refused = ServiceFormSchema.safeParse(serviceForm(1, "Izvodi"));
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => [i.path.join("."), i.message])).toContainEqual([
      "titleSrCyrl",
      "services:form.errors.titleSrCyrlNotCyrillic",
    ]);
    expect(ServiceFormSchema.parse(serviceForm(1, "")).titleSrCyrl).toBeNull();
  });

  it("is stored, audited, and shown on the service page in sr-cyrl with the provider's own Cyrillic name", async () => {
    const provider = await createAsCoordinator({
      nameEn: "Provider Centre",
      nameSr: "Centar dobavljač",
      nameSrCyrl: "Центар за услуге",
    });
    if (!provider.ok) throw new Error("not created");
    const created = await serviceCommands.create(
      handle.db,
      audit(coordinator()),
      ServiceFormSchema.parse(serviceForm(provider.id, "Изводи из матичне књиге")),
    );
    if (!created.ok) throw new Error(JSON.stringify(created));
    await serviceCommands.setStatus(handle.db, audit(coordinator()), created.id, "published");
    const entry = await auditEntry(handle.db, {
      subject_type: "service",
      subject_id: created.id,
      action: "service.create",
    });
    expect(entry.diff.title_sr_cyrl).toEqual({ before: null, after: "Изводи из матичне књиге" });
    const page = await serviceDetailLoader(
      args(`/sr-cyrl/services/${created.slug}`, { lang: "sr-cyrl", slug: created.slug }) as never,
    );
    expect(page.title).toMatchObject({ text: "Изводи из матичне књиге", lang: "sr-Cyrl" });
    expect(page.organisation.name).toMatchObject({ text: "Центар за услуге", lang: "sr-Cyrl", isFallback: false });
    const latin = await serviceDetailLoader(
      args(`/sr/services/${created.slug}`, { lang: "sr", slug: created.slug }) as never,
    );
    expect(latin.title?.text).toBe("Izdavanje izvoda iz matične knjige");
  });
});
