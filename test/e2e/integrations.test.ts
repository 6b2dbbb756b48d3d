import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Page } from "playwright-core";
import { baseUrl, journey } from "./browser.ts";
import { signInByCode } from "./sign-in-steps.ts";

// Lee Park, Bayside's admin, creates the key and the endpoint; an order system sends the job.
const ADMIN = "lee@bayside-plumbing.example";
const DESKTOP = { width: 1366, height: 900 };
const INBOX = `${baseUrl}/dev/webhooks/inbox`;

type InboxDelivery = { url: string; headers: Record<string, string>; body: string; verified: boolean };

/** Tomorrow in the tenant's zone, as the booking form's date fields take it. */
function tomorrow(): string {
	const day = new Date(Date.now() + 36 * 3_600_000);
	return day.toISOString().slice(0, 10);
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const found = await probe();
		if (found !== undefined) return found;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 500));
	}
}

const endpointOf = (page: Page, url: string) => page.getByRole("article", { name: `Endpoint ${url}` });

describe("integrations", () => {
	it("an admin makes a key and an endpoint; a job sent with the key is on the board, and its delivery in the console and the inbox", async () => {
		await journey(
			"integrations",
			async (page) => {
				await page.goto("/d/bayside-plumbing/settings/api");
				await signInByCode(page, ADMIN);
				await page.getByRole("heading", { level: 1, name: "API and webhooks" }).waitFor();

				// (a) A key, shown once.
				await page.getByLabel("Name", { exact: true }).fill("Order system");
				await page.getByRole("button", { name: "Create API key" }).click();
				const shown = page.getByTestId("shown-once");
				const key = (await shown.textContent())?.trim() ?? "";
				assert.match(key, /^fp_test_/);
				await page.getByRole("button", { name: "I have copied it" }).click();
				await page.getByRole("cell", { name: "Order system", exact: true }).waitFor();
				await page.reload();
				await page.getByRole("cell", { name: "Order system", exact: true }).waitFor();
				assert.ok(!(await page.content()).includes(key), "the key is never shown again");

				// (b) An endpoint at the local inbox, for every event.
				await page.getByLabel("Endpoint URL").fill(INBOX);
				await page.getByRole("button", { name: "Add endpoint" }).click();
				const secret = (await page.getByTestId("shown-once").textContent())?.trim() ?? "";
				assert.match(secret, /^whsec_/);
				await endpointOf(page, INBOX).waitFor();

				// (c) The order system sends a job with the key, exactly once.
				const send = () =>
					fetch(`${baseUrl}/api/v1/bayside-plumbing/jobs`, {
						method: "POST",
						headers: {
							Authorization: `Bearer ${key}`,
							"Content-Type": "application/json",
							"Idempotency-Key": `order-${Date.now()}`,
						},
						body: JSON.stringify({
							kind: "service_call",
							service: { address: { line1: "1 Ferry Building", city: "San Francisco", region: "CA" } },
							preferredFrom: tomorrow(),
							preferredTo: tomorrow(),
							description: "Leaking sink in the staff kitchen (order 4711)",
							reference: "ORDER-4711",
							customer: { name: "Luis Reyes", email: "luis.reyes@mail.example" },
						}),
					});
				const created = await send();
				assert.equal(created.status, 201, await created.clone().text());
				const job = (await created.json()) as { id: string; number: number; source: string };
				assert.equal(job.source, "api");

				// (d) It is on the board, in Unassigned.
				await page.goto("/d/bayside-plumbing");
				const unassigned = page.getByRole("region", { name: /^Unassigned \(/ });
				await unassigned.getByRole("article", { name: `Job #${job.number}` }).waitFor();

				// (e) The delivery shows on the endpoint, delivered with 200.
				await page.goto("/d/bayside-plumbing/settings/api");
				const endpoint = endpointOf(page, INBOX);
				await endpoint.waitFor();
				await until("the delivery in the console", async () => {
					await endpoint.getByRole("button", { name: "Refresh" }).click();
					const row = endpoint
						.getByRole("row")
						.filter({ hasText: "job.created" })
						.filter({ hasText: "Delivered" });
					return (await row.count()) > 0 && (await row.first().textContent())?.includes("200")
						? true
						: undefined;
				});

				// (f) And in the dev inbox, verified.
				const received = await until("the delivery in the inbox", async () => {
					const list = (await (await fetch(`${baseUrl}/dev/webhooks.json`)).json()) as InboxDelivery[];
					return list.find(
						(d) => d.url === INBOX && d.body.includes(job.id) && d.body.includes('"job.created"'),
					);
				});
				assert.equal(received.verified, true);
				assert.ok(received.headers["webhook-signature"]?.startsWith("v1,"));
				await page.goto("/dev/webhooks");
				await page.getByRole("heading", { name: "Webhook inbox" }).waitFor();
			},
			{ viewport: DESKTOP },
		);
	});
});
