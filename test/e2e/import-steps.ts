// Importing customers from a spreadsheet and inviting them to the portal, as a dispatcher would.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { type OutboxEmail, waitForEmail } from "./outbox.ts";

/** The header row of the import journeys' spreadsheets, whose columns the mapping step guesses. */
const HEADER = "Company;Contact name;Email;Phone;Role;Location";

/**
 * A CSV as Excel saves one (a byte-order mark, semicolons, CRLF) of `count` contacts at `company`:
 * "Person i" at `emailOf(i)` for i = 1…count, then `extraRows` as they are.
 */
export function contactsCsv(
	company: string,
	emailOf: (i: number) => string,
	count: number,
	extraRows: string[] = [],
): string {
	const rows = [HEADER];
	for (let i = 1; i <= count; i++) {
		const phone = `555-01${String(i).padStart(2, "0")}`;
		rows.push(`${company};Person ${i};${emailOf(i)};${phone};booker;${i % 2 ? "Pier 39" : "Main St"}`);
	}
	return `\uFEFF${[...rows, ...extraRows].join("\r\n")}\r\n`;
}

/** Step 1 on the open import page: the file is read and the column mapping shows. */
export async function readSpreadsheet(desk: Page, fileName: string, csv: string): Promise<void> {
	await desk.getByRole("heading", { level: 1, name: "Import customers" }).waitFor();
	await desk.getByLabel("Spreadsheet").setInputFiles({
		name: fileName,
		mimeType: "text/csv",
		buffer: Buffer.from(csv),
	});
	await desk.getByRole("button", { name: "Read the file" }).click();
	await desk.getByRole("heading", { name: "Match the columns" }).waitFor();
}

/** From the mapping to the preview; returns the list of counts by outcome. */
export async function previewImport(desk: Page) {
	await desk.getByRole("button", { name: "Preview the rows" }).click();
	await desk.getByRole("heading", { name: "Check what will happen" }).waitFor();
	return desk.getByRole("list", { name: "Rows by outcome" });
}

/** Imports the previewed rows; returns once the import has finished. */
export async function importRows(desk: Page, rows: number): Promise<void> {
	await desk.getByRole("button", { name: `Import ${rows} rows` }).click();
	await desk.getByRole("heading", { name: "Import finished" }).waitFor({ timeout: 30_000 });
}

/**
 * Invites the import's `count` contacts at 10 an hour, the slowest pace: the first invitation
 * goes at once, the next only in six minutes. Returns when the invitations were asked for.
 */
export async function inviteContacts(desk: Page, count: number): Promise<number> {
	await desk.getByLabel("Pace").selectOption({ label: "10 an hour" });
	const since = Date.now();
	await desk.getByRole("button", { name: `Invite ${count} contacts` }).click();
	await desk.getByText(/sent, \d+ waiting, at 10 an hour/).waitFor();
	return since;
}

/** The first invitation to any of `addresses` sent since `since`. */
export async function waitForFirstInvitation(addresses: string[], since: number): Promise<OutboxEmail> {
	const deadline = Date.now() + 20_000;
	for (;;) {
		for (const address of addresses) {
			try {
				const email = await waitForEmail(address, since, 0);
				if (/invites you/.test(email.subject)) return email;
			} catch {
				// not this one
			}
		}
		if (Date.now() > deadline) throw new Error("no invitation within 20 s");
		await new Promise((r) => setTimeout(r, 250));
	}
}

/** The portal link of an invitation, which signs no one in by itself. */
export function invitationLink(invitation: OutboxEmail, slug: string): string {
	const link = invitation.text.match(new RegExp(`https?://\\S+/c/${slug}\\?email=\\S+`))?.[0];
	assert.ok(link, `a portal link in:\n${invitation.text}`);
	assert.doesNotMatch(invitation.text, /token=/, "the invitation signs no one in by itself");
	return link;
}
