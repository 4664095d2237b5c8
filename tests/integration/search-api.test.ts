import { describe, expect, it } from "vitest";
import { createTestApp, TEST_APP_ORIGIN } from "../support/test-app.ts";
import { createSearchTestDatabase } from "../support/search-database.ts";
import { setUpTestDatabase } from "../support/test-database.ts";

const handle = setUpTestDatabase(() =>
  createSearchTestDatabase([
    {
      kind: "document",
      refId: 1,
      title: { sr: "Закон <b>о језицима</b>" },
      body: "Члан 1. <script>x</script> службени језици",
      path: "library/zakon",
      originalLocale: "sr",
    },
    {
      kind: "news",
      refId: 2,
      title: { en: "Private jezici" },
      path: "news/p",
      isPublic: false,
    },
  ]),
);

describe("/api/v1/search", () => {
  it("finds Cyrillic text with a Latin query, escapes snippets, counts by kind, and hides private entries", async () => {
    const app = createTestApp(handle);
    const response = await app.fetch(new Request(`${TEST_APP_ORIGIN}/api/v1/search?q=jezici&lang=sr`));
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      total: number;
      totalCapped: boolean;
      cappedKinds: string[];
      correctedQuery: string | null;
      counts: Record<string, number>;
      data: { path: string; snippetHtml: string; snippetLanguage: string | null }[];
    };
    expect(body.total).toBe(1);
    expect(body).toMatchObject({ totalCapped: false, cappedKinds: [], correctedQuery: null });
    expect(body.counts).toEqual({ document: 1 });
    expect(body.data[0]?.path).toBe("library/zakon");
    expect(body.data[0]?.snippetHtml).toContain("&lt;script&gt;");
    expect(body.data[0]?.snippetHtml).toContain("<mark>језици</mark>");
    // The passage is Serbian shown in Cyrillic: a client marks it up with this tag.
    expect(body.data[0]?.snippetLanguage).toBe("sr-Cyrl");
  });

  it("replaces a word found nowhere by the nearest known word, and says so", async () => {
    const app = createTestApp(handle);
    const response = await app.fetch(new Request(`${TEST_APP_ORIGIN}/api/v1/search?q=sluzbenni&lang=en`));
    const body = (await response.json()) as { total: number; correctedQuery: string | null };
    expect(body).toMatchObject({ total: 1, correctedQuery: "sluzbeni" });
  });

  it("answers 400 to a malformed request, never 500", async () => {
    const app = createTestApp(handle);
    const response = await app.fetch(new Request(`${TEST_APP_ORIGIN}/api/v1/search?q=${"x".repeat(300)}`));
    expect(response.status).toBe(400);
  });
});
