import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { savedNoticeOf } from "#app/services/saved-notice.ts";
import { SavedNotice } from "./saved-notice.tsx";

describe("SavedNotice", () => {
  it("is the emphasised status paragraph the workspace pages wrote by hand", () => {
    expect(renderToStaticMarkup(<SavedNotice>Saved.</SavedNotice>)).toBe(
      renderToStaticMarkup(
        <p
          role="status"
          className="mb-6 rounded border-s-4 border-emerald-700 bg-emerald-50 p-4 font-semibold text-emerald-900"
        >
          Saved.
        </p>,
      ),
    );
  });

  it("keeps a page's own element, look and content", () => {
    expect(renderToStaticMarkup(<SavedNotice as="div">The role has been given.</SavedNotice>)).toBe(
      '<div role="status" class="mb-6 rounded border-s-4 border-emerald-700 bg-emerald-50 p-4 font-semibold text-emerald-900">The role has been given.</div>',
    );
    expect(
      renderToStaticMarkup(
        <SavedNotice className="mb-4 rounded border-2 border-green-700 p-3">
          Imported. <a href="/en/workspace/plans/1">Open the plan</a>
        </SavedNotice>,
      ),
    ).toBe(
      '<p role="status" class="mb-4 rounded border-2 border-green-700 p-3">Imported. <a href="/en/workspace/plans/1">Open the plan</a></p>',
    );
  });
});

describe("savedNoticeOf", () => {
  const notices = ["created", "updated"] as const;
  it("gives the page's notice named by ?saved=, and nothing for another or none", () => {
    expect(savedNoticeOf(new URL("http://localhost/en/x?saved=updated"), notices)).toBe("updated");
    expect(savedNoticeOf(new URL("http://localhost/en/x?saved=deleted"), notices)).toBeNull();
    expect(savedNoticeOf(new URL("http://localhost/en/x?saved="), notices)).toBeNull();
    expect(savedNoticeOf(new URL("http://localhost/en/x"), notices)).toBeNull();
  });
});
