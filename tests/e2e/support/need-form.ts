import type { Page } from "playwright-core";
import { expect, inject } from "vitest";

/**
 * Opens the public needs form in Serbian Cyrillic as an anonymous person and chooses Prizren (the
 * form's first step, sent without JavaScript) and the category the need is about.
 */
export async function startNeedInPrizren(page: Page, category: string): Promise<void> {
  await page.goto(`${inject("baseUrl")}/sr-cyrl/needs/new`);
  expect(await page.locator("html").getAttribute("lang")).toBe("sr-Cyrl");
  await page.getByLabel("Општина").selectOption("20");
  await page.getByRole("button", { name: "Настави" }).click();
  await page.waitForURL(/municipality=20/);
  await page.getByLabel("На шта се односи?").selectOption(category);
}

/**
 * Sends the filled needs form as a person does (the form refuses answers sent faster than a person
 * could type them, so first waits a little over three seconds), checks that it was received without
 * an error, and returns the tracking code the receipt shows.
 */
export async function sendNeed(page: Page): Promise<string> {
  await page.waitForTimeout(3_100);
  await page.getByRole("button", { name: "Пошаљите захтев" }).click();
  await page.waitForLoadState();
  expect(await page.locator('[role="alert"]').allTextContents(), "errors shown after submitting").toEqual([]);
  expect(page.url()).toMatch(/\/sr-cyrl\/needs\/track\/[0-9A-Z-]+\?submitted=1$/);
  const code = (await page.locator("strong.font-mono").textContent())?.trim() ?? "";
  expect(code).toMatch(/^([0-9A-Z]{4}-){2}[0-9A-Z]{4}$/);
  return code;
}
