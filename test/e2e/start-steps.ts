// Starting a fleet at /start and setting it up from the first-run checklist, as its owner would.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { type OutboxEmail, waitForEmail } from "./outbox.ts";

/** A fleet of its own for one journey: its name, slug and owner are new on every run. */
export type NewFleet = { company: string; slug: string; owner: string; run: string };

/** "Lakeside Couriers" → "Lakeside Couriers 1a2b3c", "lakeside-couriers-1a2b3c", "morgan.lee@lakeside-1a2b3c.example". */
export function newFleet(name: string, owner: string): NewFleet {
	const run = crypto.randomUUID().slice(0, 6);
	const slugOf = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, "-");
	const [domain] = slugOf(name).split("-");
	return {
		company: `${name} ${run}`,
		slug: `${slugOf(name)}-${run}`,
		owner: `${owner}@${domain}-${run}.example`,
		run,
	};
}

function signUpLink(email: OutboxEmail): string {
	const match = email.text.match(/https?:\/\/[^\s<>"]+\/start\/confirm#token=[^\s<>"]+/);
	if (!match) throw new Error(`no sign-up link in:\n${email.text}`);
	return match[0];
}

/** Fills /start's form for a courier fleet: the slug is suggested from the name and checked free. */
export async function fillSignUp(page: Page, fleet: NewFleet, currency = "CAD"): Promise<void> {
	await page.goto("/start");
	await page.getByRole("heading", { name: "Start your fleet's portal" }).waitFor();
	await page.getByLabel("Company name").fill(fleet.company);
	assert.equal(await page.getByLabel("Portal address").inputValue(), fleet.slug);
	await page.getByText("This address is free.").waitFor();
	await page.getByLabel("Work email").fill(fleet.owner);
	const zone = await page.getByLabel("Time zone").inputValue();
	assert.equal(zone, await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone));
	await page.getByLabel("Currency").selectOption(currency);
	await page.getByLabel("Courier — pickups and deliveries").check();
}

/** Sends the filled form; returns the confirmation link from the owner's email. */
export async function submitSignUp(page: Page, fleet: NewFleet): Promise<string> {
	const since = Date.now();
	await page.getByRole("button", { name: "Start my portal" }).click();
	await page.getByRole("heading", { name: "Check your email" }).waitFor();
	const mail = await waitForEmail(fleet.owner, since, undefined, /^Confirm .* on Fleet Portal$/);
	assert.equal(mail.subject, `Confirm ${fleet.company} on Fleet Portal`);
	return signUpLink(mail);
}

export async function openConfirmation(page: Page, link: string): Promise<void> {
	await page.goto(link);
	await page.getByRole("heading", { name: "Confirm your fleet" }).waitFor();
}

/** Confirms on the open confirmation page; returns once the new console's board shows. */
export async function confirmFleet(page: Page, fleet: NewFleet): Promise<void> {
	await page.getByRole("button", { name: "Confirm and open my console" }).click();
	await page.waitForURL(`**/d/${fleet.slug}`);
	await page.getByRole("heading", { name: `${fleet.company} dispatch board` }).waitFor();
}

/** The first-run checklist on the console home, once it says how many steps are left. */
export async function firstRunChecklist(page: Page, left: number) {
	const checklist = page.getByRole("region", { name: "Get your fleet started" });
	await checklist.getByText(`${left} step${left === 1 ? "" : "s"} of 7 left.`).waitFor();
	return checklist;
}

export type Branding = {
	name?: string;
	colour?: string;
	supportEmail?: string;
};

/** Saves the settings' Branding form with these changes; returns once "Branding saved." shows. */
export async function saveBranding(page: Page, slug: string, branding: Branding): Promise<void> {
	await page.getByRole("heading", { name: "Branding", exact: true }).waitFor();
	if (branding.name !== undefined) await page.getByLabel("Business name").fill(branding.name);
	if (branding.colour !== undefined)
		await page.getByLabel("Brand colour", { exact: true }).fill(branding.colour);
	if (branding.supportEmail !== undefined)
		await page.getByLabel("Support email (optional)").fill(branding.supportEmail);
	const saved = page.waitForResponse(
		(r) => r.url().endsWith(`/api/d/${slug}/settings`) && r.request().method() === "PATCH",
	);
	await page.getByRole("button", { name: "Save branding" }).click();
	assert.equal((await saved).status(), 200);
	await page.getByRole("status").filter({ hasText: "Branding saved." }).waitFor();
}
