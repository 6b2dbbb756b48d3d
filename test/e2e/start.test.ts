import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertAccessible } from "./axe.ts";
import { journey } from "./browser.ts";
import {
	confirmFleet,
	fillSignUp,
	firstRunChecklist,
	newFleet,
	openConfirmation,
	saveBranding,
	submitSignUp,
} from "./start-steps.ts";

describe("self-serve sign-up", () => {
	it("starts a fleet at /start, confirms from the email, and brands it from the first-run checklist", async () => {
		const fleet = newFleet("Lakeside Couriers", "morgan.lee");

		await journey("self-serve sign-up", async (page) => {
			await fillSignUp(page, fleet);
			await assertAccessible(page, "the sign-up form");
			const link = await submitSignUp(page, fleet);
			await openConfirmation(page, link);
			await assertAccessible(page, "the sign-up confirmation");
			await confirmFleet(page, fleet);
			const checklist = await firstRunChecklist(page, 7);
			await assertAccessible(page, "the console with its first-run checklist");

			await checklist.getByRole("link", { name: "Add a support phone or email" }).click();
			await saveBranding(page, fleet.slug, {
				colour: "#7a1f3d",
				supportEmail: `help@lakeside-${fleet.run}.example`,
			});

			await page.goto(`/d/${fleet.slug}`);
			await firstRunChecklist(page, 6);

			await page.goto(`/c/${fleet.slug}`);
			await page.getByRole("heading", { name: `Sign in to ${fleet.company}` }).waitFor();
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
