import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Page } from "playwright-core";
import { assertAccessible } from "./axe.ts";
import { journey } from "./browser.ts";
import { signInCode, waitForSignInEmail } from "./outbox.ts";
import { requestEmail, signInByCode } from "./sign-in-steps.ts";

// Addresses no other journey signs in with (3 sign-in emails per address per 15 minutes).
const SOFIA = "sofia@northgatemotors.example"; // Northgate Motors, account admin at Acme Courier
const NADIA = "nadia@bayside-plumbing.example"; // Bayside Plumbing admin
const AVA = "ava@bayside-plumbing.example"; // Bayside Plumbing technician
const DESKTOP = { width: 1280, height: 900 };

/** Visits every link of the page's main navigation and checks each page it leads to. */
async function checkEveryNavPage(page: Page, area: string): Promise<number> {
	const nav = page.getByRole("navigation").first();
	const hrefs = [
		...new Set(
			(
				await nav.getByRole("link").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""))
			).filter((href) => href.startsWith("/")),
		),
	];
	for (const href of hrefs) {
		await page.goto(href);
		await page.locator('main:not([aria-busy="true"])').waitFor();
		await page.waitForLoadState("networkidle");
		await assertAccessible(page, `${area} ${href}`);
	}
	return hrefs.length;
}

describe("accessibility (axe-core, WCAG 2.2 AA)", () => {
	it("has no serious violations on the public pages", async () => {
		await journey("a11y public pages", async (page) => {
			for (const [path, heading] of [
				["/", /Fleet Portal/],
				["/c/acme-courier", /Welcome to Acme Courier/],
				["/c/bayside-plumbing", /Welcome to Bayside Plumbing/],
				["/c/nope", /Portal not found/],
				["/c/acme-courier/sign-in/verify#token=not-a-real-token", /Continue to Acme Courier/],
				["/d/acme-courier", /Acme Courier/],
				["/t/acme-courier", /Acme Courier/],
			] as const) {
				await page.goto(path);
				await page.getByRole("heading", { name: heading }).first().waitFor();
				await assertAccessible(page, path);
			}
		});
	});

	it("has no serious violations anywhere in the signed-in portal, errors included", async () => {
		await journey("a11y portal", async (page) => {
			await page.goto("/c/acme-courier");
			const since = await requestEmail(page, SOFIA);
			await assertAccessible(page, "the code step");
			await page.getByLabel("Sign-in code").fill("000000");
			await page.getByRole("button", { name: "Sign in", exact: true }).click();
			await page.locator('input[aria-invalid="true"]').waitFor();
			await assertAccessible(page, "a wrong code");
			await page.getByLabel("Sign-in code").fill(signInCode(await waitForSignInEmail(SOFIA, since)));
			await page.getByRole("button", { name: "Sign in", exact: true }).click();
			await page.getByText("Signed in as").waitFor();
			await assertAccessible(page, "portal home");

			assert.ok((await checkEveryNavPage(page, "portal")) >= 2, "the portal has a navigation to check");

			await page.goto("/c/acme-courier/book");
			await page.getByRole("heading", { name: "Book a pickup" }).waitFor();
			await page.getByRole("button", { name: "Book pickup" }).click();
			await page.getByRole("heading", { name: /^Check \d+ fields?$/ }).waitFor();
			await assertAccessible(page, "the booking form showing its errors");

			await page.goto("/c/acme-courier/jobs?status=past");
			await page.locator('section[aria-label="Jobs"][aria-busy="false"]').waitFor();
			await page.getByRole("article").first().getByRole("link").click();
			await page.getByRole("heading", { level: 1, name: /^Job #\d+$/ }).waitFor();
			await assertAccessible(page, "a job's detail");

			// Estimates: the list filtered, one estimate (the demo's Northgate has one awaiting an answer),
			// and the quote request form showing its errors.
			await page.goto("/c/acme-courier/estimates?status=awaiting");
			await page.locator('section[aria-label="Estimates"][aria-busy="false"]').waitFor();
			await assertAccessible(page, "the estimates awaiting an answer");
			await page.getByRole("article").first().getByRole("link").click();
			await page.getByRole("heading", { level: 1, name: /^Estimate #\d+$/ }).waitFor();
			await page.getByRole("button", { name: /^Approve / }).waitFor();
			await assertAccessible(page, "an estimate awaiting approval");
			await page.getByRole("button", { name: /^Approve / }).click();
			await page.locator('input[aria-invalid="true"]').waitFor();
			await assertAccessible(page, "an approval without a name");
			await page.goto("/c/acme-courier/estimates/request");
			await page.getByRole("heading", { level: 1, name: "Request a quote" }).waitFor();
			await page.getByRole("button", { name: "Send request" }).click();
			await page.getByRole("heading", { name: /^Check \d+ fields?$/ }).waitFor();
			await assertAccessible(page, "the quote request form showing its errors");
		});
	});

	it("has no serious violations in the dispatcher console", async () => {
		await journey(
			"a11y console",
			async (page) => {
				await page.goto("/d/bayside-plumbing");
				await signInByCode(page, NADIA);
				await page.getByText("Signed in as").waitFor();
				await page.waitForLoadState("networkidle");
				await assertAccessible(page, "the console's first page");
				await checkEveryNavPage(page, "console");

				// Estimates: one of the demo's, the form showing its errors, the quote requests.
				await page.goto("/d/bayside-plumbing/estimates?status=changes_requested");
				await page.locator('section[aria-label="Estimates"][aria-busy="false"]').waitFor();
				await page.getByRole("table").getByRole("link").first().click();
				await page.getByRole("heading", { level: 1, name: /^Estimate #\d+$/ }).waitFor();
				await page.waitForLoadState("networkidle");
				await assertAccessible(page, "an estimate in the console");
				await page.goto("/d/bayside-plumbing/estimates/new");
				await page.getByRole("heading", { level: 1, name: "New estimate" }).waitFor();
				await page.getByRole("button", { name: "Save draft" }).click();
				await page.getByRole("heading", { name: /^Check \d+ fields?$/ }).waitFor();
				await assertAccessible(page, "the estimate form showing its errors");
				await page.goto("/d/bayside-plumbing/estimates/requests");
				await page.locator('section[aria-label="Quote requests"][aria-busy="false"]').waitFor();
				await assertAccessible(page, "the quote requests");
			},
			{ viewport: DESKTOP },
		);
	});

	it("has no serious violations in the technician app", async () => {
		await journey("a11y technician", async (page) => {
			await page.goto("/t/bayside-plumbing");
			await signInByCode(page, AVA);
			await page.getByText("Signed in as").waitFor();
			await page.waitForLoadState("networkidle");
			await assertAccessible(page, "the technician's jobs");
		});
	});
});
