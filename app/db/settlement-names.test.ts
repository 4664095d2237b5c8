import { describe, expect, it } from "vitest";
import { isSerbianLatinName, settlementCyrillicName } from "./settlement-names.ts";

describe("settlementCyrillicName", () => {
  it.each([
    // Real GeoNames records of Prizren without a Cyrillic name (name, alternate names).
    ["Bogoševac", "Bogosevac|Bogosevc|Bogosevce|Bogoševac|Bogoševce", "Богошевац"],
    ["Gradište", "Gradiste|Gradište", "Градиште"],
    ["Mužljak", "Muzhlik|Muzljak|Mužljak", "Мужљак"],
    ["Šeh Mahala", "Seh Mahala|Šeh Mahala", "Шех Махала"],
    ["Kečišlak", "Kecislak|Kečišlak", "Кечишлак"],
    ["Gornja Mala", "Gornja Mala|Gornje Mali", "Горња Мала"],
    ["Breg-Drim", "Breg-Drim", "Брег-Дрим"],
    ["Duraj", "Duraj", "Дурај"],
    // Elsewhere: GeoNames' Ð for Đ, and a Serbian alternate behind an Albanian name.
    ["Ðakani", "Dakani|Ðakani", "Ђакани"],
    ["Zatra", "Drezhic|Drezhiç", "Затра"],
    ["Drenoc", "Dranash|Dranashi", "Дреноц"],
    ["Lutovo", "Llutova|Llutove|Llutovë|Lutan|Lutovo|Ujmira", "Лутово"],
  ])("%s → %s", (name, alternates, cyrillic) => {
    expect(settlementCyrillicName(name, alternates)).toBe(cyrillic);
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
