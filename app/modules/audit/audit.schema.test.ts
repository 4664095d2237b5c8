import { describe, expect, it } from "vitest";
import { AuditIdSchema, parseAuditFilter } from "./audit.schema.ts";

const parse = (query: string) => parseAuditFilter(new URLSearchParams(query));

describe("parseAuditFilter", () => {
  it("treats empty fields as no filter and a missing page as the first", () => {
    expect(parse("q=&action=&subjectType=&subjectId=&from=&to=")).toMatchObject({ ok: true, filter: { page: 1 } });
    const result = parse("q=&from=");
    expect(result.ok && Object.values(result.filter).filter((v) => v !== undefined)).toEqual([1]);
  });

  it("keeps every filter, trimmed", () => {
    const result = parse(
      "q=+Gashi+&actor=00000000-0000-4000-8000-000000000001&action=user.&subjectType=organisation&subjectId=42&from=2026-01-01&to=2026-01-31&page=3",
    );
    expect(result).toMatchObject({
      ok: true,
      filter: {
        q: "Gashi",
        actor: "00000000-0000-4000-8000-000000000001",
        action: "user.",
        subjectType: "organisation",
        subjectId: "42",
        from: "2026-01-01",
        to: "2026-01-31",
        page: 3,
      },
    });
  });

  it.each([
    ["from=2026-02-30", "from", "audit:filter.errors.date"],
    ["to=23.11.2026", "to", "audit:filter.errors.date"],
    ["from=2026-02-01&to=2026-01-01", "to", "audit:filter.errors.dateOrder"],
    ["action=user.invite'%20or%201=1", "action", "audit:filter.errors.code"],
    ["subjectType=<script>", "subjectType", "audit:filter.errors.code"],
    [`q=${"x".repeat(201)}`, "q", "audit:filter.errors.tooLong"],
    ["actor=not-a-uuid", "actor", "audit:filter.errors.actor"],
  ])("refuses %s with a message on its field", (query, field, message) => {
    const result = parse(query);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toEqual({ [field]: message });
  });

  it("gives back the submitted values to show again, and ignores a nonsense page", () => {
    const result = parse("from=yesterday&q=%3Cscript%3E&page=-4");
    expect(result).toMatchObject({ ok: false, values: { from: "yesterday", q: "<script>" } });
    expect(parse("page=abc")).toMatchObject({ ok: true, filter: { page: 1 } });
  });
});

describe("AuditIdSchema", () => {
  it.each([
    ["1", true],
    ["123456789012345", true],
    ["0", false],
    ["-1", false],
    ["1e3", false],
    ["1234567890123456", false],
    ["abc", false],
  ])("%s → %s", (value, valid) => {
    expect(AuditIdSchema.safeParse(value).success).toBe(valid);
  });
});
