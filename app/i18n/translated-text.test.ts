import { describe, expect, it } from "vitest";
import { localize, localizeName, writtenText } from "./translated-text.ts";

describe("localize", () => {
  const text = { sq: "Arsimi", sr: "Obrazovanje", en: "Education" };

  it("returns the reader's language when a person wrote it", () => {
    expect(localize(text, "en")).toMatchObject({ text: "Education", lang: "en", isFallback: false, isMachine: false });
  });
  it("derives Cyrillic from Serbian Latin", () => {
    expect(localize(text, "sr-cyrl")).toMatchObject({ text: "Образовање", lang: "sr-Cyrl", isFallback: false });
  });
  it("marks machine translations", () => {
    expect(localize({ en: "Mandate", machine: { sq: "Mandati" } }, "sq")).toMatchObject({
      text: "Mandati",
      isMachine: true,
      isFallback: false,
    });
  });
  it("falls back to the original language, marked", () => {
    expect(localize({ sr: "Vest" }, "en", "sr")).toMatchObject({
      text: "Vest",
      lang: "sr-Latn",
      shownLocale: "sr",
      isFallback: true,
    });
  });
  it("falls back to Albanian before other languages when no original is known", () => {
    expect(localize({ en: "News", sq: "", sr: "Vesti" }, "sr-cyrl")).toMatchObject({
      text: "Вести",
      isFallback: false,
    });
    expect(localize({ en: "News", sq: "Lajme" }, "sr")).toMatchObject({ text: "Lajme", isFallback: true });
  });
  it("returns null for empty text", () => {
    expect(localize({}, "sq")).toBeNull();
    expect(localize(null, "sq")).toBeNull();
  });
});

describe("localizeName", () => {
  const name = { sr: "Kosovski centar za obrazovanje", en: "Kosovo Education Centre" };

  it("shows a stored Cyrillic name to sr-cyrl readers instead of the transliteration", () => {
    expect(localize(name, "sr-cyrl")?.text).toBe("Косовски центар за образовање");
    expect(localizeName(name, "Косовски едукативни центар", "sr-cyrl")).toEqual({
      text: "Косовски едукативни центар",
      lang: "sr-Cyrl",
      shownLocale: "sr",
      isFallback: false,
      isMachine: false,
    });
  });
  it("shows it even when the name has no Serbian Latin form (no fallback note)", () => {
    expect(localizeName({ en: "Balkan Sunflowers Kosova" }, "Балкански сунцокрети Косова", "sr-cyrl")).toMatchObject({
      text: "Балкански сунцокрети Косова",
      isFallback: false,
    });
  });
  it("leaves the other languages, and a blank Cyrillic name, to localize()", () => {
    expect(localizeName(name, "Косовски едукативни центар", "sr")?.text).toBe("Kosovski centar za obrazovanje");
    expect(localizeName(name, "Косовски едукативни центар", "en")?.text).toBe("Kosovo Education Centre");
    expect(localizeName(name, "  ", "sr-cyrl")?.text).toBe("Косовски центар за образовање");
    expect(localizeName(name, null, "sr-cyrl")?.text).toBe("Косовски центар за образовање");
  });
});

describe("writtenText", () => {
  it("keeps a person's text as typed, tagged with the language and the script it is in", () => {
    expect(writtenText("Породица тражи помоћ.", "sr-cyrl", "en")).toEqual({
      text: "Породица тражи помоћ.",
      lang: "sr-Cyrl",
      shownLocale: "sr",
      isFallback: true,
      isMachine: false,
    });
    expect(writtenText("Porodica traži pomoć.", "sr", "sr-cyrl")).toEqual({
      text: "Porodica traži pomoć.",
      lang: "sr-Latn",
      shownLocale: "sr",
      isFallback: false,
      isMachine: false,
    });
    expect(writtenText("Породица тражи помоћ.", "sr", "sr")).toMatchObject({ lang: "sr-Cyrl", isFallback: false });
  });
  it("marks text in another language than the reader's, and not text in the reader's", () => {
    expect(writtenText("Familja kërkon ndihmë.", "sq", "sr-cyrl")).toMatchObject({ lang: "sq", isFallback: true });
    expect(writtenText("Familja kërkon ndihmë.", "sq", "sq")).toMatchObject({ lang: "sq", isFallback: false });
    expect(writtenText("The family asks for help.", "en", "sq")).toMatchObject({
      lang: "en",
      shownLocale: "en",
      isFallback: true,
    });
  });
  it("leaves the language unsaid when it is not known, and returns null for empty text", () => {
    expect(writtenText("?", "xx", "en")).toMatchObject({ lang: "", isFallback: false });
    expect(writtenText("  ", "sq", "en")).toBeNull();
    expect(writtenText(null, "sq", "en")).toBeNull();
  });
});
