import { describe, expect, it } from "vitest";
import { MunicipalityParamSchema, parseMunicipalityListQuery } from "./municipalities.schema.ts";

describe("MunicipalityParamSchema", () => {
  it("splits the code from the slug", () => {
    expect(MunicipalityParamSchema.parse("20-prizren")).toEqual({ kasCode: "20", slug: "prizren" });
    expect(MunicipalityParamSchema.parse("09-fushe-kosove")).toEqual({ kasCode: "09", slug: "fushe-kosove" });
  });

  it("accepts a missing or wrong slug (the page redirects)", () => {
    expect(MunicipalityParamSchema.parse("20")).toEqual({ kasCode: "20", slug: "" });
    expect(MunicipalityParamSchema.parse("20-")).toEqual({ kasCode: "20", slug: "" });
    expect(MunicipalityParamSchema.parse("20-Prizren")).toEqual({ kasCode: "20", slug: "Prizren" });
  });

  it.each(["", "2", "prizren", "200-prizren", "20prizren", "x".repeat(201)])("rejects %j", (value) => {
    expect(MunicipalityParamSchema.safeParse(value).success).toBe(false);
  });
});

describe("parseMunicipalityListQuery", () => {
  const codes = ["albanian", "serb", "roma"];
  const parse = (search: string) => parseMunicipalityListQuery(new URLSearchParams(search), codes, "serb");

  it("takes a known community and order", () => {
    expect(parse("community=roma&sort=share")).toEqual({ community: "roma", sort: "share" });
  });

  it("falls back to the default community and to alphabetical order", () => {
    expect(parse("")).toEqual({ community: "serb", sort: "name" });
    expect(parse("community=martians&sort=random")).toEqual({ community: "serb", sort: "name" });
    expect(parse("community=&sort=")).toEqual({ community: "serb", sort: "name" });
    expect(parse("community=ROMA")).toEqual({ community: "serb", sort: "name" });
  });
});
