import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { WebSocket } from "playwright-core";
import { assertAccessible } from "./axe.ts";
import { baseUrl, journey, personContext } from "./browser.ts";
import { signInByCode } from "./sign-in-steps.ts";

// Lee Park, Bayside Plumbing's admin, signs in only here (the server sends at most 3 sign-in
// emails per address per 15 minutes).
const LEE = "lee@bayside-plumbing.example";
// Job #504 of the demo data: assigned to Ava Chen, not yet on the way.
const JOB = "504";
const DESKTOP = { width: 1366, height: 800 };

describe("tracking links in the console", () => {
	it("creates a link a stranger can watch, and revoking it ends their view without a reload", async () => {
		await journey(
			"console tracking links",
			async (desk) => {
				const browser = desk.context().browser();
				assert.ok(browser, "the journey's page belongs to a browser");
				await desk.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseUrl });

				await desk.goto("/d/bayside-plumbing");
				await signInByCode(desk, LEE);
				const assigned = desk.getByRole("region", { name: /^Assigned \(/ });
				await assigned.getByRole("link", { name: `Job #${JOB}` }).click();
				await desk.getByRole("heading", { level: 1, name: `Job #${JOB}` }).waitFor();
				const section = desk.getByRole("region", { name: "Tracking links" });
				await section.getByText("No tracking links yet.").waitFor();

				// The link is shown once, to copy; a status region says what happened.
				await section.getByRole("button", { name: "Create tracking link" }).click();
				const url = await section.getByLabel("New tracking link").inputValue();
				assert.match(url, /\/track\/[\w-]{22,}$/);
				await section.getByRole("status").filter({ hasText: "Tracking link created" }).waitFor();
				await section.getByRole("button", { name: "Copy link" }).click();
				await section.getByRole("status").filter({ hasText: "Link copied." }).waitFor();
				assert.equal(await desk.evaluate(() => navigator.clipboard.readText()), url);
				const links = section.getByRole("list", { name: "Tracking links of this job" });
				const row = links.getByRole("listitem").filter({ hasText: "Live" });
				await row.waitFor();
				assert.match((await row.textContent()) ?? "", /by Lee Park/);
				assert.doesNotMatch((await section.getByRole("list").textContent()) ?? "", /\/track\//);
				await assertAccessible(desk, "a job page with a new tracking link");

				// Someone without an account opens the link and watches the job live.
				const stranger = await (await personContext(browser)).newPage();
				try {
					// Listening before the page opens, so the relay's first frame (its snapshot) is not missed.
					const heard = new Promise<WebSocket>((resolve) => {
						stranger.on("websocket", (ws) => ws.once("framereceived", () => resolve(ws)));
					});
					await stranger.goto(new URL(url).pathname);
					await stranger.getByRole("heading", { level: 1, name: "Live tracking" }).waitFor();
					await stranger
						.getByRole("status")
						.filter({ hasText: "Ava Chen is assigned and hasn't set off yet" })
						.waitFor();
					// The relay has spoken: the revoke below is what closes this socket.
					const live = await heard;
					await stranger.evaluate(() => {
						document.documentElement.dataset.sameDocument = "yes";
					});

					// The dispatcher revokes it, after a confirmation.
					await row.getByRole("button", { name: /^Revoke the link created / }).click();
					await row.getByRole("button", { name: "Yes, revoke" }).click();
					await section.getByRole("status").filter({ hasText: "Tracking link revoked" }).waitFor();
					await links.getByRole("listitem").filter({ hasText: "Revoked" }).waitFor();
					assert.equal(await links.getByRole("button", { name: /^Revoke/ }).count(), 0);
					assert.equal(await section.getByLabel("New tracking link").count(), 0, "the URL is gone");

					// The stranger's page says so by itself, without being reloaded.
					await stranger.getByRole("heading", { name: "This tracking link is no longer active" }).waitFor();
					assert.equal(
						await stranger.evaluate(() => document.documentElement.dataset.sameDocument),
						"yes",
						"the page was not reloaded",
					);
					assert.ok(live.isClosed(), "the live socket is closed");
					assert.equal(await stranger.getByText("Ava Chen").count(), 0, "nothing of the job stays on screen");
				} finally {
					await stranger.context().close();
				}
			},
			{ viewport: DESKTOP },
		);
	});
});
