// Booking a pickup in the portal, as a customer would.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";

export type Pickup = { from: string; to: string; city: string; carrying: string };

/** Books a pickup on the portal's open booking form; returns the job number its confirmation names. */
export async function bookPickup(page: Page, pickup: Pickup): Promise<string> {
	await page.getByRole("heading", { name: "Book a pickup" }).waitFor();
	const from = page.getByRole("group", { name: "Pickup" });
	await from.getByLabel("Street address").fill(pickup.from);
	await from.getByLabel("City").fill(pickup.city);
	const to = page.getByRole("group", { name: "Drop-off" });
	await to.getByLabel("Street address").fill(pickup.to);
	await to.getByLabel("City").fill(pickup.city);
	await page.getByLabel("What are we carrying?").fill(pickup.carrying);
	await page.getByRole("button", { name: "Book pickup" }).click();
	const booked = page.getByText(/Booked — job #\d+\./);
	await booked.waitFor();
	const number = /#(\d+)/.exec((await booked.textContent()) ?? "")?.[1];
	assert.ok(number, "the confirmation names the job number");
	return number;
}
