import { describe, expect, it } from "vitest";
import { alphabeticalCompare } from "../../tests/support/alphabets.ts";
import { sortByLabel } from "./collation.ts";

describe("sortByLabel", () => {
  it("orders Albanian by its alphabet: ç after c, dh after d, ë after e, gj after g, sh after s, xh after x", () => {
    const names = [
      "Gjilan",
      "Graçanicë",
      "Gjakovë",
      "Glogoc",
      "Shtime",
      "Suharekë",
      "Deçan",
      "Dheu",
      "Dragash",
      "Çerkezi",
      "Cana",
      "Ëma",
      "Elez Han",
      "Xhaferi",
      "Xërxa",
    ];
    expect(sortByLabel(names, (n) => n, "sq")).toEqual([
      "Cana",
      "Çerkezi",
      "Deçan",
      "Dragash",
      "Dheu",
      "Elez Han",
      "Ëma",
      "Glogoc",
      "Graçanicë",
      "Gjakovë",
      "Gjilan",
      "Suharekë",
      "Shtime",
      "Xërxa",
      "Xhaferi",
    ]);
  });

  it("orders Serbian Latin by the gajica: č and ć after c, đ after d, š after s, ž after z (not the Cyrillic order a bare `sr` gives)", () => {
    const names = [
      "Štrpce",
      "Suva Reka",
      "Srbica",
      "Štimlje",
      "Đakovica",
      "Dečani",
      "Dragaš",
      "Čaglavica",
      "Ćuprija",
      "Cernica",
      "Zvečan",
      "Žegra",
      "Zubin Potok",
      "Lipljan",
      "Leposavić",
    ];
    expect(sortByLabel(names, (n) => n, "sr")).toEqual([
      "Cernica",
      "Čaglavica",
      "Ćuprija",
      "Dečani",
      "Dragaš",
      "Đakovica",
      "Leposavić",
      "Lipljan",
      "Srbica",
      "Suva Reka",
      "Štimlje",
      "Štrpce",
      "Zubin Potok",
      "Zvečan",
      "Žegra",
    ]);
  });

  it("orders Serbian Cyrillic by the azbuka: ђ after д, ћ after т, ш last", () => {
    const names = [
      "Штрпце",
      "Сува Река",
      "Србица",
      "Ђаковица",
      "Дечани",
      "Драгаш",
      "Ћуприја",
      "Звечан",
      "Зубин Поток",
      "Липљан",
      "Љубиње",
      "Лепосавић",
    ];
    expect(sortByLabel(names, (n) => n, "sr-cyrl")).toEqual([
      "Дечани",
      "Драгаш",
      "Ђаковица",
      "Звечан",
      "Зубин Поток",
      "Лепосавић",
      "Липљан",
      "Љубиње",
      "Србица",
      "Сува Река",
      "Ћуприја",
      "Штрпце",
    ]);
  });

  it("agrees with the test's alphabets on the hand-written lists", () => {
    const albanian = ["Gjilan", "Graçanicë", "Gjakovë", "Glogoc", "Shtime", "Suharekë"];
    expect(sortByLabel(albanian, (n) => n, "sq")).toEqual([...albanian].sort(alphabeticalCompare("sq")));
  });
});
