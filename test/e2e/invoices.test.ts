import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { assertAccessible } from "./axe.ts";
import { journey, personContext } from "./browser.ts";
import { signInLink, waitForEmail, waitForSignInEmail } from "./outbox.ts";
import { requestEmail, signInByCode } from "./sign-in-steps.ts";

// Morgan Price dispatches for Acme Courier; Dana Reyes is the admin of Hartwell & Pine, whose
// completed jobs she may see and pay. Each signs in once here (3 sign-in emails per 15 minutes).
const DISPATCHER = "morgan@acme-courier.example";
const CUSTOMER = "dana.reyes@hartwellpine.example";
const TENANT = "Acme Courier";
const DESKTOP = { width: 1440, height: 900 };

/** The invoice's deep link in the share email. */
function invoiceLink(text: string): string {
	const match = text.match(/https?:\/\/[^\s<>"]+\/c\/acme-courier\/invoices\/[^\s<>"#?]+/);
	if (!match) throw new Error(`no invoice link in:\n${text}`);
	return match[0];
}

async function customerPage(browser: Browser): Promise<Page> {
	const context = await personContext(browser, {
		viewport: { width: 390, height: 844 },
		acceptDownloads: true,
	});
	return context.newPage();
}

/** The figure of one row of the invoice's totals ("Balance due", "Total"). */
const totalsRow = (page: Page, label: string) =>
	page.getByRole("table", { name: /^Totals/ }).getByRole("row", { name: new RegExp(`^${label}`) });

/** On the local provider's page: Pay, then back on the invoice with `?checkout=`. */
async function payOnProvider(page: Page, invoiceNumber: string, amount: string): Promise<void> {
	await page.waitForURL(/\/dev\/pay\//);
	await page.getByRole("heading", { name: `Invoice #${invoiceNumber}` }).waitFor();
	await page.getByRole("button", { name: `Pay ${amount}` }).click();
	await page.waitForURL(/\/c\/acme-courier\/invoices\/[^/?]+\?checkout=chk_/);
	// Processing until the webhook has settled the checkout (it may already have), then paid.
	await page.getByText(/^(Processing your payment…|Paid — thank you\.)/).waitFor();
	await page.getByText("Paid — thank you.").waitFor({ timeout: 15_000 });
}

describe("invoices", { timeout: 180_000 }, () => {
	it("bills a completed job, records a cheque, and the customer pays the rest online", async () => {
		await journey(
			"invoice payment",
			async (desk) => {
				const browser = desk.context().browser();
				assert.ok(browser, "the journey's page belongs to a browser");

				// (1) The dispatcher finds a completed job of Hartwell & Pine and creates its invoice.
				await desk.goto("/d/acme-courier/customers");
				await signInByCode(desk, DISPATCHER);
				await desk.getByRole("link", { name: "Hartwell & Pine" }).first().click();
				await desk.getByRole("link", { name: "Dana Reyes" }).first().click();
				const completedRow = desk.getByRole("row").filter({ hasText: "Completed" }).first();
				await completedRow.getByRole("link", { name: /^Job #\d+/ }).click();
				await desk.getByRole("heading", { level: 1, name: /^Job #\d+$/ }).waitFor();
				await desk.getByRole("link", { name: "Create invoice" }).click();
				await desk.getByRole("heading", { level: 1, name: "New invoice" }).waitFor();
				await desk.getByText(/^For job #\d+/).waitFor();
				// The job's line is pre-filled; price it at $120.00 so the payments below add up.
				await desk.getByLabel("Line 1 unit price").fill("120.00");
				await desk.getByLabel("Line 1 quantity").fill("1");
				await desk.getByLabel("Tax rate (%)").fill("0");
				await totalsRow(desk, "Total").getByText("$120.00").waitFor();
				await assertAccessible(desk, "the invoice form");
				const sharedAt = Date.now();
				await desk.getByRole("button", { name: "Save and share" }).click();
				await desk.getByText(/^Saved and shared/).waitFor();
				const heading = desk.getByRole("heading", { level: 1, name: /^Invoice #\d+$/ });
				const number = /#(\d+)/.exec((await heading.textContent()) ?? "")?.[1];
				assert.ok(number, "the invoice has a number");
				await desk.getByText("Open", { exact: true }).first().waitFor();
				const invoiceUrl = desk.url();
				await assertAccessible(desk, "the console's invoice");

				// (2) An offline cheque: over the balance is refused beside the amount, then $20.00 is recorded.
				await desk.getByRole("button", { name: "Record payment" }).click();
				await desk.getByLabel("Amount (USD)").fill("500");
				await desk.getByLabel("Reference").fill("CHQ-1001");
				await desk.getByRole("button", { name: "Record payment" }).last().click();
				await desk.getByText(/more than the balance/).waitFor();
				await desk.getByLabel("Method").selectOption({ label: "Cheque" });
				await desk.getByLabel("Amount (USD)").fill("20.00");
				await desk.getByRole("button", { name: "Record payment" }).last().click();
				await desk.getByText("Payment recorded.").waitFor();
				await desk.getByText("Partially paid", { exact: true }).first().waitFor();
				await desk.getByRole("cell", { name: "CHQ-1001" }).waitFor();
				await totalsRow(desk, "Balance due").getByText("$100.00").waitFor();

				const customer = await customerPage(browser);
				try {
					// (3) The customer opens the email's link signed out, signs in, and lands on the invoice.
					const sharedSubject = new RegExp(`Invoice #${number}`);
					const shared = await waitForEmail(CUSTOMER, sharedAt, undefined, sharedSubject);
					assert.match(shared.subject, sharedSubject);
					const link = invoiceLink(shared.text);
					await customer.goto(link);
					await customer.getByRole("heading", { name: `Sign in to ${TENANT}` }).waitFor();
					const since = await requestEmail(customer, CUSTOMER);
					await customer.goto(signInLink(await waitForSignInEmail(CUSTOMER, since)));
					await customer.getByRole("button", { name: "Continue" }).click();
					await customer.waitForURL((url) => link.endsWith(url.pathname));
					await customer.getByRole("heading", { level: 1, name: `Invoice #${number}` }).waitFor();
					await totalsRow(customer, "Balance due").getByText("$100.00").waitFor();
					await assertAccessible(customer, "the portal's invoice");

					// (4) A deposit first (or, on an invoice without one, part of the balance): $40.00.
					const deposit = customer.getByRole("button", { name: /^Pay the deposit/ });
					let firstAmount = "$40.00";
					if (await deposit.count()) {
						firstAmount = (/\$[\d,.]+/.exec((await deposit.textContent()) ?? "") ?? ["$40.00"])[0];
						await deposit.click();
					} else {
						await customer.getByRole("button", { name: "Pay another amount" }).click();
						await customer.getByLabel("Amount (USD)").fill("40.00");
						// The exact amount is on the button before leaving.
						await customer.getByRole("button", { name: "Pay $40.00" }).click();
					}
					await payOnProvider(customer, number, firstAmount);
					await customer.getByText("Partially paid", { exact: true }).first().waitFor();

					// (5) Then the rest; a double tap opens one checkout (one Idempotency-Key).
					const rest = customer.getByRole("button", { name: /^Pay \$[\d,.]+$/ }).first();
					const restAmount = (/\$[\d,.]+/.exec((await rest.textContent()) ?? "") ?? [""])[0];
					await rest.dblclick();
					await payOnProvider(customer, number, restAmount);
					await customer.getByText("Paid", { exact: true }).first().waitFor();
					await customer.getByText(/Balance now \$0\.00/).waitFor();
					assert.equal(
						await customer.getByRole("button", { name: /^Pay / }).count(),
						0,
						"nothing left to pay",
					);

					// (6) The PDF downloads under its own name and is a PDF.
					const [download] = await Promise.all([
						customer.waitForEvent("download"),
						customer.getByRole("link", { name: "Download PDF" }).click(),
					]);
					assert.equal(download.suggestedFilename(), `invoice-${number}.pdf`);
					const path = await download.path();
					const bytes = readFileSync(path);
					assert.ok(bytes.length > 1_000, `the PDF has ${bytes.length} bytes`);
					assert.equal(bytes.subarray(0, 4).toString("latin1"), "%PDF");
				} finally {
					await customer.context().close();
				}

				// (7) The dispatcher's inbox says the invoice is paid; the invoice agrees.
				await desk.goto("/d/acme-courier/inbox");
				await desk.getByText("Invoice paid").first().waitFor();
				await desk
					.getByRole("link", { name: new RegExp(`#${number}`) })
					.first()
					.waitFor();
				await desk.goto(invoiceUrl);
				await desk.getByText("Paid", { exact: true }).first().waitFor();
				await totalsRow(desk, "Balance due").getByText("$0.00").waitFor();
			},
			{ viewport: DESKTOP },
		);
	});
});
