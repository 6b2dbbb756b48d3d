import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Page } from "playwright-core";
import { journey } from "./browser.ts";
import { signInByCode } from "./sign-in-steps.ts";

// Bayside Plumbing lets new customers sign themselves up: each journey is a customer of its
// own, so none shares another's send budget or sees another's bookings.
const newCustomer = () => `offline-${crypto.randomUUID().slice(0, 8)}@customers.example`;
const PORTAL = "/c/bayside-plumbing";

/** "YYYY-MM-DD" `days` from today in Bayside's zone. */
function dayInBayside(days: number): string {
	const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Los_Angeles" }).format(Date.now());
	return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Signs a new customer in on the booking form, once the app is stored for offline use. */
async function openBookingFormOfflineReady(page: Page): Promise<void> {
	await page.goto(`${PORTAL}/book`);
	await signInByCode(page, newCustomer());
	await page.getByRole("heading", { level: 1, name: "Book a service call" }).waitFor();
	await page.getByText("This app now works offline.").waitFor();
	// Loaded again under the service worker, so who is signed in is kept for an offline reload.
	await page.reload();
	await page.getByRole("heading", { level: 1, name: "Book a service call" }).waitFor();
}

async function fillServiceCall(page: Page, reference: string): Promise<void> {
	const service = page.getByRole("group", { name: "Service address" });
	await service.getByLabel("Street address").fill("500 Beach Street, Building B");
	await service.getByLabel("City").fill("San Francisco");
	await page.getByLabel("What needs doing?").fill("The kitchen tap drips");
	await page.getByLabel("Reference / PO (optional)").fill(reference);
}

/** The Idempotency-Key of every booking POST the page sent. */
function bookingKeys(page: Page): string[] {
	const keys: string[] = [];
	page.on("request", (req) => {
		if (req.method() === "POST" && req.url().endsWith("/bookings"))
			keys.push(req.headers()["idempotency-key"] ?? "");
	});
	return keys;
}

/** The customer's jobs whose text matches `reference`, as the API lists them. */
async function jobsWithReference(
	page: Page,
	reference: string,
): Promise<Array<{ reference: string | null }>> {
	const res = await page.request.get(`/api${PORTAL}/jobs?q=${encodeURIComponent(reference)}`);
	assert.equal(res.status(), 200);
	return ((await res.json()) as { items: Array<{ reference: string | null }> }).items;
}

describe("booking without a connection", () => {
	it("keeps a booking made offline waiting across a reload, shows it on home, and books it once when back online", async () => {
		await journey("offline booking waits and is sent once", async (page) => {
			const reference = `OFF-${crypto.randomUUID().slice(0, 8)}`;
			await openBookingFormOfflineReady(page);
			await fillServiceCall(page, reference);
			const keys = bookingKeys(page);

			await page.context().setOffline(true);
			await page.getByRole("button", { name: "Book service call" }).click();
			const waiting = page.getByRole("region", { name: "Waiting to send" });
			await waiting.getByText("We'll book it as soon as you're back online.").waitFor();
			assert.ok(new URL(page.url()).searchParams.get("waiting"), "the page names the waiting booking");
			assert.ok(await waiting.getByText("500 Beach Street, Building B, San Francisco").isVisible());
			assert.ok(await waiting.getByText(reference).isVisible());

			// Still offline: a reload finds it waiting, and so does the home page.
			await page.reload();
			await waiting.getByText("We'll book it as soon as you're back online.").waitFor();
			await page.getByRole("button", { name: "Try now" }).click();
			await waiting.getByText("Still no connection — we'll keep trying.").waitFor();
			await page.getByRole("link", { name: "Back to home" }).click();
			const onHome = page.getByRole("region", { name: "Waiting to send" });
			const card = onHome.getByRole("article").filter({ hasText: reference });
			await card.getByText("Waiting to send").waitFor();
			assert.ok(await card.getByText("500 Beach Street, Building B, San Francisco").isVisible());
			await card.getByRole("link", { name: "A service call" }).click();
			await waiting.waitFor();
			assert.equal((await jobsWithReference(page, reference)).length, 0, "nothing is booked while offline");

			// Back online: sent by itself under the form's key, and the confirmation opens.
			await page.context().setOffline(false);
			await page.getByText(/^Booked — job #\d+\.$/).waitFor();
			assert.match(new URL(page.url()).pathname, /^\/c\/bayside-plumbing\/jobs\/[^/]+$/);
			assert.ok(await page.getByText(reference).isVisible());
			const sent = keys.filter(Boolean);
			assert.ok(sent.length >= 1, "the booking was posted");
			assert.equal(new Set(sent).size, 1, `every send carried the one key: ${sent.join(", ")}`);
			assert.equal((await jobsWithReference(page, reference)).length, 1, "exactly one job was booked");

			await page.goto(PORTAL);
			await page.getByRole("heading", { name: "Active and upcoming" }).waitFor();
			await page.locator("article", { hasText: reference }).first().waitFor();
			assert.equal(await page.getByRole("region", { name: "Waiting to send" }).count(), 0);
		});
	});

	it("brings a booking the server refuses back to the form with what was typed and the message beside the field", async () => {
		await journey("offline booking refused", async (page) => {
			const reference = `REF-${crypto.randomUUID().slice(0, 8)}`;
			await openBookingFormOfflineReady(page);
			await fillServiceCall(page, reference);
			// Only the server checks the dates against each other, in the tenant's zone.
			await page.getByLabel("Preferred from").fill(dayInBayside(3));
			await page.getByLabel("Preferred to").fill(dayInBayside(2));

			await page.context().setOffline(true);
			await page.getByRole("button", { name: "Book service call" }).click();
			await page.getByRole("heading", { name: "Waiting to send" }).waitFor();
			await page.context().setOffline(false);

			await page
				.getByText("We couldn't book what you sent while offline. Check the details below and book again")
				.waitFor();
			// The field's message comes with the form's next render, after the banner: wait for it
			// before reading the field's state.
			await page.getByText("The last day must not be before the first.").first().waitFor();
			const preferredTo = page.getByLabel("Preferred to");
			assert.equal(await preferredTo.getAttribute("aria-invalid"), "true");
			const service = page.getByRole("group", { name: "Service address" });
			assert.equal(await service.getByLabel("Street address").inputValue(), "500 Beach Street, Building B");
			assert.equal(await page.getByLabel("What needs doing?").inputValue(), "The kitchen tap drips");
			assert.equal(await page.getByLabel("Reference / PO (optional)").inputValue(), reference);
			assert.equal((await jobsWithReference(page, reference)).length, 0, "nothing was booked");

			await preferredTo.fill(dayInBayside(4));
			await page.getByRole("button", { name: "Book service call" }).click();
			await page.getByText(/^Booked — job #\d+\.$/).waitFor();
			assert.equal((await jobsWithReference(page, reference)).length, 1, "booked once, once fixed");
		});
	});
});
