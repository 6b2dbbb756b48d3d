import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { chromium } from "playwright-core";
import { CHROMIUM_FLAGS, findChromium } from "../../scripts/check-chromium.ts";
import { baseUrl, journey, personContext } from "./browser.ts";
import { signInByCode } from "./sign-in-steps.ts";

// Riley Chen, an Acme dispatcher (signs in twice elsewhere), adds a customer of her own for this
// journey and blocks them: no other journey's person loses access.
const DISPATCHER = "riley@acme-courier.example";

describe("told, not stranded", () => {
	it("a customer's open pages say at once that a dispatcher blocked them; a booking then sent keeps its draft", async () => {
		const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_FLAGS });
		const desk = await personContext(browser);
		try {
			const deskPage = await desk.newPage();
			await deskPage.goto("/d/acme-courier");
			await signInByCode(deskPage, DISPATCHER);
			await deskPage.getByRole("heading", { level: 1, name: "Acme Courier dispatch board" }).waitFor();
			const email = `pat.rowe.${crypto.randomUUID().slice(0, 6)}@riversideclinic.example`;
			const made = await deskPage.request.post("/api/d/acme-courier/customers/contacts", {
				headers: { Origin: baseUrl },
				data: { accountId: "acc_acme_riverside", name: "Pat Rowe", email, role: "booker" },
			});
			assert.equal(made.status(), 201, await made.text());
			const contact = (await made.json()) as { id: string };

			await journey("a blocked customer is told at once", async (page) => {
				await page.goto("/c/acme-courier/book");
				await signInByCode(page, email);
				await page.getByRole("heading", { name: "Book a pickup" }).waitFor();
				const from = page.getByRole("group", { name: "Pickup" });
				await from.getByLabel("Street address").fill("1 Riverside Drive");
				await from.getByLabel("City").fill("New York");
				const to = page.getByRole("group", { name: "Drop-off" });
				await to.getByLabel("Street address").fill("60 Centre Street");
				await to.getByLabel("City").fill("New York");
				await page.getByLabel("What are we carrying?").fill("Lab results, sealed");
				// A second open page of the same person: their job history.
				const history = await page.context().newPage();
				await history.goto("/c/acme-courier/jobs");
				await history.getByRole("heading", { name: "Your jobs" }).waitFor();
				// Both pages hold their access socket open before the dispatcher acts.
				await page.waitForTimeout(500);

				const blocked = await deskPage.request.post(
					`/api/d/acme-courier/customers/contacts/${contact.id}/block`,
					{
						headers: { Origin: baseUrl },
					},
				);
				assert.equal(blocked.status(), 200, await blocked.text());

				for (const open of [page, history]) {
					const notice = open.getByRole("alertdialog", {
						name: "Your access to Acme Courier was turned off",
					});
					await notice.waitFor({ timeout: 5000 });
					await notice.getByText("Call Acme Courier on +1 212 555 0100").waitFor();
				}
				await history.close();

				// The booking form is still there under the notice, with what was typed.
				await page.getByRole("button", { name: "See what I typed" }).click();
				assert.equal(await from.getByLabel("Street address").inputValue(), "1 Riverside Drive");
				await page.getByRole("button", { name: "Book pickup" }).click();
				await page
					.getByText("Your booking was not sent: your access ended. What you typed is kept here.")
					.waitFor();
				assert.equal(await from.getByLabel("Street address").inputValue(), "1 Riverside Drive");
				assert.equal(await page.getByLabel("What are we carrying?").inputValue(), "Lab results, sealed");
			});
		} finally {
			await desk.close();
			await browser.close();
		}
	});
});
