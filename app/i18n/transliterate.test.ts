import { describe, expect, it } from "vitest";
import { cyrillicToLatin, isSerbianCyrillicText, latinToCyrillic, latinToCyrillicMessage } from "./transliterate.ts";

describe("latinToCyrillic", () => {
  it("transliterates letters and the digraphs lj, nj, dž", () => {
    expect(latinToCyrillic("Ljubljana, Njegoš, džep, Đakovica, Čačak, Šid, Žabljak, Ćuprija")).toBe(
      "Љубљана, Његош, џеп, Ђаковица, Чачак, Шид, Жабљак, Ћуприја",
    );
  });
  it("handles upper-case digraphs", () => {
    expect(latinToCyrillic("LJUBAV NJIVA DŽEM")).toBe("ЉУБАВ ЊИВА ЏЕМ");
  });
  it("keeps URLs and e-mail addresses in Latin", () => {
    expect(latinToCyrillic("Vidi https://ekosova.rks-gov.net/sr ili piši na info@example.org")).toBe(
      "Види https://ekosova.rks-gov.net/sr или пиши на info@example.org",
    );
  });
  it("round-trips through cyrillicToLatin", () => {
    const text = "Kancelarija za pitanja zajednica – Opština Gračanica, Štrpce, Đeneral Janković";
    expect(cyrillicToLatin(latinToCyrillic(text))).toBe(text);
  });
});

describe("latinToCyrillicMessage", () => {
  it("leaves ICU argument names, plural keywords and # alone", () => {
    expect(
      latinToCyrillicMessage("{count, plural, one {# opština} few {# opštine} other {# opština}} od {total}"),
    ).toBe("{count, plural, one {# општина} few {# општине} other {# општина}} од {total}");
  });
  it("transliterates text around simple arguments", () => {
    expect(latinToCyrillicMessage("Greška {status}: stranica")).toBe("Грешка {status}: страница");
  });
  it("keeps quoted ICU literals", () => {
    expect(latinToCyrillicMessage("Znak '{' i tekst")).toBe("Знак '{' и текст");
  });
});

describe("isSerbianCyrillicText", () => {
  it.each([
    "Канцеларија за питања заједница",
    "Балкански сунцокрети Косова",
    "Мрежа ромских жена (UNDP)",
    "Центар „Balkan Sunflowers“ – Призрен",
    "Организација XM-DAC-47066",
  ])("accepts %s", (text) => {
    expect(isSerbianCyrillicText(text)).toBe(true);
  });
  it.each([
    ["Latin Serbian", "Kancelarija za pitanja zajednica"],
    ["a Serbian word left in Latin", "Канцеларија za питања"],
    ["a mixed-script word", "Сунфлоwерс"],
    ["Russian letters", "Министерство образования"],
    ["no letters", "123 – 456"],
    ["English only", "Balkan Sunflowers"],
  ])("refuses %s", (_, text) => {
    expect(isSerbianCyrillicText(text)).toBe(false);
  });
});
