import { describe, expect, it } from "vitest";
import { OpenCycleSchema, parseFigure, parseFigures, ReviewSchema } from "./reporting.schema.ts";
import { formDataOf } from "../../../tests/support/form-data.ts";

describe("parseFigure", () => {
  it.each([
    ["12", "count", "12"],
    ["1 234", "count", "1234"],
    ["12,5", "percent", "12.5"],
    ["100", "percent", "100"],
    ["0", "percent", "0"],
    ["1500.25", "amount", "1500.25"],
    ["-3.5", "number", "-3.5"],
    ["", "count", null],
  ] as const)("accepts %s as a %s", (raw, unit, expected) => {
    expect(parseFigure(raw, unit)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["twelve", "count", "reporting:errors.notANumber"],
    ["12abc", "amount", "reporting:errors.notANumber"],
    ["1e5", "number", "reporting:errors.notANumber"],
    ["-1", "count", "reporting:errors.countNegative"],
    ["2.5", "count", "reporting:errors.countNotWhole"],
    ["100.5", "percent", "reporting:errors.percentAbove100"],
    ["-2", "percent", "reporting:errors.percentNegative"],
    ["-10", "amount", "reporting:errors.amountNegative"],
    ["10.123", "amount", "reporting:errors.amountCents"],
    ["123456789012", "number", "reporting:errors.tooLarge"],
  ] as const)("refuses %s as a %s", (raw, unit, error) => {
    expect(parseFigure(raw, unit)).toEqual({ ok: false, error });
  });
});

describe("parseFigures", () => {
  const indicators = [
    { id: 1, unit: "count" as const, byCommunity: true, byGender: true, communities: ["roma", "ashkali"] },
    { id: 2, unit: "percent" as const, byCommunity: false, byGender: false, communities: [] },
  ];

  it("keys every error by its field, and keeps the valid rows out until all are valid", () => {
    const form = formDataOf({
      "ind-1": "abc",
      "ind-1-c-roma": "-4",
      "ind-1-g-female": "3.5",
      "ind-2": "140",
      "spent-donor": "-1",
      "spent-government": "1000",
    });
    const result = parseFigures(form, indicators);
    expect(result).toEqual({
      ok: false,
      errors: {
        "ind-1": "reporting:errors.notANumber",
        "ind-1-c-roma": "reporting:errors.countNegative",
        "ind-1-g-female": "reporting:errors.countNotWhole",
        "ind-2": "reporting:errors.percentAbove100",
        "spent-donor": "reporting:errors.amountNegative",
      },
    });
  });

  it("returns totals, disaggregation rows and spending when all are valid", () => {
    const form = formDataOf({
      "ind-1": "30",
      "ind-1-c-roma": "20",
      "ind-1-g-male": "14",
      "ind-2": "55,5",
      "spent-municipality": "2500",
    });
    expect(parseFigures(form, indicators)).toEqual({
      ok: true,
      values: [
        { indicatorId: 1, communityCode: null, gender: null, value: "30" },
        { indicatorId: 1, communityCode: "roma", gender: null, value: "20" },
        { indicatorId: 1, communityCode: null, gender: "male", value: "14" },
        { indicatorId: 2, communityCode: null, gender: null, value: "55.5" },
      ],
      spending: [{ source: "municipality", amount: "2500" }],
    });
  });
});

describe("OpenCycleSchema", () => {
  it("refuses a period ending before it starts and an impossible date", () => {
    const result = OpenCycleSchema.safeParse({
      actionPlanId: "1",
      periodKind: "annual",
      periodStart: "2018-12-31",
      periodEnd: "2018-01-01",
      label: "2018",
      deadline: "2019-02-30",
    });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries((result.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));
    expect(messages.deadline).toBe("reporting:errors.dateInvalid");
  });
  it("accepts an annual cycle", () => {
    expect(
      OpenCycleSchema.parse({
        actionPlanId: "3",
        periodKind: "annual",
        periodStart: "2018-01-01",
        periodEnd: "2018-12-31",
        label: " Annual 2018 ",
        deadline: "2019-02-28",
      }),
    ).toMatchObject({ actionPlanId: 3, label: "Annual 2018" });
  });
});

describe("ReviewSchema", () => {
  it("needs a comment to return", () => {
    const result = ReviewSchema.safeParse({ version: "2", decision: "return", comment: " " });
    expect(result.error?.issues[0]?.message).toBe("reporting:errors.commentRequired");
    expect(ReviewSchema.safeParse({ version: "2", decision: "approve", comment: "" }).success).toBe(true);
  });
});
