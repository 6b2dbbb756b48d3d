import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../../workers/app-env";
import { respondToError } from "../../workers/errors";
import { database } from "../../workers/middleware/database";
import { devRoutes } from "../../workers/routes/dev";
import { book, pickupBody } from "./booking-helpers";
import { call, type Envelope } from "./helpers";
import { closeQuietly, inbox, openSocket } from "./live-helpers";
import { fixFrame, jobEnRoute } from "./relay-setup";

const post = (path: string) => call(path, { method: "POST" });

describe("/dev/soak probes outside development", () => {
	it.each([
		["POST", "/dev/soak/tenant-gate/ten_acme/evict"],
		["POST", "/dev/soak/job-relay/job_x/evict"],
		["GET", "/dev/soak/job-relay/job_x/breadcrumbs"],
	])("%s %s answers 404 in the envelope", async (method, path) => {
		const app = new Hono<AppEnv>();
		app.use("/dev/*", database);
		app.route("/dev", devRoutes);
		app.onError(respondToError);
		const res = await app.request(path, { method }, { ...env, ENVIRONMENT: "production" });
		expect(res.status).toBe(404);
		expect(await res.json<Envelope>()).toEqual({
			error: { code: "not_found", message: "There is nothing at this address." },
		});
	});
});

describe("/dev/soak probes in development", () => {
	it("refuses an id that is not one", async () => {
		const res = await post("/dev/soak/tenant-gate/not%20an%20id/evict");
		expect(res.status).toBe(400);
	});

	it("evicts a TenantGate: its board sockets drop, and it answers again with its keys and board log intact", async () => {
		const s = await jobEnRoute();
		const key = crypto.randomUUID();
		const body = pickupBody({ reference: "SOAK-PROBE" });
		const first = await book(s.tenant.slug, s.customer, body, key);
		expect(first.status).toBe(201);
		const job = await first.json<{ id: string }>();
		const board = await (await call(`/api/d/${s.tenant.slug}/board`, { headers: { Cookie: s.staff } })).json<{
			seq: number;
		}>();
		expect(board.seq).toBeGreaterThan(0);
		const ws = await openSocket(`/api/d/${s.tenant.slug}/board/live?since=${board.seq}`, s.staff);
		const frames = inbox(ws);
		try {
			expect(await frames.next((m) => m.type === "hello")).toMatchObject({ seq: board.seq });
			const res = await post(`/dev/soak/tenant-gate/${s.tenant.id}/evict`);
			expect(res.status).toBe(200);
			expect(await res.json()).toEqual({ evicted: true, seqBefore: board.seq, seqAfter: board.seq });
			// The eviction ended the object's sockets, as a real one does.
			await frames.closedWithin();
		} finally {
			closeQuietly(ws);
		}
		// The same key replays the same job: the key ledger survived.
		const replay = await book(s.tenant.slug, s.customer, body, key);
		expect(replay.status).toBe(201);
		expect((await replay.json<{ id: string }>()).id).toBe(job.id);
		// A console that reconnects from before the booking catches up on its event.
		const again = await openSocket(`/api/d/${s.tenant.slug}/board/live?since=${board.seq - 1}`, s.staff);
		const caught = inbox(again);
		try {
			expect(await caught.next((m) => m.type !== "hello")).toMatchObject({ seq: board.seq });
			expect(await caught.next((m) => m.type === "hello")).toMatchObject({ seq: board.seq });
		} finally {
			closeQuietly(again);
		}
	});

	it("evicts a JobRelay: its sockets drop, and its breadcrumbs and config are there for the next visitor", async () => {
		const s = await jobEnRoute();
		const tech = await openSocket(`/api/t/${s.tenant.slug}/jobs/${s.job.id}/live`, s.technician);
		const techFrames = inbox(tech);
		const watcher = await openSocket(`/api/d/${s.tenant.slug}/jobs/${s.job.id}/live`, s.staff);
		const watched = inbox(watcher);
		let sentAt = 0;
		try {
			await techFrames.next((m) => m.type === "snapshot");
			await watched.next((m) => m.type === "snapshot");
			const frame = fixFrame(800);
			sentAt = (JSON.parse(frame) as { position: { at: number } }).position.at;
			tech.send(frame);
			await watched.next((m) => m.type === "position");
			const crumbs = await call(`/dev/soak/job-relay/${s.job.id}/breadcrumbs`);
			expect(await crumbs.json()).toEqual({ at: [sentAt] });

			const res = await post(`/dev/soak/job-relay/${s.job.id}/evict`);
			expect(res.status).toBe(200);
			expect(await res.json()).toEqual({ evicted: true, crumbsBefore: 1, crumbsAfter: 1 });
			await watched.closedWithin();
			await techFrames.closedWithin();
		} finally {
			closeQuietly(tech);
			closeQuietly(watcher);
		}
		// A new watcher is let in (the config survived) and sees the last fix in its snapshot.
		const back = await openSocket(`/api/d/${s.tenant.slug}/jobs/${s.job.id}/live`, s.staff);
		const snapshot = inbox(back);
		try {
			expect(await snapshot.next((m) => m.type === "snapshot")).toMatchObject({
				status: "en_route",
				position: { at: sentAt },
			});
		} finally {
			closeQuietly(back);
		}
		expect(await (await call(`/dev/soak/job-relay/${s.job.id}/breadcrumbs`)).json()).toEqual({
			at: [sentAt],
		});
	});
});
