import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { describe, it } from "node:test";
import type { Page } from "playwright-core";
import { assertAccessible } from "./axe.ts";
import { journey, personContext } from "./browser.ts";
import { waitForEmail } from "./outbox.ts";
import { signInByCode, signInByLink } from "./sign-in-steps.ts";

// Lee Park, a Bayside Plumbing admin only one other journey signs in as (3 sign-in emails per
// address per 15 minutes); the imported contacts are new people of this run.
const DISPATCHER = "lee@bayside-plumbing.example";
const TENANT = "Bayside Plumbing";
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const SHOTS = "test/e2e/artifacts";

function twentyRowCsv(run: string): string {
	const rows = ["Company;Contact name;Email;Phone;Role;Location"];
	for (let i = 1; i <= 18; i++) {
		rows.push(
			`Harbor Dental ${run};Person ${i};p${i}.${run}@harbor.example;555-01${String(i).padStart(2, "0")};booker;${i % 2 ? "Pier 39" : "Main St"}`,
		);
	}
	// Line 20 repeats line 2's address (a duplicate in the file); line 21 has no address (an error).
	rows.push(`Harbor Dental ${run};Again;P1.${run}@Harbor.example;;;`);
	rows.push(`Harbor Dental ${run};No Mail;;;;`);
	return `\uFEFF${rows.join("\r\n")}\r\n`;
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
				await desk.getByRole("heading", { level: 1, name: "Import customers" }).waitFor();
				await desk.getByLabel("Spreadsheet").setInputFiles({
					name: "harbor-dental.csv",
					mimeType: "text/csv",
					buffer: Buffer.from(twentyRowCsv(run)),
				});
				await desk.getByRole("button", { name: "Read the file" }).click();

				// The mapping is guessed from the headers; the dispatcher leaves Phone out.
				await desk.getByRole("heading", { name: "Match the columns" }).waitFor();
				assert.equal(await desk.getByLabel("Email", { exact: true }).inputValue(), "email");
				assert.equal(await desk.getByLabel("Location", { exact: true }).inputValue(), "location");
				await desk.getByLabel("Phone", { exact: true }).selectOption({ label: "Leave this column out" });
				await assertAccessible(desk, "the import's column mapping");
				await desk.getByRole("button", { name: "Preview the rows" }).click();

				await desk.getByRole("heading", { name: "Check what will happen" }).waitFor();
				const counts = desk.getByRole("list", { name: "Rows by outcome" });
				await counts.getByText("18").waitFor();
				assert.match(
					(await counts.textContent()) ?? "",
					/18\s*New\s*0\s*Updated\s*1\s*Duplicate\s*1\s*Error/,
				);
				await desk.getByLabel("Show").selectOption({ label: "Error" });
				await desk.getByRole("cell", { name: "Missing email." }).waitFor();
				await shoot(desk, "preview");
				await assertAccessible(desk, "the import's preview");
				await desk.getByRole("button", { name: "Import 18 rows" }).click();

				await desk.getByRole("heading", { name: "Import finished" }).waitFor({ timeout: 30_000 });
				await shoot(desk, "done");
				await desk.getByLabel("Pace").selectOption({ label: "10 an hour" });
				const since = Date.now();
				await desk.getByRole("button", { name: "Invite 18 contacts" }).click();
				await desk.getByText(/sent, \d+ waiting, at 10 an hour/).waitFor();

				// At 10 an hour the first invitation goes at once, the next in six minutes.
				const invited = await waitForFirstInvitation(run, since);
				const link = invited.text.match(/https?:\/\/\S+\/c\/bayside-plumbing\?email=\S+/)?.[0];
				assert.ok(link, `a portal link in:\n${invited.text}`);
				assert.doesNotMatch(invited.text, /token=/, "the invitation signs no one in by itself");

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

/** The first invitation to one of this run's contacts. */
async function waitForFirstInvitation(run: string, since: number) {
	const deadline = Date.now() + 20_000;
	for (;;) {
		for (let i = 1; i <= 18; i++) {
			try {
				const email = await waitForEmail(`p${i}.${run}@harbor.example`, since, 0);
				if (/invites you/.test(email.subject)) return email;
			} catch {
				// not this one
			}
		}
		if (Date.now() > deadline) throw new Error("no invitation within 20 s");
		await new Promise((r) => setTimeout(r, 250));
	}
}
