import { describe, expect, it } from "vitest";
import { slugFromTitle } from "./slugs.server.ts";

describe("slugs", () => {
  it("makes ASCII slugs from any script and hostile titles", () => {
    expect(slugFromTitle({ sr: "Puštanje u rad – Đakovica" })).toBe("pustanje-u-rad-djakovica");
    expect(slugFromTitle({ sq: "<script>alert(1)</script> Çështje" })).toBe("script-alert-1-script-ceshtje");
    expect(slugFromTitle({ sr: "Ђаковица" })).toBe("djakovica");
    expect(slugFromTitle({ sq: "…" })).toBe("item");
  });
});
