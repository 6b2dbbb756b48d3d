import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { describe, it } from "node:test";
import type { BrowserContext, Locator, Page, WebSocketRoute } from "playwright-core";
import { assertAccessible } from "./axe.ts";
import { baseUrl, journey, personContext } from "./browser.ts";
import { gainsFocus } from "./focus.ts";
import { signInByCode } from "./sign-in-steps.ts";

// The demo's live job: assigned to Sam Ortiz today, booked by Dana Reyes of Hartwell & Pine,
// picked up at 350 Fifth Avenue. No other journey signs in as either of them.
const SAM = "sam@acme-courier.example";
const DANA = "dana.reyes@hartwellpine.example";
// Sofia Alvarez's pickup at Northgate Motors is on Lena Fischer's list; only the offline journey
// signs in as her.
const LENA = "lena@acme-courier.example";
const PHONE = { width: 390, height: 844 };

// Driving north up Fifth Avenue toward the pickup (40.748817, -73.985428).
const START = { latitude: 40.7359, longitude: -73.9911, accuracy: 12 };
const NEARER = { latitude: 40.7418, longitude: -73.9885, accuracy: 12 };

/** Text of a locator once it is visible, trimmed. */
async function textOf(locator: Locator): Promise<string> {
	await locator.waitFor();
	return ((await locator.textContent()) ?? "").trim();
}

/** Frames the phone sent, by connection, with a wait for one that must come. */
function sentFrames() {
	const frames: Array<{ connection: number; text: string }> = [];
	const waiting = new Set<() => void>();
	return {
		frames,
		record(connection: number, text: string) {
			frames.push({ connection, text });
			for (const check of [...waiting]) check();
		},
		/** The first frame from `from` on that matches; fails after the timeout instead of hanging. */
		next(match: (text: string) => boolean, from = 0, timeoutMs = 15_000): Promise<string> {
			return new Promise((resolve, reject) => {
				const check = () => {
					const found = frames.slice(from).find((f) => match(f.text));
					if (!found) return;
					clearTimeout(timer);
					waiting.delete(check);
					resolve(found.text);
				};
				const timer = setTimeout(() => {
					waiting.delete(check);
					reject(new Error(`the phone sent no matching frame within ${timeoutMs} ms`));
				}, timeoutMs);
				waiting.add(check);
				check();
			});
		},
	};
}

/** Resolves once the element drawn for `marker` has moved off the vertical position `y`. */
async function movedFrom(marker: Locator, y: number): Promise<{ x: number; y: number }> {
	const element = await marker.elementHandle();
	assert.ok(element, "the marker is drawn");
	await element.evaluate(
		(el, from) =>
			new Promise<void>((resolve) => {
				const centre = () => {
					const box = el.getBoundingClientRect();
					return Math.round(box.y + box.height / 2);
				};
				const watch = () => (centre() !== from ? resolve() : requestAnimationFrame(watch));
				watch();
			}),
		y,
	);
	return markerAt(marker);
}

/**
 * The phone keeps at most one fix per 2 s of GPS time, and Chromium stamps an emulated fix with
 * the browser's own clock, which neither the page's fake clock nor any event moves on: two fixes
 * the phone is to keep must really be that far apart.
 */
const GPS_FIX_INTERVAL_MS = 2_300;
const nextGpsFix = () => new Promise((r) => setTimeout(r, GPS_FIX_INTERVAL_MS));

/** The `positions` of the phone's backlog frames among the frames it sent. */
function backlogPositions(frames: string[]): Array<{ lat: number; lng: number }> {
	return frames
		.map((f) => JSON.parse(f) as { type: string; positions?: Array<{ lat: number; lng: number }> })
		.filter((f) => f.type === "backlog")
		.flatMap((f) => f.positions ?? []);
}

/** Where a map marker is drawn on the screen (its centre). */
async function markerAt(marker: Locator): Promise<{ x: number; y: number }> {
	await marker.waitFor();
	const box = await marker.boundingBox();
	assert.ok(box, "the marker is drawn");
	return { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) };
}

/** The other people's browsers: console and live frames, saved when the journey fails. */
const othersLog: string[] = [];

/** A second person's browser beside the journey's, closed with it. */
async function otherBrowser(page: Page, opened: BrowserContext[]): Promise<Page> {
	const browser = page.context().browser();
	assert.ok(browser, "the journey runs in a browser");
	const context = await personContext(browser, { viewport: PHONE });
	opened.push(context);
	const who = `browser ${opened.length + 1}`;
	const other = await context.newPage();
	other.on("console", (m) => othersLog.push(`[${who}] ${m.type()} ${m.text()}`));
	other.on("websocket", (ws) => {
		othersLog.push(`[${who}] ws open ${ws.url()}`);
		ws.on("framereceived", (f) => othersLog.push(`[${who}] <- ${String(f.payload).slice(0, 160)}`));
		ws.on("close", () => othersLog.push(`[${who}] ws closed`));
	});
	return other;
}

describe("live tracking", () => {
	it("shows the technician's phone moving on the customer's page and a tracking link, until the job starts and ends", async () => {
		await journey("live tracking", async (technician) => {
			const opened: BrowserContext[] = [];
			try {
				// The technician's phone, with a faked GPS.
				await technician.context().grantPermissions(["geolocation"], { origin: baseUrl });
				await technician.context().setGeolocation(START);
				await technician.goto("/t/acme-courier");
				await signInByCode(technician, SAM);
				await technician.getByRole("heading", { name: "Acme Courier — today's jobs" }).waitFor();
				const job = technician.getByRole("article").filter({ hasText: "Dana Reyes, Hartwell & Pine LLP" });
				const title = await textOf(job.getByRole("heading", { level: 2 }));
				const number = title.replace("Job #", "");
				assert.match(number, /^\d+$/);
				assert.ok(await job.getByText("350 Fifth Avenue, Floor 21").isVisible(), "the stop is listed");

				// The customer opens the job from their history.
				const customer = await otherBrowser(technician, opened);
				await customer.goto("/c/acme-courier/jobs");
				await signInByCode(customer, DANA);
				await customer.getByLabel("Search").fill(number);
				await customer.getByRole("button", { name: "Search" }).click();
				await customer.getByRole("link", { name: `Job #${number}` }).click();
				await customer.getByRole("heading", { level: 1, name: `Job #${number}` }).waitFor();
				await customer
					.getByRole("status")
					.filter({ hasText: "Sam Ortiz is assigned and hasn't set off yet" })
					.waitFor();

				// En route: the phone shares its position, the customer sees it without reloading.
				await job.getByRole("button", { name: "Start driving" }).click();
				await job.getByRole("status").filter({ hasText: "Sharing location" }).waitFor();
				await customer.getByRole("status").filter({ hasText: "Sam Ortiz is on the way" }).waitFor();
				const marker = customer.getByRole("img", { name: "Sam Ortiz" });
				// The ETA as a customer says it: a duration and a clock time in the tenant's zone, the
				// distance beside it, and no confidence grade ("estimate may change" only when shaky).
				const eta = customer.getByText(/ · arriving around \d{1,2}:\d\d\s?[AP]M$/);
				const distance = customer.getByText(/^\d+(\.\d)? (km|m) away$/);
				assert.match(await textOf(eta), /^(about \d+ (min|h)|less than a minute).* · arriving around /);
				const firstDistance = await textOf(distance);
				assert.match(firstDistance, /^\d\.\d km away$/);
				assert.equal(await customer.getByText(/Confidence/).count(), 0, "no confidence grade");
				await customer.getByText(`Job #${number}`, { exact: true }).first().waitFor();
				// The markers come after the text: the map loads apart and draws them a task or two later.
				await customer.getByRole("img", { name: "350 Fifth Avenue, Floor 21" }).waitFor();
				const firstSpot = await markerAt(marker);
				await assertAccessible(customer, "the customer's live view");

				// The customer shares the view with the person at the pickup.
				await customer.getByRole("button", { name: "Create tracking link" }).click();
				const link = await customer.getByLabel("Tracking link").inputValue();
				assert.match(link, /\/track\/[\w-]{22,}$/);
				const recipient = await otherBrowser(technician, opened);
				// The recipient's clock can be moved on, to see how a silent phone is shown.
				await recipient.clock.install();
				await recipient.goto(new URL(link).pathname);
				await recipient.getByRole("heading", { level: 1, name: "Live tracking" }).waitFor();
				await recipient.getByRole("status").filter({ hasText: "Sam Ortiz is on the way" }).waitFor();
				await recipient.getByRole("img", { name: "Sam Ortiz" }).waitFor();
				await recipient.getByText(/ · arriving around /).waitFor();
				await recipient.getByText(`Job #${number}`, { exact: true }).waitFor();
				assert.equal(await recipient.getByText("Hartwell").count(), 0, "no account data on the link");
				await assertAccessible(recipient, "the tracking link's live view");

				// The van moves: the marker moves and the ETA changes, still without reloading.
				await technician.context().setGeolocation(NEARER);
				const laterDistance = await textOf(distance.filter({ hasNotText: firstDistance }));
				assert.match(laterDistance, /^\d(\.\d)? km away$|^\d+ m away$/);
				const laterSpot = await movedFrom(marker, firstSpot.y);
				assert.ok(laterSpot.y < firstSpot.y, "driving north moves the marker up the map");
				await recipient.getByText(laterDistance).waitFor();
				assert.equal(await recipient.getByText(/^Last seen/).count(), 0, "a fresh position is live");
				await recipient.clock.fastForward(30_000);
				await recipient.getByText(/^Last seen 3\d s ago$/).waitFor();

				// Started: the customer's stream carries the status only.
				await job.getByRole("button", { name: "Arrived — start job" }).click();
				await customer.getByRole("status").filter({ hasText: "Sam Ortiz has arrived and started" }).waitFor();
				await marker.waitFor({ state: "detached" });
				assert.equal(await eta.count(), 0, "no ETA once started");
				await customer.getByText("location is shown only while they are on the way").waitFor();
				// The phone hears back after the relay told the watchers; then it stops sharing.
				await job.getByText("Sharing location").waitFor({ state: "detached" });
				await assertAccessible(technician, "the technician's jobs, one started");
				await recipient
					.getByRole("status")
					.filter({ hasText: "Sam Ortiz has arrived and started" })
					.waitFor();
				assert.equal(await recipient.getByRole("img", { name: "Sam Ortiz" }).count(), 0);

				// Completed: the link ends.
				await job.getByRole("button", { name: "Complete job" }).click();
				// The proof form opens; this tenant requires nothing, so it completes as it is.
				await job.getByRole("button", { name: "Complete job" }).click();
				await recipient.getByRole("heading", { name: "This job has ended" }).waitFor();
				// Seen ending, the page keeps the tenant's header.
				assert.equal(await recipient.locator("header.brand-bar .brand-name").textContent(), "Acme Courier");
				// The link shows the job no more; reloaded, its page says the job ended and asks the
				// job's survey, with no live view. Its heading waits for the survey's answer, so it is
				// not replaced a moment later.
				const linked = await recipient.request.get(`/api/track/${new URL(link).pathname.split("/").pop()}`);
				assert.equal(linked.status(), 404, "the link shows no job once it ended");
				// Every main heading the reloaded page shows, however briefly.
				await recipient.addInitScript(() => {
					const seen: string[] = [];
					Object.assign(window, { headingsSeen: seen });
					new MutationObserver(() => {
						for (const h of document.querySelectorAll("h1"))
							if (!seen.includes(h.textContent ?? "")) seen.push(h.textContent ?? "");
					}).observe(document, { subtree: true, childList: true, characterData: true });
				});
				const surveyReads: string[] = [];
				recipient.on("request", (r) => {
					if (r.method() === "GET" && new URL(r.url()).pathname.endsWith("/survey"))
						surveyReads.push(r.url());
				});
				await recipient.reload();
				await recipient.getByRole("heading", { level: 1, name: "This job has ended" }).waitFor();
				await recipient
					.getByText("Live tracking is over. If you have a moment, tell us how it went.")
					.waitFor();
				await recipient.getByRole("region", { name: "How did we do?" }).waitFor();
				// Opened after the job, the link's survey names the tenant, and the page wears its header.
				assert.equal(await recipient.locator("header.brand-bar .brand-name").textContent(), "Acme Courier");
				// The page read the survey to find the tenant, and shows that answer: one read.
				assert.equal(surveyReads.length, 1, `survey reads: ${surveyReads.length}`);
				const headings = await recipient.evaluate(
					() => (window as unknown as { headingsSeen: string[] }).headingsSeen,
				);
				assert.ok(
					!headings.includes("This tracking link is no longer active"),
					`headings shown: ${headings.join(" / ")}`,
				);
				await customer.getByText("Completed", { exact: true }).first().waitFor();
			} catch (err) {
				// The journey saves the technician's page; save the other people's too.
				for (const [i, context] of opened.entries())
					for (const other of context.pages())
						await other.screenshot({
							path: `test/e2e/artifacts/live-tracking-browser-${i + 2}.png`,
							fullPage: true,
						});
				writeFileSync("test/e2e/artifacts/live-tracking-others.console.log", othersLog.join("\n"));
				throw err;
			} finally {
				for (const context of opened) await context.close();
			}
		});
	});

	it("keeps fixes while the connection is down, sends them as a backlog on reconnect, and stops sharing when paused", async () => {
		await journey("live tracking offline", async (phone) => {
			// Between the phone and the relay: a switch that drops the connection and refuses new ones.
			let offline = false;
			const sent = sentFrames();
			const connections: WebSocketRoute[] = [];
			await phone.routeWebSocket(/\/api\/t\/acme-courier\/jobs\/[^/]+\/live$/, (ws) => {
				if (offline) {
					ws.close({ code: 1011, reason: "no signal" });
					return;
				}
				const relay = ws.connectToServer();
				const connection = connections.push(ws) - 1;
				ws.onMessage((message) => {
					sent.record(connection, String(message));
					relay.send(message);
				});
			});
			await phone.context().grantPermissions(["geolocation"], { origin: baseUrl });
			await phone.context().setGeolocation({ latitude: 40.8851, longitude: -74.0412, accuracy: 15 });
			await phone.goto("/t/acme-courier");
			await signInByCode(phone, LENA);
			const job = phone.getByRole("article").filter({ hasText: "Sofia Alvarez, Northgate Motors" });
			await job.getByRole("button", { name: "Start driving" }).click();
			const sharing = job.getByRole("status");
			await sharing.filter({ hasText: "Sharing location" }).waitFor();
			// A fix taken before the relay answered goes out as a (one-fix) backlog.
			await sent.next((f) => /"type":"(position|backlog)"/.test(f));
			const sentBeforeDrop = sent.frames.length;

			// The signal drops; the phone keeps moving and keeps its fixes.
			offline = true;
			for (const ws of connections) await ws.close({ code: 1006, reason: "signal lost" });
			await sharing.filter({ hasText: /^(Reconnecting…|Offline — \d+ points? saved)$/ }).waitFor();
			await phone.context().setGeolocation({ latitude: 40.8902, longitude: -74.0441, accuracy: 15 });
			await sharing.filter({ hasText: /^Offline — \d+ points? saved$/ }).waitFor();
			await nextGpsFix();
			await phone.context().setGeolocation({ latitude: 40.8953, longitude: -74.0462, accuracy: 15 });
			const savedText = await textOf(sharing.filter({ hasText: /^Offline — \d+ points saved$/ }));
			assert.ok(Number(savedText.match(/\d+/)?.[0]) >= 2, `two or more fixes saved: ${savedText}`);

			// Back in signal: one backlog frame carries them, oldest first, and sharing resumes.
			offline = false;
			await sharing.filter({ hasText: "Sharing location" }).waitFor({ timeout: 30_000 });
			await sent.next((f) => f.includes('"type":"backlog"'), sentBeforeDrop);
			const backlog = backlogPositions(sent.frames.slice(sentBeforeDrop).map((f) => f.text));
			const lats = backlog.map((p) => p.lat);
			assert.ok(lats.includes(40.8902) && lats.includes(40.8953), `saved fixes sent: ${lats.join(", ")}`);
			assert.ok(lats.indexOf(40.8902) < lats.indexOf(40.8953), "oldest first");

			// Paused with a message for the customer: the page stops sharing.
			await job.getByRole("button", { name: "Pause job…" }).click();
			const message = job.getByLabel("Message for the customer");
			assert.ok(await gainsFocus(message), "the message has focus");
			await job.getByRole("button", { name: "Pause job", exact: true }).click();
			await job.getByText("Tell the customer why the job is paused.").waitFor();
			assert.equal(await message.getAttribute("aria-invalid"), "true");
			await message.fill("Traffic on the bridge, 15 minutes late");
			await job.getByRole("button", { name: "Pause job", exact: true }).click();
			await job.getByText("Customer sees: Traffic on the bridge, 15 minutes late").waitFor();
			assert.equal(await job.getByText("Sharing location").count(), 0);
			const before = sent.frames.length;
			const pausedConnections = connections.length;
			await phone.context().setGeolocation({ latitude: 40.9004, longitude: -74.0483, accuracy: 15 });

			// Back on the road: the phone shares again on a new connection, with where it is now
			// (the browser may first hand its watcher the last fix it had, which is fine to send).
			await job.getByRole("button", { name: "Back on the road" }).click();
			await sent.next((f) => /"type":"(position|backlog)"/.test(f) && /40\.9004/.test(f), before);
			const whilePaused = sent.frames
				.slice(before)
				.filter((f) => f.connection < pausedConnections && !f.text.includes('"ping"'));
			assert.deepEqual(whilePaused, [], "nothing sent while paused");
		});
	});
});
