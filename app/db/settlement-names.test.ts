import { describe, expect, it } from "vitest";
import { readCsv } from "./reference-data.server.ts";
import { isSerbianLatinName, settlementCyrillicName } from "./settlement-names.ts";

/** The reference data's GeoNames records of settlements (decision 037), by their GeoNames id. */
const GEONAMES = new Map(readCsv("kosovo_settlements_geonames_2012.csv").map((record) => [record.geonameid, record]));

describe("settlementCyrillicName", () => {
  it.each([
    // Real GeoNames records of Prizren without a Cyrillic name: Bogoševac, Gradište, Mužljak, Šeh Mahala,
    // Kečišlak, Gornja Mala, Breg-Drim, Duraj.
    ["830574", "Богошевац"],
    ["860323", "Градиште"],
    ["830462", "Мужљак"],
    ["830635", "Шех Махала"],
    ["859810", "Кечишлак"],
    ["830575", "Горња Мала"],
    ["832519", "Брег-Дрим"],
    ["860325", "Дурај"],
    // Elsewhere: GeoNames' Ð for Đ (Ðakani), and Serbian names with Albanian alternates (Zatra, Drenoc, Lutovo).
    ["8217633", "Ђакани"],
    ["830398", "Затра"],
    ["791042", "Дреноц"],
    ["830395", "Лутово"],
  ])("GeoNames record %s → %s", (geonameid, cyrillic) => {
    const record = GEONAMES.get(geonameid);
    expect(record?.names_cyrillic, "the record has no Cyrillic name of its own").toBe("");
    expect(settlementCyrillicName(record?.name ?? "", record?.alternatenames ?? "")).toBe(cyrillic);
  });

  it.each([
    ["Bagashi", ""],
    ["Kabash", "Kabash"],
    ["Nebregosht", ""],
    ["Fushë Kosovë", "Fushe Kosove"],
    ["Llapllasellë", "Laplje Selo"],
  ])("%s has only an Albanian name", (name, alternates) => {
    expect(settlementCyrillicName(name, alternates)).toBeNull();
  });

  it("takes a Serbian alternate name behind an Albanian one", () => {
    expect(settlementCyrillicName("Llapllasellë", "Laplje Selo|Čaglavica")).toBe("Чаглавица");
  });

  it("tells Serbian Latin spelling from Albanian", () => {
    expect(isSerbianLatinName("Gornje Ljubinje")).toBe(true);
    expect(isSerbianLatinName("Zhur")).toBe(false);
    expect(isSerbianLatinName("Gjonaj")).toBe(false);
    expect(isSerbianLatinName("Qafë")).toBe(false);
  });
});
