import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertAccessible } from "./axe.ts";
import { journey } from "./browser.ts";
import { type OutboxEmail, waitForEmail } from "./outbox.ts";

function signUpLink(email: OutboxEmail): string {
	const match = email.text.match(/https?:\/\/[^\s<>"]+\/start\/confirm#token=[^\s<>"]+/);
	if (!match) throw new Error(`no sign-up link in:\n${email.text}`);
	return match[0];
}

// A fleet of its own on every run: its name, slug and owner are new each time.
describe("self-serve sign-up", () => {
	it("starts a fleet at /start, confirms from the email, and brands it from the first-run checklist", async () => {
		const run = crypto.randomUUID().slice(0, 6);
		const company = `Lakeside Couriers ${run}`;
		const slug = `lakeside-couriers-${run}`;
		const owner = `morgan.lee@lakeside-${run}.example`;

		await journey("self-serve sign-up", async (page) => {
			await page.goto("/start");
			await page.getByRole("heading", { name: "Start your fleet's portal" }).waitFor();
			await page.getByLabel("Company name").fill(company);
			// The slug is suggested from the name and checked as it changes.
			assert.equal(await page.getByLabel("Portal address").inputValue(), slug);
			await page.getByText("This address is free.").waitFor();
			await assertAccessible(page, "the sign-up form");
			await page.getByLabel("Work email").fill(owner);
			const zone = await page.getByLabel("Time zone").inputValue();
			assert.equal(zone, await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone));
			await page.getByLabel("Currency").selectOption("CAD");
			await page.getByLabel("Courier — pickups and deliveries").check();
			const since = Date.now();
			await page.getByRole("button", { name: "Start my portal" }).click();
			await page.getByRole("heading", { name: "Check your email" }).waitFor();

			const mail = await waitForEmail(owner, since);
			assert.equal(mail.subject, `Confirm ${company} on Fleet Portal`);
			await page.goto(signUpLink(mail));
			await page.getByRole("heading", { name: "Confirm your fleet" }).waitFor();
			await assertAccessible(page, "the sign-up confirmation");
			await page.getByRole("button", { name: "Confirm and open my console" }).click();

			await page.waitForURL(`**/d/${slug}`);
			await page.getByRole("heading", { name: `${company} dispatch board` }).waitFor();
			const checklist = page.getByRole("region", { name: "Get your fleet started" });
			await checklist.getByText("7 steps of 7 left.").waitFor();
			await assertAccessible(page, "the console with its first-run checklist");

			await checklist.getByRole("link", { name: "Add a support phone or email" }).click();
			await page.getByRole("heading", { name: "Branding", exact: true }).waitFor();
			await page.getByLabel("Brand colour", { exact: true }).fill("#7a1f3d");
			await page.getByLabel("Support email (optional)").fill(`help@lakeside-${run}.example`);
			const saved = page.waitForResponse(
				(r) => r.url().endsWith(`/api/d/${slug}/settings`) && r.request().method() === "PATCH",
			);
			await page.getByRole("button", { name: "Save branding" }).click();
			assert.equal((await saved).status(), 200);

			await page.goto(`/d/${slug}`);
			await page
				.getByRole("region", { name: "Get your fleet started" })
				.getByText("6 steps of 7 left.")
				.waitFor();

			await page.goto(`/c/${slug}`);
			await page.getByRole("heading", { name: `Sign in to ${company}` }).waitFor();
		});
	});

	it("refuses a reserved slug beside the field before anything is sent", async () => {
		await journey("sign-up reserved slug", async (page) => {
			await page.goto("/start");
			await page.getByLabel("Company name").fill("Admin");
			const slugField = page.getByLabel("Portal address");
			await slugField.fill("admin");
			await page.getByText("This address is reserved. Choose another.").first().waitFor();
			await page.getByLabel("Work email").fill("someone@reserved-slug.example");
			await page.getByRole("button", { name: "Start my portal" }).click();
			await page.locator('[aria-invalid="true"]').waitFor();
			assert.equal(await slugField.getAttribute("aria-invalid"), "true");
			await assertAccessible(page, "the sign-up form showing an error");
			assert.equal(await page.getByRole("heading", { name: "Check your email" }).count(), 0);
		});
	});
});
