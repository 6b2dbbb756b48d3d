import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Locator, Page } from "playwright-core";
import { journey } from "./browser.ts";
import { gainsFocus } from "./focus.ts";
import { signInByCode } from "./sign-in-steps.ts";

// People at two of Acme Courier's accounts, one to each journey: no other journey signs in as
// them (the server sends at most 3 emails per address per 15 minutes).
// Northgate Motors' bookers, with the account's saved "Parts counter" and "Service bay":
const KEN = "ken.okafor@northgatemotors.example";
const INES = "ines.duarte@northgatemotors.example";
// Riverside Family Clinic: Marcus Hill has four completed jobs; Helen Okoro, the account's
// admin, sees all of the account's.
const MARCUS = "m.hill@riversideclinic.example";
const HELEN = "h.okoro@riversideclinic.example";

/** Opens a signed-in page of Acme's portal, signing in on the way as a person would. */
async function openAs(page: Page, path: string, address: string): Promise<void> {
	await page.goto(`/c/acme-courier${path}`);
	await signInByCode(page, address);
	await page.getByText("Signed in as").waitFor();
}

/** Picks the option of a drop-down whose text starts with `text`. */
async function chooseOption(select: Locator, text: string): Promise<void> {
	await select.waitFor();
	const options = await select.locator("option").allTextContents();
	const label = options.find((o) => o.startsWith(text));
	assert.ok(label, `no option starting with “${text}” in: ${options.join(" | ")}`);
	await select.selectOption({ label });
}

/** The job cards once the list for the current filters has loaded. */
async function loadedJobCards(page: Page): Promise<Locator> {
	await page.locator('section[aria-label="Jobs"][aria-busy="false"]').waitFor();
	return page.getByRole("article");
}

/** The text of the message an input points at with aria-describedby (its error comes first). */
async function describedMessage(page: Page, input: Locator): Promise<string> {
	const describedBy = (await input.getAttribute("aria-describedby")) ?? "";
	const first = describedBy.split(" ")[0];
	assert.ok(first, "the field points at its message");
	return ((await page.locator(`[id="${first}"]`).textContent()) ?? "").trim();
}

describe("booking and job history", () => {
	it("books a pickup exactly once when Book pickup is double-clicked", async () => {
		await journey("booking double click", async (page) => {
			const reference = `E2E-${crypto.randomUUID().slice(0, 8)}`;
			await openAs(page, "/book", KEN);
			await page.getByRole("heading", { name: "Book a pickup" }).waitFor();

			const pickup = page.getByRole("group", { name: "Pickup" });
			await chooseOption(pickup.getByLabel("Saved addresses"), "Parts counter");
			assert.equal(await pickup.getByLabel("Street address").inputValue(), "88 Route 4 West, Parts");
			assert.equal(await pickup.getByLabel("City").inputValue(), "Hackensack");

			const dropoff = page.getByRole("group", { name: "Drop-off" });
			await dropoff.getByLabel("Street address").fill("350 Fifth Avenue");
			await dropoff.getByLabel("City").fill("New York");
			await dropoff.getByLabel("State/region").fill("NY");
			await dropoff.getByLabel("ZIP/postal code").fill("10118");
			await page.getByLabel("What are we carrying?").fill("Two boxes of brochures");
			await page.getByLabel("Reference / PO").fill(reference);
			assert.match((await page.getByText(/^Times are in /).textContent()) ?? "", /America\/New_York/);

			const bookingPosts: string[] = [];
			page.on("request", (req) => {
				if (req.method() === "POST" && req.url().endsWith("/bookings"))
					bookingPosts.push(req.headers()["idempotency-key"] ?? "");
			});
			await page.getByRole("button", { name: "Book pickup" }).dblclick();
			await page.getByText(/Booked — job #\d+\. You'll get an email confirmation\./).waitFor();
			assert.match(new URL(page.url()).pathname, /^\/c\/acme-courier\/jobs\/[^/]+$/);
			assert.equal(bookingPosts.length, 1, "the second click of the double click sent nothing");
			assert.ok(bookingPosts[0], "the booking carried an Idempotency-Key");
			await page.getByRole("heading", { level: 1, name: /^Job #\d+$/ }).waitFor();
			assert.ok(await page.getByText(reference).isVisible());

			await page.getByRole("link", { name: "Back to your jobs" }).first().click();
			await page.getByRole("heading", { name: "Your jobs" }).waitFor();
			await page.getByLabel("Search").fill(reference);
			await page.getByRole("button", { name: "Search" }).click();
			await page.waitForURL((url) => url.searchParams.get("q") === reference);
			const cards = await loadedJobCards(page);
			assert.equal(await cards.filter({ hasText: reference }).count(), 1, "exactly one job was booked");
			assert.equal(await cards.count(), 1);
		});
	});

	it("shows why Deliver by was refused beside it, keeps what was typed, then books across a lost connection", async () => {
		await journey("booking validation", async (page) => {
			await openAs(page, "/book", INES);
			const pickup = page.getByRole("group", { name: "Pickup" });
			await chooseOption(pickup.getByLabel("Saved addresses"), "Service bay");
			const dropoff = page.getByRole("group", { name: "Drop-off" });
			await dropoff.getByLabel("Street address").fill("1 Police Plaza");
			await dropoff.getByLabel("City").fill("New York");
			await page.getByLabel("What are we carrying?").fill("Keys in an envelope");

			const readyAt = await page.getByLabel("Ready at").inputValue();
			assert.match(readyAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "Ready at has a default");
			const deliverBy = page.getByLabel("Deliver by");
			const defaultDeliverBy = await deliverBy.inputValue();
			assert.ok(defaultDeliverBy > readyAt, "Deliver by defaults to after Ready at");
			await deliverBy.fill(readyAt); // not after Ready at
			await page.getByRole("button", { name: "Book pickup" }).click();

			await page.getByRole("heading", { name: "Check 1 field" }).waitFor();
			assert.equal(await deliverBy.getAttribute("aria-invalid"), "true");
			assert.equal(await describedMessage(page, deliverBy), "Deliver-by must be after ready-at.");
			assert.ok(await gainsFocus(deliverBy), "Deliver by has focus");

			assert.equal(new URL(page.url()).pathname, "/c/acme-courier/book");
			assert.equal(await pickup.getByLabel("Street address").inputValue(), "90 Route 4 West");
			assert.equal(await dropoff.getByLabel("Street address").inputValue(), "1 Police Plaza");
			assert.equal(await page.getByLabel("What are we carrying?").inputValue(), "Keys in an envelope");
			assert.equal(await page.getByLabel("Ready at").inputValue(), readyAt);
			assert.equal(await deliverBy.inputValue(), readyAt);

			// Fixed, and sent while the connection drops once: retried with the same key, booked once.
			const keys: string[] = [];
			let dropped = false;
			await page.route("**/api/c/acme-courier/bookings", async (route) => {
				keys.push(route.request().headers()["idempotency-key"] ?? "");
				if (dropped) return route.continue();
				dropped = true;
				return route.abort("internetdisconnected");
			});
			await deliverBy.fill(defaultDeliverBy);
			await page.getByRole("button", { name: "Book pickup" }).click();
			await page.getByText("Connection lost — retrying…").waitFor();
			await page.getByText(/Booked — job #\d+/).waitFor();
			assert.equal(keys.length, 2);
			assert.equal(new Set(keys).size, 1, "the retry carried the same Idempotency-Key");
		});
	});

	it("books again from a past job with its pickup address filled in", async () => {
		await journey("booking book again", async (page) => {
			await openAs(page, "/jobs?status=past", MARCUS);
			const cards = await loadedJobCards(page);
			await cards.first().getByRole("link").click();
			await page.getByRole("heading", { level: 1, name: /^Job #\d+$/ }).waitFor();

			const pickupStop = page
				.getByRole("listitem")
				.filter({ has: page.getByRole("heading", { name: "Pickup" }) });
			const shownAddress = ((await pickupStop.locator("address").textContent()) ?? "").trim();
			assert.ok(shownAddress, "the job shows its pickup address");

			await page.getByRole("link", { name: "Book again" }).click();
			await page.getByRole("heading", { name: "Book a pickup" }).waitFor();
			assert.match(new URL(page.url()).search, /^\?from=/);
			const pickup = page.getByRole("group", { name: "Pickup" });
			const street = await pickup.getByLabel("Street address").inputValue();
			assert.ok(
				street && shownAddress.startsWith(street),
				`“${street}” is the job's pickup: ${shownAddress}`,
			);
			assert.notEqual(await page.getByLabel("What are we carrying?").inputValue(), "");
			// New times, not the old job's: ready at is today or later in the tenant's zone.
			const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York" }).format(Date.now());
			assert.ok((await page.getByLabel("Ready at").inputValue()) >= today);
		});
	});

	it("filters the history to past jobs and loads more onto the list", async () => {
		await journey("history filters", async (page) => {
			// Two to a page, so the account's past jobs take more than one.
			await openAs(page, "/jobs?limit=2", HELEN);
			await page.getByRole("link", { name: "Past" }).click();
			await page.waitForURL((url) => url.searchParams.get("status") === "past");
			assert.equal(await page.getByRole("link", { name: "Past" }).getAttribute("aria-current"), "page");

			const cards = await loadedJobCards(page);
			assert.equal(await cards.count(), 2);
			const firstTitle = await cards.first().getByRole("heading").textContent();

			await page.getByRole("button", { name: "Load more" }).click();
			await cards.nth(2).waitFor();
			assert.ok((await cards.count()) > 2, "Load more appends");
			assert.equal(
				await cards.first().getByRole("heading").textContent(),
				firstTitle,
				"and keeps the first page",
			);

			for (const text of await cards.allTextContents()) {
				assert.match(text, /Completed|Cancelled/, `a past job: ${text}`);
				assert.doesNotMatch(
					text,
					/Booked|Assigned|On the way|In progress|Paused/,
					`not a current job: ${text}`,
				);
			}

			await page.reload();
			assert.equal(await page.getByRole("link", { name: "Past" }).getAttribute("aria-current"), "page");
			assert.equal(await (await loadedJobCards(page)).count(), 2, "the filters survive a reload");
		});
	});
});
