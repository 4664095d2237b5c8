import { describe, expect, it } from "vitest";
import { KeptJsonText } from "./kept-json.ts";
import { KeptPerGeneration } from "./kept-per-generation.server.ts";

describe("KeptPerGeneration", () => {
  it("computes once per key and generation, again when the generation moves", async () => {
    const kept = new KeptPerGeneration<number>(8);
    const db = {};
    let computed = 0;
    const compute = async () => ++computed;
    expect(await kept.get(db, "a", "1", compute)).toBe(1);
    expect(await kept.get(db, "a", "1", compute)).toBe(1);
    expect(await kept.get(db, "b", "1", compute)).toBe(2);
    expect(await kept.get(db, "a", "2", compute)).toBe(3);
    expect(await kept.get(db, "a", "2", compute)).toBe(3);
  });

  it("shares one computation between concurrent requests, and keeps nothing per other handle", async () => {
    const kept = new KeptPerGeneration<number>(8);
    let computed = 0;
    const compute = async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return ++computed;
    };
    const one = {};
    expect(await Promise.all([kept.get(one, "k", "1", compute), kept.get(one, "k", "1", compute)])).toEqual([1, 1]);
    expect(await kept.get({}, "k", "1", compute)).toBe(2);
  });

  it("does not keep a failed computation", async () => {
    const kept = new KeptPerGeneration<number>(8);
    const db = {};
    await expect(kept.get(db, "k", "1", () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await kept.get(db, "k", "1", async () => 7)).toBe(7);
  });

  it("keeps at most its capacity, the least recently used leaving first", async () => {
    const kept = new KeptPerGeneration<string>(2);
    const db = {};
    let computed = 0;
    const compute = (key: string) => async () => `${key}${++computed}`;
    await kept.get(db, "a", "1", compute("a"));
    await kept.get(db, "b", "1", compute("b"));
    await kept.get(db, "a", "1", compute("a")); // a is now the most recent
    await kept.get(db, "c", "1", compute("c")); // b leaves
    expect(await kept.get(db, "a", "1", compute("a"))).toBe("a1");
    expect(await kept.get(db, "b", "1", compute("b"))).toBe("b4");
  });
});

describe("KeptJsonText", () => {
  it("serialises to the JSON its text holds wherever it is not sent as text", () => {
    const value = { data: [{ id: 1, title: { sq: "Shërbim", sr: "Услуга" } }], meta: { total: 1 } };
    const text = JSON.stringify(value);
    expect(JSON.stringify(new KeptJsonText(text))).toBe(text);
  });
});
