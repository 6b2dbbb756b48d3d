import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { baseUrl, journey } from "./browser.ts";
import { startVersionedOrigin, type VersionedOrigin } from "./next-version.ts";

/** The version the page runs, from its HTML shell: the one deployed last once it took over. */
const runningVersion = (page: Page) =>
	page.evaluate(
		() => document.querySelector('meta[name="fleet-portal-version"]')?.getAttribute("content") ?? "first",
	);

/** Deploys `version`, has the page look for it as coming back to the app does, and reloads into it. */
async function updateTo(page: Page, from: string, version: string): Promise<void> {
	origin.deploy(version);
	// Coming back to the app (a tab switched to, a phone unlocked) is when it looks for one.
	await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
	await page.getByText("A new version is ready").waitFor();
	assert.equal(await runningVersion(page), from, "nothing changes under the person's feet");

	await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: "Reload" }).click()]);
	await page.getByRole("heading", { name: "Welcome to Acme Courier" }).waitFor();
	assert.equal(await runningVersion(page), version);
	// Not offered again: once the new worker controls the page and none waits behind it, the app
	// has had its chance to find one.
	await page.waitForFunction(async () => {
		const registration = await navigator.serviceWorker.getRegistration();
		return Boolean(
			navigator.serviceWorker.controller &&
				registration?.active &&
				!registration.installing &&
				!registration.waiting,
		);
	});
	assert.equal(await page.getByText("A new version is ready").count(), 0);
}

let origin: VersionedOrigin;

before(async () => {
	origin = await startVersionedOrigin(baseUrl);
});

after(async () => {
	await origin.stop();
});

describe("a new version of the app", () => {
	it("is offered once it is installed, and reloading into it lands on it, on a first visit and after", async () => {
		await journey("service worker update", async (page) => {
			await page.goto(`${origin.url}/c/acme-courier`);
			await page.getByRole("heading", { name: "Welcome to Acme Courier" }).waitFor();
			await page.getByText("This app now works offline.").waitFor();
			assert.equal(await runningVersion(page), "first");

			// The page the service worker was first installed from: it was not controlled when it
			// registered, and must still reload into the update.
			await updateTo(page, "first", "second");
			// A page the worker controlled from the start.
			await updateTo(page, "second", "third");
		});
	});
});
