import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertAccessible } from "./axe.ts";
import { journey } from "./browser.ts";
import { signInByCode } from "./sign-in-steps.ts";

// Sofia Alvarez, Northgate Motors' admin: signs in once here (one other journey signs in as her).
const SOFIA = "sofia@northgatemotors.example";

describe("repeat bookings", () => {
	it("a customer sets up a weekly booking, sees its next dates in words and skips one", async () => {
		await journey("customer sets up a repeat booking", async (page) => {
			await page.goto("/c/acme-courier/book");
			await signInByCode(page, SOFIA);
			await page.getByRole("heading", { name: "Book a pickup" }).waitFor();
			const from = page.getByRole("group", { name: "Pickup" });
			await from.getByLabel("Street address").fill("410 Route 17");
			await from.getByLabel("City").fill("Paramus");
			const to = page.getByRole("group", { name: "Drop-off" });
			await to.getByLabel("Street address").fill("88 Industrial Ave");
			await to.getByLabel("City").fill("Hackensack");
			await page.getByLabel("What are we carrying?").fill("Weekly invoices run");

			// Repeat it: every week on Tuesday and Friday at 10:30.
			await page.getByLabel("Repeat this booking").check();
			await page.getByLabel("Every week, on some days").check();
			const days = page.getByRole("group", { name: "Days of the week" });
			await days.getByLabel("Monday").uncheck();
			await days.getByLabel("Tuesday").check();
			await days.getByLabel("Friday").check();
			await page.getByLabel("Time", { exact: true }).fill("10:30");
			await page.getByRole("button", { name: "Set up repeat booking" }).click();

			await page.getByText("Your repeat booking is set up.").waitFor();
			const series = page.getByRole("article", { name: "Every Tuesday and Friday at 10:30 AM" });
			await series.waitFor();
			await series.getByText("410 Route 17 → 88 Industrial Ave").waitFor();
			const dates = series.getByRole("listitem");
			assert.ok((await dates.count()) >= 2, "the next dates are listed");
			const first = (await dates.first().locator(".recurring-when").textContent()) ?? "";
			assert.match(first, /^(Tue|Fri), [A-Z][a-z]{2} \d{1,2}, 10:30\sAM$/, first);
			await assertAccessible(page, "the portal's repeat bookings page");

			// Skip the first date: it stays listed, struck through and marked skipped.
			await series.getByRole("button", { name: `Skip ${first}` }).click();
			await dates.first().getByText("Skipped").waitFor();
			assert.equal(await series.getByRole("button", { name: `Skip ${first}` }).count(), 0);

			// And the API says the same, after a reload.
			const list = await page.request.get("/api/c/acme-courier/recurring");
			const body = (await list.json()) as {
				items: Array<{ rrule: string; upcoming: Array<{ state: string }> }>;
			};
			const mine = body.items.find((s) =>
				s.rrule.startsWith("FREQ=WEEKLY;BYDAY=TU,FR;BYHOUR=10;BYMINUTE=30"),
			);
			assert.ok(mine, "the series is stored as an RRULE");
			assert.equal(mine.upcoming[0]?.state, "skipped");
			await page.reload();
			await page
				.getByRole("article", { name: "Every Tuesday and Friday at 10:30 AM" })
				.getByText("Skipped")
				.first()
				.waitFor();
		});
	});
});
