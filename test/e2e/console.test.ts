import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Browser, Locator, Page } from "playwright-core";
import { assertAccessible } from "./axe.ts";
import { bookPickup } from "./booking-steps.ts";
import { journey, personContext } from "./browser.ts";
import { gainsFocus } from "./focus.ts";
import { signInByCode } from "./sign-in-steps.ts";

// Each journey signs in as people no other journey does (the server sends at most 3 sign-in
// emails per address per 15 minutes). Morgan Price, Acme's admin, runs the live board; Priya
// Natarajan, Acme's contact at Riverside Family Clinic, is blocked on the way and signs in twice.
// Alex Novak, a dispatcher, fills in the job forms.
const ADMIN = "morgan@acme-courier.example";
const CUSTOMER = "priya.natarajan@riversideclinic.example";
const DISPATCHER = "alex@acme-courier.example";
// The job the dispatcher types is for Bob Lindqvist of Hartwell & Pine, whose job list no journey
// counts; it is cancelled again before the journey ends.
const JOB_ACCOUNT = "Hartwell & Pine LLP";
const JOB_CONTACT = "Bob Lindqvist — bob@hartwellpine.example";
const DESKTOP = { width: 1366, height: 800 };

/** The lanes of jobs still to be done. */
const OPEN_LANES = ["Unassigned", "Assigned", "En route", "In progress", "Paused"];

/** A lane of the board, by its title. */
const lane = (page: Page, title: string) => page.getByRole("region", { name: new RegExp(`^${title} \\(`) });

/** A job's card on the board. */
const card = (scope: Page | Locator, number: string) =>
	scope.getByRole("article", { name: `Job #${number}` });

async function openCustomerPage(browser: Browser): Promise<Page> {
	const context = await personContext(browser, { viewport: { width: 390, height: 844 } });
	return context.newPage();
}

describe("dispatcher console", () => {
	it("shows a portal booking live, assigns it, blocks the customer and audits the block", async () => {
		await journey(
			"console live board",
			async (desk) => {
				const browser = desk.context().browser();
				assert.ok(browser, "the journey's page belongs to a browser");

				// (a) The board is open and live before the customer books.
				await desk.goto("/d/acme-courier");
				await signInByCode(desk, ADMIN);
				await desk.getByRole("heading", { level: 1, name: "Acme Courier dispatch board" }).waitFor();
				await desk.getByText("Live", { exact: true }).waitFor();
				const boardUrl = desk.url();
				// A mark on the document: a reload would wipe it.
				await desk.evaluate(() => {
					document.documentElement.dataset.sameDocument = "yes";
				});

				let jobNumber: string | undefined;
				const customer = await openCustomerPage(browser);
				try {
					await customer.goto("/c/acme-courier/book");
					await signInByCode(customer, CUSTOMER);
					const number = await bookPickup(customer, {
						from: "350 Fifth Avenue, Floor 21",
						to: "60 Centre Street",
						city: "New York",
						carrying: "Signed contracts",
					});
					const booked_at = Date.now();

					const unassigned = lane(desk, "Unassigned");
					await card(unassigned, number).waitFor({ timeout: 2_000 });
					assert.ok(Date.now() - booked_at <= 2_000, "the card appeared within 2 seconds");
					assert.equal(desk.url(), boardUrl, "the board stayed where it was");
					assert.equal(
						await desk.evaluate(() => document.documentElement.dataset.sameDocument),
						"yes",
						"the board was not reloaded",
					);
					const newCard = card(unassigned, number);
					assert.ok(await newCard.getByText("Customer booking").isVisible());
					assert.ok(await newCard.getByText(/Priya Natarajan/).isVisible());
					assert.ok(await newCard.getByText(/350 Fifth Avenue, Floor 21 → 60 Centre Street/).isVisible());
					jobNumber = number;

					// Lanes and the map side by side: the map is on screen beside the lanes, not below them.
					const map = desk.getByRole("region", { name: /^Technicians on the road/ });
					const [mapBox, laneBox] = [await map.boundingBox(), await unassigned.boundingBox()];
					assert.ok(mapBox && laneBox, "the map and the lanes are laid out");
					assert.ok(mapBox.x > laneBox.x + laneBox.width, "the map is to the right of the lanes");
					assert.ok(mapBox.y < laneBox.y + laneBox.height, "the map starts beside the lanes");
					assert.ok(mapBox.y < DESKTOP.height, "the map is within the first screen");

					// The dispatcher assigns it from the keyboard: focus the card, A, a digit, Enter.
					const cardLink = newCard.getByRole("link", { name: `Job #${number}` });
					await cardLink.focus();
					assert.ok(await newCard.getByText("Press A to assign").isVisible(), "the shortcut is shown");
					await desk.keyboard.press("a");
					const picker = newCard.getByRole("listbox", { name: `Assign job #${number}` });
					await picker.waitFor();
					assert.ok(await gainsFocus(picker), "the list has focus");
					const options = await picker.getByRole("option").allTextContents();
					const jordan = options.findIndex((o) => o.includes("Jordan Blake"));
					assert.ok(jordan >= 0 && jordan < 9, "Jordan Blake has a digit");
					await desk.keyboard.press("ArrowDown");
					await desk.keyboard.press(String(jordan + 1));
					assert.equal(
						await picker.getByRole("option", { name: /Jordan Blake/ }).getAttribute("aria-selected"),
						"true",
					);
					await assertAccessible(desk, "the board's keyboard assign list");
					await desk.keyboard.press("Enter");
					const assignedCard = card(lane(desk, "Assigned"), number);
					await assignedCard.waitFor();
					assert.equal(await card(unassigned, number).count(), 0);
					// Focus moved with the card into its new lane.
					await desk.waitForFunction(
						(n) =>
							document.activeElement?.textContent?.trim() === `Job #${n}` &&
							Boolean(document.activeElement.closest("[aria-labelledby='lane-assigned']")),
						number,
						{ timeout: 2_000 },
					);
					await desk
						.getByRole("status")
						.filter({ hasText: `Job #${number} assigned to Jordan Blake.` })
						.waitFor();

					// A filter, kept in the URL: customer bookings only.
					await desk.getByLabel("Customer bookings only").check();
					await desk.waitForURL(/[?&]bookings=1/);
					await desk.getByText(/^Showing \d+ of \d+ jobs$/).waitFor();
					await assignedCard.waitFor();
					const cards = desk.getByRole("article");
					const shownCards = await cards.count();
					assert.equal(
						await cards.filter({ hasText: "Customer booking" }).count(),
						shownCards,
						"only customer bookings are shown",
					);
					await desk.getByRole("button", { name: "Clear filters" }).click();
					await desk.waitForURL((url) => !url.search.includes("bookings"));
					assert.ok((await cards.count()) > shownCards, "every job is back");

					// The map hides, and stays hidden after a reload.
					await desk.getByRole("button", { name: "Hide map" }).click();
					assert.equal(await map.count(), 0);
					await desk.reload();
					await desk.getByRole("button", { name: "Show map" }).click();
					await map.waitFor();
					await assertAccessible(desk, "the live board with jobs in its lanes");

					// The customer sees the technician on the job.
					await customer.reload();
					await customer.getByRole("heading", { level: 1, name: `Job #${number}` }).waitFor();
					await customer.getByText("Jordan Blake", { exact: true }).waitFor();

					// (b) The dispatcher blocks the customer; their open page tells them at once, and a
					// reload finds them signed out.
					await desk.getByRole("link", { name: "Customers" }).click();
					await desk.getByRole("heading", { level: 1, name: "Customers" }).waitFor();
					await desk.getByLabel("Search customers").fill("Priya");
					await desk.getByRole("button", { name: "Search" }).click();
					await desk.getByRole("link", { name: "Priya Natarajan" }).first().click();
					await desk.getByRole("heading", { level: 1, name: "Priya Natarajan" }).waitFor();
					await desk.getByRole("button", { name: "Block Priya Natarajan" }).click();
					await desk.getByRole("button", { name: "Yes, block" }).click();
					await desk.getByText("Blocked", { exact: true }).first().waitFor();
					await desk.getByRole("button", { name: "Unblock Priya Natarajan" }).waitFor();

					await customer
						.getByRole("alertdialog", { name: "Your access to Acme Courier was turned off" })
						.waitFor({ timeout: 10_000 });
					await customer.reload();
					await customer.getByRole("heading", { name: "Sign in to Acme Courier" }).waitFor();
				} finally {
					await customer.context().close();
				}

				// (c) The audit log shows who blocked whom.
				await desk.getByRole("link", { name: "Audit log" }).click();
				await desk.getByRole("heading", { level: 1, name: "Audit log" }).waitFor();
				await desk.getByLabel("Action").fill("contact.blocked");
				await desk.getByRole("button", { name: "Filter" }).click();
				// The entry reads as a sentence, the target by name and linked.
				const row = desk.getByRole("row").filter({ hasText: "Blocked Priya Natarajan" }).first();
				await row.waitFor();
				assert.match((await row.textContent()) ?? "", /Morgan Price/);
				await row.getByRole("link", { name: "Priya Natarajan", exact: true }).waitFor();
				assert.doesNotMatch((await row.textContent()) ?? "", /con_|ctc_/, "no ids, names");
				// The assignment names its job by number, and who made it.
				await desk.getByLabel("Action").fill("job.assigned");
				await desk.getByRole("button", { name: "Filter" }).click();
				const assignedRow = desk
					.getByRole("row")
					.filter({ hasText: `Assigned job #${jobNumber} to Jordan Blake` });
				await assignedRow.waitFor();
				assert.match((await assignedRow.textContent()) ?? "", /Morgan Price/);
				await desk.getByLabel("Action").fill("contact.blocked");
				await desk.getByRole("button", { name: "Filter" }).click();
				await desk
					.getByRole("link", { name: /CSV/ })
					.and(desk.locator('[href*="action=contact.blocked"]'))
					.waitFor();

				// Unblock restores access: she can sign in again.
				await desk.getByRole("link", { name: "Customers" }).click();
				await desk.getByLabel("Search customers").fill("Priya");
				await desk.getByRole("button", { name: "Search" }).click();
				await desk.getByRole("link", { name: "Priya Natarajan" }).first().click();
				await desk.getByRole("button", { name: "Unblock Priya Natarajan" }).click();
				await desk.getByRole("button", { name: "Yes, unblock" }).click();
				await desk.getByRole("button", { name: "Block Priya Natarajan" }).waitFor();
				const again = await openCustomerPage(browser);
				try {
					await again.goto("/c/acme-courier");
					await signInByCode(again, CUSTOMER);
					await again.getByText("Signed in as Priya Natarajan").waitFor();
				} finally {
					await again.context().close();
				}

				// An admin's colour with too little contrast is refused beside its field, as typed.
				await desk.getByRole("link", { name: "Settings" }).click();
				await desk.getByRole("heading", { level: 1, name: "Settings" }).waitFor();
				const textColour = desk.getByLabel("Text on the brand colour");
				await textColour.fill("#3a6ea5");
				await desk.getByRole("button", { name: "Save branding" }).click();
				await desk.locator('[aria-invalid="true"]').first().waitFor();
				assert.equal(await textColour.getAttribute("aria-invalid"), "true");
				assert.equal(await textColour.inputValue(), "#3a6ea5");
				const describedBy = (await textColour.getAttribute("aria-describedby")) ?? "";
				const message = (await desk.locator(`[id="${describedBy.split(" ")[0]}"]`).textContent()) ?? "";
				assert.match(message, /contrast|4\.5/i);
			},
			{ viewport: DESKTOP },
		);
	});

	it("creates a job from the console, edits it and cancels it with a reason", async () => {
		await journey(
			"console job forms",
			async (desk) => {
				await desk.goto("/d/acme-courier");
				await signInByCode(desk, DISPATCHER);
				const board = desk.getByRole("heading", { level: 1, name: "Acme Courier dispatch board" });
				await board.waitFor();

				// On a phone the header stays under 64 px and the pages move into its menu.
				await desk.setViewportSize({ width: 390, height: 844 });
				const header = await desk.getByRole("banner").boundingBox();
				assert.ok(header && header.height < 64, `the header is ${header?.height} px high`);
				const title = await board.boundingBox();
				assert.ok(title && title.y < 64 + 32, `the board's title starts at ${title?.y} px`);
				assert.equal(await desk.getByRole("link", { name: "Customers" }).count(), 0, "no nav band");
				await desk.getByRole("button", { name: /^Menu, Signed in as Alex Novak/ }).click();
				await desk.getByRole("link", { name: "Customers" }).waitFor();
				await desk.keyboard.press("Escape");
				await desk.getByRole("link", { name: "Customers" }).waitFor({ state: "hidden" });
				await desk.setViewportSize(DESKTOP);

				await desk.getByRole("link", { name: "New job" }).click();
				await desk.getByRole("heading", { level: 1, name: "New job" }).waitFor();

				// Bob is picked with the form's controls; the package is left out on the first try.
				const account = desk.getByLabel("Account", { exact: true });
				await account.selectOption({ label: JOB_ACCOUNT });
				const contact = desk.getByLabel("Contact", { exact: true });
				await contact.selectOption({ label: JOB_CONTACT });
				const pickup = desk.getByRole("group", { name: "Pickup" });
				await pickup.getByLabel("Street address").fill("1 Liberty Plaza, Floor 12");
				await pickup.getByLabel("City").fill("New York");
				const dropoff = desk.getByRole("group", { name: "Drop-off" });
				await dropoff.getByLabel("Street address").fill("60 Centre Street");
				await dropoff.getByLabel("City").fill("New York");
				await desk.getByLabel("Reference / PO (optional)").fill("HP-1001");
				await desk.getByRole("button", { name: "Create job" }).click();

				const carrying = desk.getByLabel("What are we carrying?");
				await desk.locator('[aria-invalid="true"]').first().waitFor();
				assert.equal(await carrying.getAttribute("aria-invalid"), "true");
				const describedBy = (await carrying.getAttribute("aria-describedby")) ?? "";
				const errorId = describedBy.split(" ").find((id) => id.endsWith("-error"));
				assert.ok(errorId, "the package field is described by its error");
				assert.ok(
					(await desk.locator(`[id="${errorId}"]`).textContent())?.trim(),
					"the error says something",
				);
				assert.equal(
					await desk.getByRole("heading", { level: 1, name: "New job" }).count(),
					1,
					"still on the form",
				);
				assert.equal(await pickup.getByLabel("Street address").inputValue(), "1 Liberty Plaza, Floor 12");
				assert.equal(await dropoff.getByLabel("Street address").inputValue(), "60 Centre Street");
				assert.equal(await desk.getByLabel("Reference / PO (optional)").inputValue(), "HP-1001");
				assert.equal(await account.locator("option:checked").textContent(), JOB_ACCOUNT);
				assert.equal(await contact.locator("option:checked").textContent(), JOB_CONTACT);
				await assertAccessible(desk, "the new-job form with an error");

				await carrying.fill("Signed lease, one envelope");
				await desk.getByRole("button", { name: "Create job" }).click();
				const heading = desk.getByRole("heading", { level: 1, name: /^Job #\d+$/ });
				await heading.waitFor();
				const number = /#(\d+)/.exec((await heading.textContent()) ?? "")?.[1];
				assert.ok(number, "the job page names the job number");
				await desk.getByRole("status").filter({ hasText: "Job created." }).waitFor();
				const facts = desk.locator("dl.facts");
				assert.match((await facts.textContent()) ?? "", /Bob Lindqvist · Hartwell & Pine LLP/);
				await desk.getByText("Signed lease, one envelope").first().waitFor();
				await assertAccessible(desk, "a new job's page");

				await desk.getByRole("link", { name: "Back to the board" }).click();
				const onBoard = card(lane(desk, "Unassigned"), number);
				await onBoard.waitFor();
				assert.ok(await onBoard.getByText(/Bob Lindqvist/).isVisible());
				assert.ok(await onBoard.getByText("Ref HP-1001").isVisible());

				// The edit: a new reference and a new drop-off address, recorded with who made them.
				await onBoard.getByRole("link", { name: `Job #${number}` }).click();
				await heading.waitFor();
				await desk.getByRole("button", { name: "Edit job" }).click();
				const edit = desk.getByRole("form", { name: `Edit job #${number}` });
				await edit.waitFor();
				await edit.getByLabel("Reference / PO (optional)").fill("HP-2002");
				const newDropoff = edit.getByRole("group", { name: "Drop-off" });
				await newDropoff.getByLabel("Street address").fill("100 Centre Street");
				await edit.getByRole("button", { name: "Save changes" }).click();
				await desk.getByRole("status").filter({ hasText: "Changes saved." }).waitFor();
				assert.equal(await edit.count(), 0, "the form closed");
				await desk.getByText("HP-2002").first().waitFor();
				await desk
					.getByText(/100 Centre Street/)
					.first()
					.waitFor();
				const activity = desk.getByRole("region", { name: "Activity" });
				const changed = activity.getByRole("listitem").filter({ hasText: "Details changed" });
				await changed.waitFor();
				const changeText = (await changed.textContent()) ?? "";
				assert.match(changeText, /reference/);
				assert.match(changeText, /drop-off/);
				assert.doesNotMatch(changeText, /time window/, "the untouched window is not reported as changed");
				assert.match(changeText, /Alex Novak/);

				// Cancelled with a reason: the status says so, the timeline keeps the reason.
				await desk.getByRole("button", { name: "Cancel job…" }).click();
				await desk.getByLabel("Reason").fill("The customer no longer needs the envelope sent");
				await desk.getByRole("button", { name: "Cancel the job" }).click();
				await desk
					.getByRole("status")
					.filter({ hasText: `Job #${number} cancelled.` })
					.waitFor();
				await desk.locator(".ui-page-header").getByText("Cancelled", { exact: true }).waitFor();
				const cancelled = activity
					.getByRole("listitem")
					.filter({ hasText: "The customer no longer needs the envelope sent" });
				await cancelled.waitFor();
				assert.match((await cancelled.textContent()) ?? "", /Alex Novak/);
				assert.equal(await desk.getByRole("button", { name: "Edit job" }).count(), 0, "no edits once over");
				await assertAccessible(desk, "a cancelled job's page");

				await desk.getByRole("link", { name: "Board", exact: true }).click();
				await desk.getByRole("heading", { level: 1, name: "Acme Courier dispatch board" }).waitFor();
				const done = card(lane(desk, "Done today"), number);
				await done.waitFor();
				assert.ok(await done.getByText("Cancelled", { exact: true }).isVisible());
				for (const title of OPEN_LANES) {
					assert.equal(await card(lane(desk, title), number).count(), 0, `job #${number} is not ${title}`);
				}

				// A job under way since this morning: its window has begun, and saving its form as it
				// stands is no edit of the window, so the booking rules' "not in the past" do not refuse it.
				const underWay = lane(desk, "In progress").getByRole("article").first();
				await underWay.getByRole("link", { name: /^Job #\d+$/ }).click();
				await desk.getByRole("button", { name: "Edit job" }).click();
				await desk.getByRole("button", { name: "Save changes" }).click();
				await desk.getByRole("status").filter({ hasText: "Changes saved." }).waitFor();
				assert.equal(await desk.locator('[aria-invalid="true"]').count(), 0, "no field was refused");
			},
			{ viewport: DESKTOP },
		);
	});
});
