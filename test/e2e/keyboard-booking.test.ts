import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Page } from "playwright-core";
import { journey } from "./browser.ts";
import { signInCode, waitForSignInEmail } from "./outbox.ts";

// A booker at Northgate Motors no other journey signs in as (3 sign-in emails per address per
// 15 minutes); the account's saved addresses are hers to pick from.
const OMAR = "omar.haddad@northgatemotors.example";

/** What a screen reader would announce for the focused control: its group's legend and its label. */
function focusedName(page: Page): Promise<string> {
	return page.evaluate(() => {
		const el = document.activeElement as HTMLElement | null;
		if (!el) return "";
		const legend = el.closest("fieldset")?.querySelector("legend")?.textContent ?? "";
		const own =
			(el as HTMLInputElement).labels?.[0]?.textContent ??
			el.getAttribute("aria-label") ??
			el.textContent ??
			"";
		return `${legend.trim()} › ${own.trim()}`;
	});
}

/** Presses Tab until the focused control's name matches, as a keyboard user does. */
async function tabTo(page: Page, name: RegExp): Promise<void> {
	const seen: string[] = [];
	for (let i = 0; i < 80; i++) {
		await page.keyboard.press("Tab");
		const focused = await focusedName(page);
		if (name.test(focused)) return;
		seen.push(focused);
	}
	assert.fail(`Tab never reached ${name}; it went through: ${seen.join(" | ")}`);
}

describe("keyboard only", () => {
	it("signs in and books a pickup without touching the mouse", async () => {
		await journey("keyboard booking", async (page) => {
			await page.goto("/c/acme-courier/book");
			await page.getByRole("heading", { name: "Sign in to Acme Courier" }).waitFor();
			await tabTo(page, /Email address/);
			await page.keyboard.type(OMAR);
			const since = Date.now();
			await page.keyboard.press("Enter");
			await page.getByRole("heading", { name: "Check your email" }).waitFor();
			const code = signInCode(await waitForSignInEmail(OMAR, since));
			await tabTo(page, /Sign-in code/);
			await page.keyboard.type(code);
			await page.keyboard.press("Enter");

			await page.getByRole("heading", { name: "Book a pickup" }).waitFor();
			const reference = `KB-${crypto.randomUUID().slice(0, 8)}`;
			await tabTo(page, /^Pickup › Saved addresses/);
			await page.keyboard.press("ArrowDown");
			assert.notEqual(
				await page.getByRole("group", { name: "Pickup" }).getByLabel("Street address").inputValue(),
				"",
				"choosing a saved address with the arrow key fills the pickup",
			);
			await tabTo(page, /^Drop-off › Street address/);
			await page.keyboard.type("1 Centre Street");
			await tabTo(page, /^Drop-off › City/);
			await page.keyboard.type("New York");
			await tabTo(page, /What are we carrying\?/);
			await page.keyboard.type("A sealed envelope");
			await tabTo(page, /Reference \/ PO/);
			await page.keyboard.type(reference);
			await tabTo(page, /Book pickup/);
			await page.keyboard.press("Enter");

			await page.getByText(/Booked — job #\d+/).waitFor();
			await page.getByRole("heading", { level: 1, name: /^Job #\d+$/ }).waitFor();
			assert.ok(await page.getByText(reference).isVisible(), "the booked job shows the reference typed");
		});
	});
});
