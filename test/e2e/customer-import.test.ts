import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { describe, it } from "node:test";
import type { Page } from "playwright-core";
import { assertAccessible } from "./axe.ts";
import { journey, personContext } from "./browser.ts";
import {
	contactsCsv,
	importRows,
	invitationLink,
	inviteContacts,
	previewImport,
	readSpreadsheet,
	waitForFirstInvitation,
} from "./import-steps.ts";
import { signInByCode, signInByLink } from "./sign-in-steps.ts";

// Lee Park, a Bayside Plumbing admin only one other journey signs in as (3 sign-in emails per
// address per 15 minutes); the imported contacts are new people of this run.
const DISPATCHER = "lee@bayside-plumbing.example";
const TENANT = "Bayside Plumbing";
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const SHOTS = "test/e2e/artifacts";

const contactEmail = (run: string, i: number) => `p${i}.${run}@harbor.example`;

function twentyRowCsv(run: string): string {
	const company = `Harbor Dental ${run}`;
	// Line 20 repeats line 2's address (a duplicate in the file); line 21 has no address (an error).
	return contactsCsv(company, (i) => contactEmail(run, i), 18, [
		`${company};Again;P1.${run}@Harbor.example;;;`,
		`${company};No Mail;;;;`,
	]);
}

async function shoot(page: Page, name: string) {
	mkdirSync(SHOTS, { recursive: true });
	for (const size of [DESKTOP, PHONE]) {
		await page.setViewportSize(size);
		await page.screenshot({ path: `${SHOTS}/customer-import-${name}-${size.width}.png`, fullPage: true });
	}
	await page.setViewportSize(DESKTOP);
}

describe("customer import", () => {
	it("imports a 20-row CSV, previews it, invites a contact, and that contact signs in to the portal", async () => {
		await journey(
			"customer import",
			async (desk) => {
				const run = Date.now().toString(36);
				await desk.goto("/d/bayside-plumbing/customers");
				await signInByCode(desk, DISPATCHER);
				await desk.getByRole("link", { name: "Import from a spreadsheet" }).click();
				await readSpreadsheet(desk, "harbor-dental.csv", twentyRowCsv(run));

				// The mapping is guessed from the headers; the dispatcher leaves Phone out.
				assert.equal(await desk.getByLabel("Email", { exact: true }).inputValue(), "email");
				assert.equal(await desk.getByLabel("Location", { exact: true }).inputValue(), "location");
				await desk.getByLabel("Phone", { exact: true }).selectOption({ label: "Leave this column out" });
				await assertAccessible(desk, "the import's column mapping");
				const counts = await previewImport(desk);
				await counts.getByText("18").waitFor();
				assert.match(
					(await counts.textContent()) ?? "",
					/18\s*New\s*0\s*Updated\s*1\s*Duplicate\s*1\s*Error/,
				);
				await desk.getByLabel("Show").selectOption({ label: "Error" });
				await desk.getByRole("cell", { name: "Missing email." }).waitFor();
				await shoot(desk, "preview");
				await assertAccessible(desk, "the import's preview");
				await importRows(desk, 18);

				await shoot(desk, "done");
				const since = await inviteContacts(desk, 18);
				const addresses = Array.from({ length: 18 }, (_, i) => contactEmail(run, i + 1));
				const invited = await waitForFirstInvitation(addresses, since);
				const link = invitationLink(invited, "bayside-plumbing");

				const browser = desk.context().browser();
				assert.ok(browser);
				const phone = await (await personContext(browser, { viewport: PHONE })).newPage();
				await phone.goto(link);
				assert.equal(await phone.getByLabel("Email address").inputValue(), invited.to[0]);
				await signInByLink(phone, invited.to[0] ?? "", TENANT);
				await phone
					.getByRole("button", { name: /account|Person/i })
					.first()
					.waitFor();
				await phone.context().close();
			},
			{ viewport: DESKTOP },
		);
	});
});
