import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertAccessible } from "./axe.ts";
import { baseUrl, journey, personContext } from "./browser.ts";
import { signInByCode } from "./sign-in-steps.ts";

// People no other journey signs in as more than twice (3 sign-in emails per address per 15
// minutes): Ines Duarte, a booker at Northgate Motors, and Alex Novak, an Acme dispatcher.
const CUSTOMER = "ines.duarte@northgatemotors.example";
const DISPATCHER = "alex@acme-courier.example";
const NOTE = "Gate code 4417, ring the service bell";
const REASON = "The meeting moved to next week";

/** A pickup in Acme's zone, ready in an hour, due three hours later (wall clock, New York). */
function pickupBooking() {
	const wall = (ms: number) =>
		new Intl.DateTimeFormat("sv-SE", {
			timeZone: "America/New_York",
			year: "numeric",
			month: "2-digit",
			day: "2-digit",
			hour: "2-digit",
			minute: "2-digit",
		})
			.format(ms)
			.replace(" ", "T");
	return {
		kind: "pickup_delivery",
		pickup: { address: { line1: "1 Northgate Plaza", city: "Yonkers", region: "NY" } },
		dropoff: { address: { line1: "60 Centre Street", city: "New York", region: "NY" } },
		readyAt: wall(Date.now() + 3_600_000),
		deliverBy: wall(Date.now() + 4 * 3_600_000),
		packageDescription: "Title documents",
	};
}

describe("customer job changes", () => {
	it("a customer adds a note and cancels a job; the dispatcher console shows it cancelled", async () => {
		await journey("customer cancels a job", async (page) => {
			await page.goto("/c/acme-courier");
			await signInByCode(page, CUSTOMER);
			// Signed in only once the account menu shows (the sign-in page has a heading of its own).
			await page.getByText("Signed in as").waitFor();
			// The job to change: booked a moment ago (the booking form has journeys of its own).
			const booked = await page.request.post("/api/c/acme-courier/bookings", {
				headers: { "Idempotency-Key": crypto.randomUUID(), Origin: baseUrl },
				data: pickupBooking(),
			});
			assert.equal(booked.status(), 201, await booked.text());
			const job = (await booked.json()) as { id: string; number: number };

			await page.goto(`/c/acme-courier/jobs/${job.id}`);
			await page.getByRole("heading", { level: 1, name: `Job #${job.number}` }).waitFor();

			// (1) A note for the driver: it lands in the job's activity.
			await page.getByRole("button", { name: "Send", exact: true }).click();
			await page.getByText("Write a note or choose a photo.").waitFor();
			await page.getByLabel("Note", { exact: true }).fill(NOTE);
			await page.getByRole("button", { name: "Send", exact: true }).click();
			await page.getByRole("status").filter({ hasText: "Acme Courier has been told" }).waitFor();
			const activity = page.getByRole("region", { name: "Activity" });
			await activity.getByText(NOTE).waitFor();
			assert.equal(await page.getByLabel("Note", { exact: true }).inputValue(), "");
			await assertAccessible(page, "the portal job page with its change and note forms");

			// (2) Cancel, with the confirm step and a reason.
			await page.getByRole("button", { name: "Cancel booking" }).click();
			await page.getByText(`Cancel job #${job.number}? This can't be undone.`).waitFor();
			await page.getByLabel("Reason (optional)").fill(REASON);
			await page.getByRole("button", { name: "Yes, cancel booking" }).click();
			await page
				.getByRole("status")
				.filter({ hasText: "Booking cancelled. Acme Courier has been told." })
				.waitFor();
			await activity.getByText(`Cancelled: ${REASON}`).waitFor();
			assert.equal(
				await page.getByRole("button", { name: "Cancel booking" }).count(),
				0,
				"nothing left to cancel",
			);
			assert.equal(
				await page.getByRole("button", { name: "Send", exact: true }).count(),
				0,
				"a cancelled job takes no notes",
			);

			// (3) The dispatcher sees it cancelled, with the customer's note and reason.
			const browser = page.context().browser();
			assert.ok(browser, "the journey's page belongs to a browser");
			const context = await personContext(browser, { viewport: { width: 1440, height: 900 } });
			try {
				const desk = await context.newPage();
				await desk.goto(`/d/acme-courier/jobs/${job.id}`);
				await signInByCode(desk, DISPATCHER);
				await desk.getByRole("heading", { level: 1, name: `Job #${job.number}` }).waitFor();
				await desk.getByText("Cancelled", { exact: true }).first().waitFor();
				await desk.getByText(`Cancelled: ${REASON}`).waitFor();
				await desk.getByText(NOTE).first().waitFor();
				await desk.goto("/d/acme-courier/inbox");
				await desk
					.getByRole("link", { name: `Ines Duarte (Northgate Motors) cancelled job #${job.number}` })
					.waitFor();
			} finally {
				await context.close();
			}
		});
	});
});
