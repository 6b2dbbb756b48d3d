import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Page } from "playwright-core";
import { PNG } from "pngjs";
import { bookPickup } from "./booking-steps.ts";
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
import { signInByLink } from "./sign-in-steps.ts";
import {
	confirmFleet,
	fillSignUp,
	firstRunChecklist,
	newFleet,
	openConfirmation,
	saveBranding,
	submitSignUp,
} from "./start-steps.ts";

// Everyone here is new on every run: the fleet, its owner (one sign-up email) and its imported
// contacts (one invitation and one sign-in email for the contact who books).
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

/** A 96×32 logo: the brand colour with a lighter band, as a PNG. */
function logoPng(): Buffer {
	const png = new PNG({ width: 96, height: 32 });
	for (let y = 0; y < png.height; y++) {
		for (let x = 0; x < png.width; x++) {
			const at = (y * png.width + x) * 4;
			const band = y >= 12 && y < 20;
			png.data.set(band ? [240, 244, 250, 255] : [31, 78, 122, 255], at);
		}
	}
	return PNG.sync.write(png);
}

/** A lane of the board, by its title ("Unassigned (1)"). */
const lane = (page: Page, title: string) => page.getByRole("region", { name: new RegExp(`^${title} \\(`) });

describe("a new fleet's first hour", () => {
	it("signs up, brands itself, imports 20 contacts, invites one, and that contact's booking lands on the new board", {
		timeout: 240_000,
	}, async () => {
		const fleet = newFleet("Northwind Couriers", "sam.rivera");
		const brand = `Northwind Express ${fleet.run}`;
		const customer = `Orchard Law ${fleet.run}`;
		const contactEmail = (i: number) => `c${i}.${fleet.run}@orchard-law.example`;
		const addresses = Array.from({ length: 20 }, (_, i) => contactEmail(i + 1));

		await journey(
			"new fleet",
			async (desk) => {
				await fillSignUp(desk, fleet);
				await openConfirmation(desk, await submitSignUp(desk, fleet));
				await confirmFleet(desk, fleet);

				// Branding: a new name and colour, the support email and a logo.
				const checklist = await firstRunChecklist(desk, 7);
				await checklist.getByRole("link", { name: "Set your branding and logo" }).click();
				await saveBranding(desk, fleet.slug, {
					name: brand,
					colour: "#1f4e7a",
					supportEmail: `help@northwind-${fleet.run}.example`,
				});
				assert.equal(
					await desk.getByLabel("Business name").inputValue(),
					brand,
					"the form kept what was saved",
				);
				const logo = desk.getByRole("region", { name: "Logo" });
				await logo.getByLabel("Logo", { exact: true }).setInputFiles({
					name: "northwind.png",
					mimeType: "image/png",
					buffer: logoPng(),
				});
				await logo.getByRole("button", { name: "Upload logo" }).click();
				await logo.getByRole("status").filter({ hasText: "Uploaded." }).waitFor();
				await logo.getByAltText("Current logo").waitFor();

				// The customers step leads to the import.
				await desk.goto(`/d/${fleet.slug}`);
				await desk.getByRole("heading", { name: `${brand} dispatch board` }).waitFor();
				await (await firstRunChecklist(desk, 5)).getByRole("link", { name: "Add your customers" }).click();
				await desk.waitForURL(`**/d/${fleet.slug}/customers/import`);
				await readSpreadsheet(desk, "orchard-law.csv", contactsCsv(customer, contactEmail, 20));
				const counts = await previewImport(desk);
				await counts.getByText("20").waitFor();
				assert.match(
					(await counts.textContent()) ?? "",
					/20\s*New\s*0\s*Updated\s*0\s*Duplicate\s*0\s*Error/,
				);
				await importRows(desk, 20);
				const since = await inviteContacts(desk, 20);
				const invited = await waitForFirstInvitation(addresses, since);
				const link = invitationLink(invited, fleet.slug);
				const person = invited.to[0] ?? "";
				const name = `Person ${addresses.indexOf(person) + 1}`;

				// The board is open, and live, before the contact books.
				await desk.goto(`/d/${fleet.slug}`);
				await desk.getByRole("heading", { name: "No jobs on the board yet" }).waitFor();
				await desk.getByText("Live", { exact: true }).waitFor();

				const browser = desk.context().browser();
				assert.ok(browser, "the journey's page belongs to a browser");
				const phoneContext = await personContext(browser, { viewport: PHONE });
				try {
					const phone = await phoneContext.newPage();
					await phone.goto(link);
					await phone.getByRole("heading", { name: `Sign in to ${brand}` }).waitFor();
					assert.equal(await phone.getByLabel("Email address").inputValue(), person);
					await signInByLink(phone, person, brand);
					await phone.getByText(`Signed in as ${name}`).waitFor();

					await phone.goto(`/c/${fleet.slug}/book`);
					const number = await bookPickup(phone, {
						from: "1 Pier 39",
						to: "400 McAllister Street",
						city: "San Francisco",
						carrying: "Court filings, one box",
					});

					const card = lane(desk, "Unassigned").getByRole("article", { name: `Job #${number}` });
					await card.waitFor({ timeout: 10_000 });
					assert.ok(await card.getByText("Customer booking").isVisible());
					assert.ok(await card.getByText(new RegExp(`${name}(?!\\d)`)).isVisible());
				} finally {
					await phoneContext.close();
				}

				// Left: a dispatcher and a technician; everything else this journey did is ticked.
				await desk.reload();
				await firstRunChecklist(desk, 2);
			},
			{ viewport: DESKTOP },
		);
	});
});
