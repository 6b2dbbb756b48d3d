import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { APIRequestContext, Page } from "playwright-core";
import { journey, personContext } from "./browser.ts";
import { signInCode, waitForSignInEmail } from "./outbox.ts";
import { signInByCode } from "./sign-in-steps.ts";

// Riley Chen, an Acme dispatcher, sets the job up through the API; the sign-in journey signs
// in as Riley once, so this is the second of Riley's three emails in 15 minutes. The technician
// is new on every run, so no other journey sees the job on its board or list.
const DISPATCHER = "riley@acme-courier.example";
const API = "/api/d/acme-courier";

/** "YYYY-MM-DDTHH:mm" in Acme's zone, `hours` from now. */
function acmeWallClock(hours: number): string {
	const parts = new Intl.DateTimeFormat("en-CA", {
		timeZone: "America/New_York",
		hourCycle: "h23",
		year: "numeric",
		month: "2-digit",
		day: "2-digit",
		hour: "2-digit",
		minute: "2-digit",
	}).formatToParts(Date.now() + hours * 3_600_000);
	const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
	return `${part("year")}-${part("month")}-${part("day")}T${part("hour")}:${part("minute")}`;
}

async function postOk<T>(api: APIRequestContext, path: string, body: unknown): Promise<T> {
	const res = await api.post(path, { data: body });
	assert.ok(res.ok(), `POST ${path} answered ${res.status()}: ${await res.text()}`);
	return (await res.json()) as T;
}

/** A new technician with one job assigned, set up by a signed-in dispatcher; their API for checks after. */
async function technicianWithJob(page: Page) {
	const browser = page.context().browser();
	assert.ok(browser, "the journey runs in a browser");
	const desk = await personContext(browser);
	const api = desk.request;
	const since = Date.now();
	assert.equal((await api.post(`${API}/auth/link`, { data: { email: DISPATCHER } })).status(), 202);
	const code = signInCode(await waitForSignInEmail(DISPATCHER, since));
	assert.equal((await api.post(`${API}/auth/code`, { data: { email: DISPATCHER, code } })).status(), 200);

	const short = crypto.randomUUID().slice(0, 8);
	const email = `van-${short}@acme-courier.example`;
	const technician = await postOk<{ id: string }>(api, `${API}/technicians`, {
		name: `Vic Van ${short}`,
		email,
	});
	const customer = `Cam Offline ${short}`;
	const job = await postOk<{ id: string; number: number }>(api, `${API}/jobs`, {
		kind: "pickup_delivery",
		pickup: { address: { line1: "350 Fifth Avenue", city: "New York", region: "NY", postalCode: "10118" } },
		dropoff: { address: { line1: "60 Centre Street", city: "New York", region: "NY" } },
		readyAt: acmeWallClock(1),
		deliverBy: acmeWallClock(4),
		packageDescription: "Sealed envelope",
		customer: { name: customer, email: `cam-${short}@customers.example` },
	});
	await postOk(api, `${API}/jobs/${job.id}/assign`, { technicianId: technician.id });
	return { api, close: () => desk.close(), email, customer, job };
}

describe("technician status moves without a connection", () => {
	it("queues moves made offline, keeps them across a reload, and applies each once when back online", async () => {
		await journey("offline status moves", async (page) => {
			const setup = await technicianWithJob(page);
			try {
				await page.goto("/t/acme-courier");
				await signInByCode(page, setup.email);
				await page.getByRole("heading", { name: "Acme Courier — today's jobs" }).waitFor();
				await page.getByText("This app now works offline.").waitFor();
				// Loaded again under the service worker, so today's jobs are kept for an offline reload.
				await page.reload();
				const card = page.getByRole("article").filter({ hasText: setup.customer });
				await card.getByRole("button", { name: "Start driving" }).waitFor();

				const moves: Array<{ key: string; status: string }> = [];
				page.on("request", (req) => {
					if (req.method() === "POST" && req.url().endsWith(`/jobs/${setup.job.id}/status`))
						moves.push({
							key: req.headers()["idempotency-key"] ?? "",
							status: (JSON.parse(req.postData() ?? "{}") as { status: string }).status,
						});
				});
				// The first move sent reaches the server, but its answer is lost on the way back.
				let answersLost = 0;
				await page.route(`**/api/t/acme-courier/jobs/${setup.job.id}/status`, async (route) => {
					if (answersLost > 0) return route.continue();
					answersLost++;
					await route.fetch();
					return route.abort("internetdisconnected");
				});

				await page.context().setOffline(true);
				await card.getByRole("button", { name: "Start driving" }).click();
				await card.getByText("Waiting to send: On the way. It goes as soon as you're back online.").waitFor();
				await card.getByRole("button", { name: "Arrived — start job" }).click();
				const bothWaiting =
					"Waiting to send: On the way → In progress. They go in this order as soon as you're back online.";
				await card.getByText(bothWaiting).waitFor();
				assert.ok(await card.getByText("In progress", { exact: true }).isVisible(), "shown as moved");

				await page.reload();
				await card.getByText(bothWaiting).waitFor();
				assert.equal(moves.length, 0, "nothing was sent while offline");

				await page.context().setOffline(false);
				await page.waitForFunction(() => !document.body.textContent?.includes("Waiting to send"), null, {
					timeout: 45_000,
				});

				// The lost answer's move went again under its key and was answered, not applied again.
				const [first, again, arrived] = moves;
				assert.equal(moves.length, 3, JSON.stringify(moves));
				assert.equal(first?.status, "en_route");
				assert.deepEqual(again, first, "the move whose answer was lost was sent again with its key");
				assert.equal(arrived?.status, "in_progress");
				assert.notEqual(arrived?.key, first?.key);

				const res = await setup.api.get(`${API}/jobs/${setup.job.id}`);
				const job = (await res.json()) as { status: string; timeline: Array<{ type: string }> };
				assert.equal(job.status, "in_progress");
				const types = job.timeline.map((e) => e.type);
				assert.equal(types.filter((t) => t === "en_route").length, 1, types.join(", "));
				assert.equal(types.filter((t) => t === "in_progress").length, 1, types.join(", "));
			} finally {
				await setup.close();
			}
		});
	});
});
