import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertAccessible } from "./axe.ts";
import { journey } from "./browser.ts";
import { signInLink, waitForEmail } from "./outbox.ts";
import { signInByCode } from "./sign-in-steps.ts";

// Helen Okoro, an admin of Riverside Family Clinic at Acme, whom one other journey signs in as
// once (3 sign-in emails per address per 15 minutes). The colleague is new on every run.
const ADMIN = "h.okoro@riversideclinic.example";

describe("account admin", () => {
	it("an account admin invites a billing colleague, who signs in from the invitation and sees invoices but no jobs", async () => {
		const colleague = `ap-${crypto.randomUUID().slice(0, 8)}@riversideclinic.example`;
		let since = 0;
		await journey("account admin invites a billing colleague", async (page) => {
			await page.goto("/c/acme-courier");
			await signInByCode(page, ADMIN);
			await page.getByText("Signed in as").waitFor();
			// The account menu links admins to their account's page.
			await page.getByRole("button", { name: /Signed in as Helen Okoro/ }).click();
			await page.getByRole("link", { name: "Colleagues and locations" }).click();
			await page.getByRole("heading", { level: 1, name: "Your account" }).waitFor();
			await page.getByRole("heading", { name: "Main clinic" }).waitFor();
			await assertAccessible(page, "portal account admin");

			const invite = page.locator("form", { has: page.getByRole("heading", { name: "Invite a colleague" }) });
			await invite.getByLabel("Name").fill("Avery Payables");
			await invite.getByLabel("Email").fill(colleague);
			await invite.getByLabel("Role").selectOption({ label: "Billing" });
			since = Date.now();
			await invite.getByRole("button", { name: "Send invitation" }).click();
			await page
				.getByRole("status")
				.filter({ hasText: `Invitation sent to ${colleague}` })
				.waitFor();
			await page.getByText("Avery Payables", { exact: true }).waitFor();
			assert.equal(await page.getByLabel("Role of Avery Payables").inputValue(), "billing");
		});

		await journey("billing colleague signs in from the invitation", async (page) => {
			const email = await waitForEmail(colleague, since, undefined, /Riverside Family Clinic/);
			await page.goto(signInLink(email));
			await page.getByRole("heading", { name: "Continue to Acme Courier" }).waitFor();
			await page.getByRole("button", { name: "Continue" }).click();
			await page.getByText("Signed in as").waitFor();
			await page.goto("/c/acme-courier");
			await page.getByRole("link", { name: "Your invoices and payments are under Invoices." }).waitFor();
			// Invoices, not jobs: the navigation has no jobs, the invoices page opens.
			const nav = page.getByRole("navigation").first();
			await nav
				.getByRole("link", { name: /Invoices/ })
				.first()
				.waitFor();
			// Hidden ones count too: the account menu's links are in the page while it is closed.
			const hiddenToo = { includeHidden: true };
			assert.equal(await page.getByRole("link", { name: /^(Your jobs|Jobs)$/, ...hiddenToo }).count(), 0);
			assert.ok(
				(await page.getByRole("link", { name: "Profile and emails", ...hiddenToo }).count()) > 0,
				"the menu is in the page",
			);
			assert.equal(
				await page.getByRole("link", { name: "Colleagues and locations", ...hiddenToo }).count(),
				0,
			);
			await page.goto("/c/acme-courier/invoices");
			await page.getByRole("heading", { level: 1, name: "Your invoices" }).waitFor();
			// The server agrees: jobs are not this role's.
			const jobs = await page.request.get("/api/c/acme-courier/jobs");
			assert.equal(jobs.status(), 403);
		});
	});
});
