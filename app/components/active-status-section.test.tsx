import { describe, expect, it } from "vitest";
import { renderRoute } from "../../tests/support/render-route.tsx";
import { ActiveStatusSection } from "./active-status-section.tsx";

function render(isActive: boolean): string {
  const Page = () => (
    <ActiveStatusSection
      headingId="status-heading"
      heading="Status"
      help={isActive ? "Deactivate help" : "Reactivate help"}
      buttonLabel={isActive ? "Deactivate" : "Reactivate"}
      isActive={isActive}
      version={7}
    />
  );
  return renderRoute("en", "/en/workspace/users/1", "/en/workspace/users/:id", Page, {});
}

describe("ActiveStatusSection", () => {
  it("posts the deactivation of an active record with its version, as a danger button", () => {
    const html = render(true);
    expect(html).toContain('<section aria-labelledby="status-heading" class="mb-10 max-w-2xl">');
    expect(html).toContain('<h2 id="status-heading" class="mb-2">Status</h2>');
    expect(html).toContain('<p class="mb-4">Deactivate help</p>');
    expect(html).toMatch(/<form[^>]*method="post"[^>]*>/);
    expect(html).toContain('name="_csrf"');
    expect(html).toContain('<input type="hidden" name="intent" value="deactivate"/>');
    expect(html).toContain('<input type="hidden" name="version" value="7"/>');
    expect(html).toMatch(/<button[^>]*bg-red-700[^>]*>Deactivate<\/button>/);
  });
  it("posts the reactivation of an inactive record", () => {
    const html = render(false);
    expect(html).toContain('<input type="hidden" name="intent" value="reactivate"/>');
    expect(html).toContain('<p class="mb-4">Reactivate help</p>');
    expect(html).toMatch(/<button[^>]*bg-brand-700[^>]*>Reactivate<\/button>/);
  });
});
