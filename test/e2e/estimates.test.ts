import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { assertAccessible } from "./axe.ts";
import { journey, personContext } from "./browser.ts";
import { gainsFocus } from "./focus.ts";
import { signInLink, waitForEmail, waitForSignInEmail } from "./outbox.ts";
import { requestEmail, signInByCode } from "./sign-in-steps.ts";

// People no other journey signs in as (3 sign-in emails per address per 15 minutes): Quinn Walsh,
// a Bayside Plumbing dispatcher (not an admin, so the tax rate is typed), and Luis Reyes, a
// booker of the Reyes residence the estimate is addressed to.
const DISPATCHER = "quinn@bayside-plumbing.example";
const CUSTOMER = "luis.reyes@mail.example";
const TENANT = "Bayside Plumbing";
const DESKTOP = { width: 1440, height: 900 };

const HEATER = "50-gallon gas water heater, installed";
const HAUL = "Haul away the old heater";
const TANK = "Thermal expansion tank";

/** The estimate's deep link in the share email. */
function estimateLink(text: string): string {
	const match = text.match(/https?:\/\/[^\s<>"]+\/c\/bayside-plumbing\/estimates\/[^\s<>"#?]+/);
	if (!match) throw new Error(`no estimate link in:\n${text}`);
	return match[0];
}

async function customerPage(browser: Browser): Promise<Page> {
	const context = await personContext(browser, { viewport: { width: 390, height: 844 } });
	return context.newPage();
}

/** The figure of one row of a totals table ("Total", "Subtotal"). */
const totalsRow = (page: Page, label: string) =>
	page.getByRole("table", { name: /^Totals/ }).getByRole("row", { name: new RegExp(`^${label}`) });

describe("estimates", () => {
	it("goes from a dispatcher's quote to the customer's approval and a job on the board", async () => {
		await journey(
			"estimate approval",
			async (desk) => {
				const browser = desk.context().browser();
				assert.ok(browser, "the journey's page belongs to a browser");

				// (1) The dispatcher writes the estimate: three lines, one optional, totals live.
				await desk.goto("/d/bayside-plumbing/estimates");
				await signInByCode(desk, DISPATCHER);
				await desk.getByRole("heading", { level: 1, name: "Estimates" }).waitFor();
				await desk.locator('section[aria-label="Estimates"][aria-busy="false"]').waitFor();
				await assertAccessible(desk, "the console's estimate list");
				await desk.getByRole("link", { name: "New estimate" }).click();
				await desk.getByRole("heading", { level: 1, name: "New estimate" }).waitFor();
				await desk.getByLabel("Account", { exact: true }).selectOption({ label: "Reyes residence" });
				await desk.getByLabel("Contact (optional)").selectOption({ label: `Luis Reyes — ${CUSTOMER}` });
				await desk.getByLabel("Location (optional)").selectOption({ index: 1 });
				await desk.getByLabel("Title", { exact: true }).fill("Replace the water heater");
				await desk.getByLabel("Line 1 description").fill(HEATER);
				await desk.getByLabel("Line 1 unit price").fill("1,850.00");
				await desk.getByRole("button", { name: "Add line" }).click();
				assert.ok(
					await gainsFocus(desk.getByLabel("Line 2 description")),
					"the new line's description has focus",
				);
				await desk.getByLabel("Line 2 description").fill(TANK);
				await desk.getByLabel("Line 2 unit price").fill("180");
				await desk
					.getByRole("listitem")
					.filter({ has: desk.getByLabel("Line 2 description") })
					.getByLabel(/^Optional/)
					.check();
				await desk.getByRole("button", { name: "Add line" }).click();
				await desk.getByLabel("Line 3 description").fill(HAUL);
				await desk.getByLabel("Line 3 unit price").fill("95");
				// The optional tank goes last: moved down, focus stays on its Move button.
				await desk.getByRole("button", { name: "Move line 2 down" }).click();
				assert.equal(await desk.getByLabel("Line 3 description").inputValue(), TANK);
				await desk.getByLabel("Tax rate (%)").fill("8.5");
				// 1,850 + 95 = 1,945.00; 8.5 % of it is 165.325, half-up 165.33.
				await totalsRow(desk, "Subtotal").getByText("$1,945.00").waitFor();
				await totalsRow(desk, "Tax").getByText("$165.33").waitFor();
				await totalsRow(desk, "Total").getByText("$2,110.33").waitFor();
				await assertAccessible(desk, "the estimate form");
				const sharedAt = Date.now();
				await desk.getByRole("button", { name: "Save and share" }).click();
				await desk.getByText(/Saved and shared/).waitFor();
				const heading = desk.getByRole("heading", { level: 1, name: /^Estimate #\d+$/ });
				const number = /#(\d+)/.exec((await heading.textContent()) ?? "")?.[1];
				assert.ok(number, "the estimate has a number");
				await desk.getByText("Sent", { exact: true }).waitFor();
				const estimateUrl = desk.url();
				await assertAccessible(desk, "the console's estimate");

				const customer = await customerPage(browser);
				try {
					// (2) The customer opens the email's link signed out, signs in, and lands on the estimate.
					const sharedSubject = new RegExp(`Estimate #${number} from ${TENANT}`);
					const shared = await waitForEmail(CUSTOMER, sharedAt, undefined, sharedSubject);
					assert.match(shared.subject, sharedSubject);
					const link = estimateLink(shared.text);
					await customer.goto(link);
					await customer.getByRole("heading", { name: `Sign in to ${TENANT}` }).waitFor();
					const since = await requestEmail(customer, CUSTOMER);
					await customer.goto(signInLink(await waitForSignInEmail(CUSTOMER, since)));
					await customer.getByRole("button", { name: "Continue" }).click();
					await customer.waitForURL((url) => link.endsWith(url.pathname));
					await customer.getByRole("heading", { level: 1, name: `Estimate #${number}` }).waitFor();
					await customer.getByText("Awaiting you", { exact: true }).waitFor();
					await totalsRow(customer, "Total").getByText("$2,110.33").waitFor();
					await assertAccessible(customer, "the portal's estimate");

					// (3) A change request pinned to one line.
					await customer.getByRole("button", { name: `Comment on this line: ${HAUL}` }).click();
					assert.equal(
						await customer
							.getByLabel("About")
							.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.text),
						HAUL,
					);
					await customer.getByLabel("Your message").fill("Please leave the old heater, we'll recycle it.");
					await customer.getByRole("button", { name: "Send request" }).click();
					await customer.getByText(/^Sent\. Bayside Plumbing will answer here/).waitFor();
					await customer.getByText(`On “${HAUL}”`).waitFor();
					await customer.getByText("Changes requested", { exact: true }).first().waitFor();

					// (4) The dispatcher sees the request on its line, answers, and revises: version 2.
					await desk.goto(estimateUrl);
					await desk.getByText("Changes requested", { exact: true }).first().waitFor();
					const haulRow = desk.getByRole("row", { name: new RegExp(HAUL) });
					await haulRow.getByText(/Please leave the old heater/).waitFor();
					await desk.getByLabel("Your reply").fill("Done — it's off, and the heater is $50 less too.");
					await desk.getByRole("button", { name: "Send reply" }).click();
					await desk.getByText(/it's off, and the heater is \$50 less/).waitFor();
					await desk.getByRole("link", { name: "Revise" }).click();
					await desk.getByRole("heading", { level: 1, name: `Revise estimate #${number}` }).waitFor();
					const haulLine = await desk.getByLabel("Line 2 description").inputValue();
					assert.equal(haulLine, HAUL, "the haul-away line is the second");
					await desk.getByRole("button", { name: "Remove line 2" }).click();
					await desk.getByLabel("Line 1 unit price").fill("1800");
					const revisedAt = Date.now();
					await desk.getByRole("button", { name: "Save version 2 and email it" }).click();
					await desk.getByText(/Saved and shared/).waitFor();
					await desk.getByText("Version 2", { exact: true }).first().waitFor();
					await waitForEmail(
						CUSTOMER,
						revisedAt,
						undefined,
						new RegExp(`Estimate #${number} from ${TENANT}`),
					);

					// (5) The customer, back on the estimate, sees what changed, ticks the tank, approves.
					await customer.reload();
					const changed = customer.getByRole("region", { name: "What changed since you last looked" });
					await changed.waitFor();
					await changed.getByText(HAUL).waitFor();
					await changed.getByText(/Removed/).waitFor();
					await changed.getByText(/New price for/).waitFor();
					await customer
						.getByText(/Please leave the old heater/)
						.first()
						.waitFor();
					await customer
						.getByText(/it's off, and the heater is \$50 less/)
						.first()
						.waitFor();
					// 1,800.00 + 8.5 % = 1,953.00
					await totalsRow(customer, "Total").getByText("$1,953.00").waitFor();
					await customer.getByRole("checkbox", { name: TANK }).check();
					// With the tank: 1,980.00 + 168.30 = 2,148.30
					await totalsRow(customer, "Total").getByText("$2,148.30").waitFor();
					await customer.getByLabel("Your full name").fill("Luis Reyes");
					await assertAccessible(customer, "the estimate ready to approve");
					await customer.getByRole("button", { name: "Approve $2,148.30" }).click();
					await customer.getByText(/^Approved — thank you/).waitFor();
					await customer.getByText(/^Approved by Luis Reyes on/).waitFor();
					await customer.getByText("Approved", { exact: true }).first().waitFor();
					assert.equal(
						await customer.getByRole("button", { name: /^Approve/ }).count(),
						0,
						"no second approval",
					);
				} finally {
					await customer.context().close();
				}

				// (6) The dispatcher converts it; the job is on the board's Unassigned lane.
				await desk.reload();
				await desk.getByRole("heading", { name: "Approved" }).waitFor();
				await desk.getByText("Luis Reyes", { exact: true }).first().waitFor();
				await desk.getByRole("button", { name: "Convert to job" }).click();
				const booking = desk.getByRole("region", { name: "Book the work" });
				await booking.getByRole("button", { name: `Create job from estimate #${number}` }).waitFor();
				assert.equal(await booking.getByLabel("Street address").inputValue(), "2150 Lombard Street");
				await assertAccessible(desk, "the booking form from an estimate");
				await booking.getByRole("button", { name: `Create job from estimate #${number}` }).click();
				const created = desk.getByText(/^Job #\d+ created in the Unassigned lane\./);
				await created.waitFor();
				const job = /#(\d+)/.exec((await created.textContent()) ?? "")?.[1];
				assert.ok(job, "the notice names the job");
				await desk.getByText("Booked", { exact: true }).first().waitFor();
				await desk
					.getByRole("link", { name: `Job #${job}` })
					.first()
					.waitFor();

				await desk.goto("/d/bayside-plumbing");
				const unassigned = desk.getByRole("region", { name: /^Unassigned \(/ });
				await unassigned.getByRole("article", { name: `Job #${job}` }).waitFor();
			},
			{ viewport: DESKTOP },
		);
	});
});
