import { describe, expect, it } from "vitest";
import {
  ALBANIAN_SUFFIXES,
  foldForSearch,
  MIN_STEM,
  SERBIAN_SUFFIXES,
  searchForms,
  searchIndexText,
  searchKey,
  stemFolded,
} from "./search-keys.ts";

describe("foldForSearch", () => {
  it.each([
    ["sh/š/ш", ["Shaban", "Šaban", "Шабан", "saban"], "saban"],
    ["zh/ž/ж", ["Zhur", "Žur", "Жур", "zur"], "zur"],
    ["ç/č/ч", ["Çarshia", "Čaršia", "Чаршиа", "carsia"], "carsia"],
    ["q/ć/ћ", ["Qazim", "Ćazim", "Ћазим", "cazim"], "cazim"],
    ["xh/dž/џ", ["Xhemajl", "Džemajl", "Џемајл", "dzemajl"], "dzemajl"],
    ["gj/đ/ђ", ["Gjergj", "Đerđ", "Ђерђ", "djerdj"], "djerdj"],
    ["ë/e", ["Romë", "ROME", "rome"], "rome"],
    ["lj/nj from Cyrillic", ["Љубљана", "ljubljana", "LJUBLJANA"], "ljubljana"],
  ])("folds %s to one spelling", (_name, spellings, folded) => {
    for (const spelling of spellings) expect(foldForSearch(spelling), spelling).toBe(folded);
  });

  it("is idempotent, keeps spaces and punctuation, and leaves other scripts' letters", () => {
    for (const text of ["Çështje të Komuniteteve", "Ђаковица – Šaljić", "مرحبا Ελλάδα"])
      expect(foldForSearch(foldForSearch(text))).toBe(foldForSearch(text));
    expect(foldForSearch("Ђаковица – Šaljić")).toBe("djakovica – saljic");
    expect(foldForSearch("Ελλάδα")).toBe("ελλαδα");
  });
});

describe("stemFolded", () => {
  it.each([
    [
      "askal",
      [
        "ashkali",
        "ashkaliu",
        "ashkalinj",
        "ashkalinjtë",
        "ashkalinjve",
        "ashkalive",
        "ashkalitë",
        "Aškalija",
        "Aškalije",
        "Aškaliji",
        "Aškaliju",
        "Aškalijom",
        "Aškalijama",
        "Ашкалије",
      ],
    ],
    [
      "rom",
      [
        "Rom",
        "Roma",
        "Romi",
        "Rome",
        "Romu",
        "Romom",
        "Romima",
        "Romë",
        "romët",
        "romëve",
        "romski",
        "romska",
        "ромске",
      ],
    ],
    ["edjiptian", ["Egjiptian", "Egjiptianë", "Egjiptianët", "egjiptianëve"]],
    ["egipcan", ["Egipćanin", "Egipćani", "Egipćana", "Egipćanima", "Egipćane", "Египћани"]],
    ["komun", ["komuna", "komunë", "komunat", "komunave", "komunës", "komunën"]],
    ["opstin", ["opština", "opštine", "opštini", "opštinu", "opštinom", "opštinama", "општина"]],
    ["kosov", ["Kosova", "Kosovë", "Kosovës", "Kosovo", "Kosovu", "Косово"]],
    ["stratedj", ["strategji", "strategjia", "strategjisë"]],
    ["strateg", ["strategija", "strategije", "strategiju", "strategijom", "Стратегија"]],
    ["zaposljavanj", ["zapošljavanje", "zapošljavanja", "zapošljavanju", "запошљавању"]],
    ["zajednic", ["zajednica", "zajednice", "zajednici", "zajednicu", "zajednicom", "zajednicama"]],
    ["punesim", ["punësimi", "punësimin", "punësimit"]],
  ])("brings the forms of one noun to %s", (stem, forms) => {
    for (const form of forms) expect(searchKey(form), form).toBe(stem);
  });

  it("keeps short words and stems of MIN_STEM letters, and words with digits, whole", () => {
    expect(MIN_STEM).toBe(3);
    for (const word of ["i", "e", "te", "dhe", "rom", "the", "uno"]) expect(stemFolded(word)).toBe(word);
    expect(stemFolded("roma")).toBe("rom");
    expect(stemFolded("2024a")).toBe("2024a");
    expect(stemFolded("a1b2c3e")).toBe("a1b2c3e");
  });

  it("only cuts (a stem is a prefix of the folded word), and lists its endings once per language", () => {
    for (const word of ["ashkalinjte", "komunitetet", "prizrenit", "opstinama", "egipcanin"])
      expect(word.startsWith(stemFolded(word))).toBe(true);
    expect(new Set(ALBANIAN_SUFFIXES).size).toBe(ALBANIAN_SUFFIXES.length);
    expect(new Set(SERBIAN_SUFFIXES).size).toBe(SERBIAN_SUFFIXES.length);
  });
});

describe("search forms", () => {
  it("are the folded word and, when an ending was cut, its stem", () => {
    expect(searchForms("prizren")).toEqual(["prizren", "prizr"]);
    expect(searchForms("prizrenit")).toEqual(["prizrenit", "prizren"]);
    expect(searchForms("rom")).toEqual(["rom"]);
    expect(searchIndexText("Romët, Ашкалије!")).toBe("romet rom askalije askal");
  });
});
