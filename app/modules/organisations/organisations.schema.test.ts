import { describe, expect, it } from "vitest";
import { ORGANISATION_TYPES } from "#app/db/reference-data.server.ts";
import {
  ContactFormSchema,
  OrganisationFormSchema,
  OrganisationListQuerySchema,
  ORGANISATION_TYPE_CODES,
  OrganisationUpdateSchema,
} from "./organisations.schema.ts";

describe("organisation form schema", () => {
  it("knows exactly the organisation types of the reference data", () => {
    expect([...ORGANISATION_TYPE_CODES].sort()).toEqual(ORGANISATION_TYPES.map((t) => t.code).sort());
  });

  it("trims, turns empty fields into null and checkboxes into sorted lists", () => {
    const parsed = OrganisationFormSchema.parse({
      nameSq: "  Zyra  ",
      nameEn: "",
      typeCode: "ministry",
      sectors: "health",
      communities: ["roma", "ashkali", "roma"],
    });
    expect(parsed).toMatchObject({
      nameSq: "Zyra",
      nameEn: null,
      nameSr: null,
      kasCode: null,
      website: null,
      sectors: ["health"],
      communities: ["ashkali", "roma"],
    });
  });

  it("gives the same result when its own output is parsed again (commands validate again)", () => {
    const once = OrganisationFormSchema.parse({
      nameEn: "IOM",
      typeCode: "international_organisation",
      website: "https://www.iom.int",
      sectors: ["economic_development"],
    });
    expect(OrganisationFormSchema.parse(once)).toEqual(once);
  });

  it("asks for a name in one language and a municipality for local bodies", () => {
    const result = OrganisationFormSchema.safeParse({ typeCode: "municipal_committee" });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries((result.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));
    expect(messages).toEqual({
      nameSq: "organisations:errors.nameRequired",
      kasCode: "organisations:errors.municipalityRequired",
    });
  });

  it("refuses unsafe or malformed contact details", () => {
    const result = OrganisationFormSchema.safeParse({
      nameEn: "X",
      typeCode: "cso",
      website: "javascript:alert(1)",
      email: "nobody",
      phone: "<script>",
      kasCode: "Prizren",
    });
    const fields = (result.error?.issues ?? []).map((i) => i.path[0]).sort();
    expect(fields).toEqual(["email", "kasCode", "phone", "website"]);
  });

  it("needs a version to update", () => {
    expect(OrganisationUpdateSchema.safeParse({ nameEn: "X", typeCode: "cso" }).success).toBe(false);
    expect(OrganisationUpdateSchema.safeParse({ nameEn: "X", typeCode: "cso", version: "3" }).data?.version).toBe(3);
  });

  it("reads the focal point checkbox", () => {
    expect(ContactFormSchema.parse({ contactName: "Ana", contactFocalPoint: "on" }).contactFocalPoint).toBe(true);
    expect(ContactFormSchema.parse({ contactName: "Ana" }).contactFocalPoint).toBe(false);
  });
});

describe("organisation list query", () => {
  it("falls back to no filter on nonsense", () => {
    expect(
      OrganisationListQuerySchema.parse({
        q: "  iom ",
        type: "<script>",
        municipality: "999",
        status: "x",
        page: "-3",
      }),
    ).toEqual({ q: "iom", type: undefined, municipality: undefined, status: "active", page: 1 });
    expect(OrganisationListQuerySchema.parse({})).toEqual({ q: "", status: "active", page: 1 });
  });
});
