import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Page } from "playwright-core";
import { baseUrl, journey } from "./browser.ts";
import { signInByCode } from "./sign-in-steps.ts";

// Tom Becker, a booker at Bayside Plumbing's Harbor View Properties: no other journey signs in
// as him (the server sends at most 3 emails per address per 15 minutes).
const TOM = "tom@harborview.example";

/** The job cards' headings once the list for the current filters has loaded. */
async function loadedJobHeadings(page: Page): Promise<string[]> {
	await page.locator('section[aria-label="Jobs"][aria-busy="false"]').waitFor();
	return page.getByRole("article").getByRole("heading").allTextContents();
}

describe("installing the portal and opening it offline", () => {
	it("serves the service worker for revalidation on every load, so updates are found", async () => {
		const res = await fetch(`${baseUrl}/sw.js`);
		assert.equal(res.status, 200);
		assert.equal(res.headers.get("cache-control"), "no-cache");
		assert.match(res.headers.get("content-type") ?? "", /javascript/);
		assert.match(res.headers.get("content-security-policy") ?? "", /script-src 'self'/);
	});

	it("links the tenant's manifest, reopens the last-seen jobs offline, and forgets them on sign-out", async () => {
		await journey("installable portal offline", async (page) => {
			await page.goto("/c/bayside-plumbing/jobs");
			await signInByCode(page, TOM);
			await page.getByRole("heading", { level: 1, name: "Your jobs" }).waitFor();

			const href = await page.locator('link[rel="manifest"]').getAttribute("href");
			assert.equal(href, "/c/bayside-plumbing/manifest.webmanifest");
			const answer = await page.request.get(href);
			assert.equal(answer.headers()["content-type"], "application/manifest+json");
			const manifest = (await answer.json()) as { name: string; start_url: string; display: string };
			assert.equal(manifest.name, "Bayside Plumbing");
			assert.equal(manifest.start_url, "/c/bayside-plumbing/");
			assert.equal(manifest.display, "standalone");

			// The service worker says so once the app shell is stored.
			await page.getByText("This app now works offline.").waitFor();
			await page.reload();
			const seen = await loadedJobHeadings(page);
			assert.ok(seen.length > 0, "Tom has jobs to see");
			assert.equal(await page.getByText(/^Offline — /).count(), 0, "online answers are live");

			await page.context().setOffline(true);
			await page.reload();
			await page.getByText(/^Offline — showing what you saw at \d{1,2}:\d{2}\s?[AP]M$/).waitFor();
			await page.getByRole("heading", { level: 1, name: "Your jobs" }).waitFor();
			assert.ok(await page.getByText("Bayside Plumbing").first().isVisible(), "the shell shows the tenant");
			assert.deepEqual(await loadedJobHeadings(page), seen);

			// Signing out forgets the kept answers: offline, the device shows no one's jobs.
			await page.context().setOffline(false);
			await page.reload();
			await loadedJobHeadings(page);
			await page.getByRole("button", { name: "Signed in as Tom Becker" }).click();
			await page.getByRole("button", { name: "Sign out", exact: true }).click();
			await page.getByLabel("Email address").waitFor();
			await page.context().setOffline(true);
			await page.reload();
			await page.getByText("We couldn't reach the server. Check your connection and try again.").waitFor();
			assert.ok(await page.getByText("Bayside Plumbing").first().isVisible(), "the shell still opens");
			assert.equal(await page.getByRole("article").count(), 0, "no jobs shown after signing out");
		});
	});
});
