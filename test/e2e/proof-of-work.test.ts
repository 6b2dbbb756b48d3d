import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { APIRequestContext, Page } from "playwright-core";
import { journey, personContext } from "./browser.ts";
import { signInCode, waitForEmail, waitForSignInEmail } from "./outbox.ts";
import { signInByCode } from "./sign-in-steps.ts";

// Nadia Flores, a Bayside Plumbing admin, sets the job up through the API (her only sign-in
// here; the accessibility journey is her other). The technician and the customer are new on
// every run, so no other journey sees them.
const ADMIN = "nadia@bayside-plumbing.example";
const SLUG = "bayside-plumbing";
const API = `/api/d/${SLUG}`;

/** An 8×8 PNG, the photo the technician takes. */
const PHOTO = Buffer.from(
	"iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGM4Y2yMFTEMLQkACspMgdVP2G4AAAAASUVORK5CYII=",
	"base64",
);

async function postOk<T>(api: APIRequestContext, path: string, body: unknown): Promise<T> {
	const res = await api.post(path, { data: body });
	assert.ok(res.ok(), `POST ${path} answered ${res.status()}: ${await res.text()}`);
	return (await res.json()) as T;
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A new technician with a service call assigned for a new customer, set up by the signed-in admin. */
async function serviceCallForNewCustomer(page: Page) {
	const browser = page.context().browser();
	assert.ok(browser, "the journey runs in a browser");
	const desk = await personContext(browser);
	const api = desk.request;
	const since = Date.now();
	assert.equal((await api.post(`${API}/auth/link`, { data: { email: ADMIN } })).status(), 202);
	const code = signInCode(await waitForSignInEmail(ADMIN, since));
	assert.equal((await api.post(`${API}/auth/code`, { data: { email: ADMIN, code } })).status(), 200);

	const short = crypto.randomUUID().slice(0, 8);
	const techEmail = `tech-${short}@bayside-plumbing.example`;
	const technician = await postOk<{ id: string }>(api, `${API}/technicians`, {
		name: `Pat Pipe ${short}`,
		email: techEmail,
	});
	const customerEmail = `dana-${short}@customers.example`;
	const customerName = `Dana Proof ${short}`;
	await postOk(api, `${API}/customers/contacts`, {
		name: customerName,
		email: customerEmail,
		role: "booker",
	});
	const job = await postOk<{ id: string; number: number }>(api, `${API}/jobs`, {
		kind: "service_call",
		service: {
			address: { line1: "500 Bay Street", city: "San Francisco", region: "CA", postalCode: "94133" },
		},
		preferredFrom: inDays(0),
		preferredTo: inDays(1),
		description: "Leaking kitchen tap",
		customer: { name: customerName, email: customerEmail },
	});
	await postOk(api, `${API}/jobs/${job.id}/assign`, { technicianId: technician.id });
	return { api, close: () => desk.close(), techEmail, customerEmail, customerName, job };
}

describe("proof of work", () => {
	it("completes a job with a drawn signature and a photo partly offline; the customer sees the proof and downloads the report", async () => {
		await journey("proof of work", async (page) => {
			const setup = await serviceCallForNewCustomer(page);
			try {
				await page.goto(`/t/${SLUG}`);
				await signInByCode(page, setup.techEmail);
				await page.getByText("This app now works offline.").waitFor();
				const card = page.getByRole("article").filter({ hasText: setup.customerName });
				await card.getByRole("button", { name: "Start driving" }).click();
				await card.getByRole("button", { name: "Arrived — start job" }).click();
				await card.getByRole("button", { name: "Complete job" }).click();

				const completions: string[] = [];
				page.on("request", (req) => {
					if (req.method() === "POST" && req.url().endsWith(`/jobs/${setup.job.id}/complete`))
						completions.push(req.headers()["idempotency-key"] ?? "");
				});
				// The connection drops while the technician fills in the proof.
				await page.context().setOffline(true);
				await card.getByLabel("Received by").fill("Rosa Recipient");
				const pad = card.locator("canvas.signature-pad");
				const box = await pad.boundingBox();
				assert.ok(box, "the signature pad is on screen");
				await page.mouse.move(box.x + 20, box.y + box.height / 2);
				await page.mouse.down();
				for (let i = 1; i <= 10; i++)
					await page.mouse.move(box.x + 20 + i * 20, box.y + box.height / 2 + (i % 2 ? 15 : -15));
				await page.mouse.up();
				await card
					.getByLabel("Photos")
					.setInputFiles({ name: "tap.png", mimeType: "image/png", buffer: PHOTO });
				await card.getByRole("img", { name: "Photo 1" }).waitFor();
				await card.getByLabel("Work done").fill("Replaced the tap washer");
				await card.getByRole("button", { name: "Complete job" }).click();
				await card.getByText("Completion waiting to upload.", { exact: false }).waitFor();
				assert.equal(completions.length, 0, "nothing was sent while offline");

				await page.context().setOffline(false);
				await page.waitForFunction(
					() => !document.body.textContent?.includes("Completion waiting to upload"),
					null,
					{
						timeout: 45_000,
					},
				);
				const refused = await card.getByText("wasn't saved", { exact: false }).count();
				assert.equal(refused, 0, (await card.textContent()) ?? "");
				const staffJob = (await (await setup.api.get(`${API}/jobs/${setup.job.id}`)).json()) as {
					status: string;
					timeline: Array<{ type: string }>;
				};
				assert.equal(staffJob.status, "completed", JSON.stringify(staffJob.timeline));
				const types = staffJob.timeline.map((e) => e.type);
				assert.equal(types.filter((t) => t === "completed").length, 1, "one completion");

				// The customer opens the completion email and sees the proof.
				const browser = page.context().browser();
				assert.ok(browser);
				const customerContext = await personContext(browser, { viewport: { width: 1280, height: 900 } });
				try {
					const customer = await customerContext.newPage();
					// The completion email follows "on the way" through the notification queue.
					const completed = new RegExp(`Completed: job #${setup.job.number}`);
					const email = await waitForEmail(setup.customerEmail, 0, 30_000, completed);
					assert.match(email.subject, completed);
					const link = /https?:\/\/\S+\/c\/[^\s]+\/jobs\/[a-z0-9_]+/.exec(email.text)?.[0];
					assert.ok(link, email.text);
					await customer.goto(new URL(link).pathname);
					await signInByCode(customer, setup.customerEmail);
					const proof = customer.getByRole("region", { name: "Proof of completion" });
					await proof.waitFor();
					await proof.getByText("Rosa Recipient").waitFor();
					await proof.getByText("Replaced the tap washer").waitFor();
					await proof.getByRole("img", { name: "Signature" }).waitFor();
					await proof.getByRole("img", { name: "Photo 1 of the completion" }).waitFor();

					// And downloads the report from documents.
					await customer.goto(`/c/${SLUG}/documents`);
					const title = `Service report · job #${setup.job.number}`;
					const doc = customer.getByRole("listitem").filter({ hasText: title });
					await doc.waitFor();
					const href = await doc.getByRole("link", { name: "Download" }).getAttribute("href");
					assert.ok(href);
					const pdf = await customer.request.get(href);
					assert.equal(pdf.status(), 200);
					assert.equal(pdf.headers()["content-type"], "application/pdf");
					assert.ok((await pdf.body()).subarray(0, 5).toString() === "%PDF-");
				} finally {
					await customerContext.close();
				}
			} finally {
				await setup.close();
			}
		});
	});
});
