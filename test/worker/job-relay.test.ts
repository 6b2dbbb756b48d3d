import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { normalizeEmail } from "../../workers/domain/email";
import { MIN_FRAME_INTERVAL_MS } from "../../workers/domain/live/position-frames";
import { ARRIVING_SETTINGS_TTL_MS } from "../../workers/durable-objects/job-relay";
import { liveChannels } from "../../workers/live/channels";
import { postJson, signIn } from "./auth-helpers";
import { db, makeAccount, makeContact, makeStaff, makeTechnician, makeTenant } from "./fixtures";
import { call } from "./helpers";
import { closeQuietly, inbox, openSocket, RELAY_PING, RELAY_PONG } from "./live-helpers";
import { fixFrame, jobEnRoute, setStatus } from "./relay-setup";

const live = (area: "c" | "d" | "t", slug: string, jobId: string) =>
	`/api/${area}/${slug}/jobs/${jobId}/live`;

afterEach(() => {
	vi.useRealTimers();
});

describe("JobRelay", () => {
	it("delivers a technician's fix with an ETA to the customer and the dispatcher", async () => {
		const s = await jobEnRoute();
		const tech = await openSocket(live("t", s.tenant.slug, s.job.id), s.technician);
		const customer = inbox(await openSocket(live("c", s.tenant.slug, s.job.id), s.customer));
		const staff = inbox(await openSocket(live("d", s.tenant.slug, s.job.id), s.staff));
		const [customerWs, staffWs] = [customer.socket, staff.socket];
		try {
			await customer.next((m) => m.type === "snapshot");
			tech.send(fixFrame(2000));
			for (const watcher of [customer, staff]) {
				const m = await watcher.next((x) => x.type === "position");
				expect(m.position).toMatchObject({ lng: -73.9855, accuracy: 10 });
				expect(m.eta).toMatchObject({ arriving: false, confidence: "low" });
				expect((m.eta as { distanceMeters: number }).distanceMeters).toBeGreaterThan(1900);
			}
		} finally {
			closeQuietly(tech, customerWs, staffWs);
		}
	});

	it("gives a late joiner the last position at once, also after the relay was evicted", async () => {
		const s = await jobEnRoute();
		const tech = await openSocket(live("t", s.tenant.slug, s.job.id), s.technician);
		const early = inbox(await openSocket(live("c", s.tenant.slug, s.job.id), s.customer));
		const sockets = [tech, early.socket];
		try {
			tech.send(fixFrame(800));
			await early.next((m) => m.type === "position");
			const late = inbox(await openSocket(live("d", s.tenant.slug, s.job.id), s.staff));
			sockets.push(late.socket);
			const snapshot = await late.next((m) => m.type === "snapshot");
			expect(snapshot.position).toMatchObject({ lng: -73.9855 });
			expect(snapshot.status).toBe("en_route");

			await evictDurableObject(env.JOB_RELAY.get(env.JOB_RELAY.idFromName(s.job.id)));
			// The phone's next fix comes the minimum interval later; the relay's clock is moved on
			// rather than waited for.
			vi.useFakeTimers({ toFake: ["Date"] });
			vi.setSystemTime(Date.now() + MIN_FRAME_INTERVAL_MS);
			tech.send(fixFrame(100));
			const after = await early.next(
				(m) => m.type === "position" && (m.eta as { arriving: boolean }).arriving === true,
			);
			expect(after.eta).toMatchObject({ arriving: true, seconds: 0 });
			await late.next((m) => m.type === "position" && (m.eta as { arriving: boolean }).arriving === true);
		} finally {
			closeQuietly(...sockets);
		}
	});

	it("stops sending positions to the customer once the job is started, but not to dispatch", async () => {
		const s = await jobEnRoute();
		const tech = await openSocket(live("t", s.tenant.slug, s.job.id), s.technician);
		const customer = inbox(await openSocket(live("c", s.tenant.slug, s.job.id), s.customer));
		const staff = inbox(await openSocket(live("d", s.tenant.slug, s.job.id), s.staff));
		const [customerWs, staffWs] = [customer.socket, staff.socket];
		const sockets = [tech, customerWs, staffWs];
		try {
			await customer.next((m) => m.type === "snapshot");
			expect((await setStatus(s.tenant.slug, s.job.id, s.technician, "in_progress")).status).toBe(200);
			expect(await customer.next((m) => m.type === "status")).toMatchObject({ status: "in_progress" });
			tech.send(fixFrame(50));
			await staff.next((m) => m.type === "position");
			// The relay sent the fix to everyone it was for before answering this.
			await customer.roundTrip(RELAY_PING, RELAY_PONG);
			expect(customer.messages.filter((m) => m.type === "position")).toHaveLength(0);
			const lateCustomer = inbox(await openSocket(live("c", s.tenant.slug, s.job.id), s.customer));
			sockets.push(lateCustomer.socket);
			expect(await lateCustomer.next((m) => m.type === "snapshot")).toMatchObject({
				status: "in_progress",
				position: null,
				eta: null,
			});
		} finally {
			closeQuietly(...sockets);
		}
	});

	it("tells watchers why a job is paused", async () => {
		const s = await jobEnRoute();
		const customer = inbox(await openSocket(live("c", s.tenant.slug, s.job.id), s.customer));
		try {
			await customer.next((m) => m.type === "snapshot");
			expect(
				(await setStatus(s.tenant.slug, s.job.id, s.technician, "paused", "Stuck behind a parade, 10 min"))
					.status,
			).toBe(200);
			expect(await customer.next((m) => m.type === "status")).toMatchObject({
				status: "paused",
				pausedMessage: "Stuck behind a parade, 10 min",
			});
		} finally {
			closeQuietly(customer.socket);
		}
	});

	it("drops oversize, malformed, implausible and too-fast frames, and closes a repeat offender", async () => {
		const s = await jobEnRoute();
		const techInbox = inbox(await openSocket(live("t", s.tenant.slug, s.job.id), s.technician));
		const staff = inbox(await openSocket(live("d", s.tenant.slug, s.job.id), s.staff));
		const [tech, staffWs] = [techInbox.socket, staff.socket];
		try {
			await staff.next((m) => m.type === "snapshot");
			tech.send(fixFrame(1000));
			await staff.next((m) => m.type === "position");
			// Three frames may arrive together (bunched in transit); a fourth within the pace is dropped.
			tech.send(fixFrame(900));
			tech.send(fixFrame(850));
			tech.send(fixFrame(825));
			tech.send(`{"type":"position","pad":"${"x".repeat(5000)}"}`);
			tech.send("not json");
			tech.send(fixFrame(800, { lat: 123 }));
			// The relay judged the frames before answering the technician's ping, and sent the
			// dispatcher what it accepted (the first three fixes) before answering theirs.
			await techInbox.roundTrip(RELAY_PING, RELAY_PONG);
			await staff.roundTrip(RELAY_PING, RELAY_PONG);
			expect(staff.messages.filter((m) => m.type === "position")).toHaveLength(3);
			tech.send(fixFrame(700, { at: Date.now() - 3_600_000 }));
			expect((await techInbox.closedWithin()).code).toBe(1008);
		} finally {
			closeQuietly(tech, staffWs);
		}
	});

	it("lets only the assigned technician publish", async () => {
		const s = await jobEnRoute();
		const customer = inbox(await openSocket(live("c", s.tenant.slug, s.job.id), s.customer));
		const staff = inbox(await openSocket(live("d", s.tenant.slug, s.job.id), s.staff));
		const [customerWs, staffWs] = [customer.socket, staff.socket];
		try {
			await staff.next((m) => m.type === "snapshot");
			customerWs.send(fixFrame(500));
			await customer.roundTrip(RELAY_PING, RELAY_PONG);
			await staff.roundTrip(RELAY_PING, RELAY_PONG);
			expect(staff.messages.filter((m) => m.type === "position")).toHaveLength(0);
			await makeTechnician(s.tenant, "other@fleet.example", "Otto Other");
			const other = await signIn(s.tenant.slug, "other@fleet.example", "t");
			const res = await call(live("t", s.tenant.slug, s.job.id), {
				headers: { Upgrade: "websocket", Cookie: other, Origin: "https://portal.test" },
			});
			expect(res.status).toBe(404);
		} finally {
			closeQuietly(customerWs, staffWs);
		}
	});

	it("refuses unauthenticated, wrong-tenant and foreign-Origin upgrades", async () => {
		const s = await jobEnRoute();
		const path = live("c", s.tenant.slug, s.job.id);
		const headers = (extra: Record<string, string>) => ({
			headers: { Upgrade: "websocket", Origin: "https://portal.test", ...extra },
		});
		expect((await call(path, headers({}))).status).toBe(401);
		expect((await call(path, headers({ Cookie: s.customer, Origin: "https://evil.example" }))).status).toBe(
			403,
		);
		const other = await makeTenant();
		await makeStaff(other, "desk@fleet.example");
		const otherStaff = await signIn(other.slug, "desk@fleet.example", "d");
		expect((await call(live("d", s.tenant.slug, s.job.id), headers({ Cookie: otherStaff }))).status).toBe(
			401,
		);
		expect((await call(live("d", other.slug, s.job.id), headers({ Cookie: otherStaff }))).status).toBe(404);
	});

	it("closes a customer's sockets when they are blocked, and when they sign out", async () => {
		const s = await jobEnRoute();
		const first = inbox(await openSocket(live("c", s.tenant.slug, s.job.id), s.customer));
		await first.next((m) => m.type === "snapshot");
		await db.$client
			.prepare("UPDATE contacts SET blocked_at = ? WHERE id = ?")
			.bind(Date.now(), s.contact.id)
			.run();
		const closed = await liveChannels(env, db).closeCustomerSockets(
			s.tenant.id,
			{ id: s.contact.id, emailNormalized: normalizeEmail(s.contact.email) },
			"blocked",
		);
		expect(closed).toBe(1);
		expect((await first.closedWithin()).code).toBe(4003);

		const again = await jobEnRoute();
		const ws = inbox(await openSocket(live("c", again.tenant.slug, again.job.id), again.customer));
		await ws.next((m) => m.type === "snapshot");
		expect(
			(await postJson(`/api/c/${again.tenant.slug}/auth/logout`, {}, { Cookie: again.customer })).status,
		).toBe(204);
		expect((await ws.closedWithin()).code).toBe(4003);
	});

	it("forwards positions to the dispatcher board", async () => {
		const s = await jobEnRoute();
		const board = inbox(await openSocket(`/api/d/${s.tenant.slug}/board/live`, s.staff));
		const tech = await openSocket(live("t", s.tenant.slug, s.job.id), s.technician);
		try {
			await board.next((m) => m.type === "hello");
			tech.send(fixFrame(600));
			expect(await board.next((m) => m.type === "position")).toMatchObject({
				jobId: s.job.id,
				technicianId: s.tech.id,
			});
		} finally {
			closeQuietly(tech, board.socket);
		}
	});
});

describe("POST /api/t/:slug/jobs/:id/status", () => {
	it("refuses an impossible move (409), a pause without a message (400) and a customer (403)", async () => {
		const s = await jobEnRoute();
		expect((await setStatus(s.tenant.slug, s.job.id, s.technician, "completed")).status).toBe(409);
		const pause = await setStatus(s.tenant.slug, s.job.id, s.technician, "paused");
		expect(pause.status).toBe(400);
		expect(
			((await pause.json()) as { error: { issues: Array<{ field: string }> } }).error.issues[0]?.field,
		).toBe("message");
		expect((await setStatus(s.tenant.slug, s.job.id, s.customer, "in_progress")).status).toBe(403);
	});

	it("puts each move on the customer's timeline", async () => {
		const s = await jobEnRoute();
		await setStatus(s.tenant.slug, s.job.id, s.technician, "in_progress");
		await setStatus(s.tenant.slug, s.job.id, s.technician, "completed");
		const detail = await (
			await call(`/api/c/${s.tenant.slug}/jobs/${s.job.id}`, { headers: { Cookie: s.customer } })
		).json<{
			status: string;
			timeline: Array<{ type: string; message: string }>;
		}>();
		expect(detail.status).toBe("completed");
		expect(detail.timeline.map((e) => e.type)).toEqual([
			"created",
			"assigned",
			"en_route",
			"in_progress",
			"completed",
		]);
		expect(detail.timeline[2]?.message).toBe("Val Van is on the way");
	});

	it("lists today's jobs for the technician", async () => {
		const s = await jobEnRoute();
		const res = await call(`/api/t/${s.tenant.slug}/jobs`, { headers: { Cookie: s.technician } });
		expect(res.status).toBe(200);
		const { items } = await res.json<{
			items: Array<{ id: string; status: string; stops: Array<{ location: unknown }> }>;
		}>();
		expect(items).toEqual([expect.objectContaining({ id: s.job.id, status: "en_route" })]);
		expect(items[0]?.stops[0]?.location).toEqual({ lat: 40.758, lng: -73.9855 });
	});
});

describe("who may watch or share a job", () => {
	it("is 404 for a customer of another account and a technician not on the job, in the same tenant", async () => {
		const s = await jobEnRoute();
		const otherAccount = await makeAccount(s.tenant, "Other Firm");
		await makeContact(s.tenant, { email: "stranger@other.example", accountId: otherAccount.id });
		await makeTechnician(s.tenant, "spare@fleet.example", "Sid Spare");
		const stranger = await signIn(s.tenant.slug, "stranger@other.example", "c");
		const spare = await signIn(s.tenant.slug, "spare@fleet.example", "t");
		const upgrade = (cookie: string) => ({
			headers: { Upgrade: "websocket", Cookie: cookie, Origin: "https://portal.test" },
		});
		expect((await call(live("c", s.tenant.slug, s.job.id), upgrade(stranger))).status).toBe(404);
		expect((await call(live("t", s.tenant.slug, s.job.id), upgrade(spare))).status).toBe(404);
		const shared = await postJson(
			`/api/c/${s.tenant.slug}/jobs/${s.job.id}/tracking-links`,
			{},
			{ Cookie: stranger },
		);
		expect(shared.status).toBe(404);
		// The job's own customer and technician are let in.
		closeQuietly(await openSocket(live("c", s.tenant.slug, s.job.id), s.customer));
		closeQuietly(await openSocket(live("t", s.tenant.slug, s.job.id), s.technician));
		expect(
			(await postJson(`/api/c/${s.tenant.slug}/jobs/${s.job.id}/tracking-links`, {}, { Cookie: s.customer }))
				.status,
		).toBe(201);
	});
});

describe("tracking links", () => {
	it("shows the live job to anyone with the link, without account data, and cuts the view when revoked", async () => {
		const s = await jobEnRoute();
		const created = await postJson(
			`/api/d/${s.tenant.slug}/jobs/${s.job.id}/tracking-links`,
			{},
			{ Cookie: s.staff },
		);
		expect(created.status).toBe(201);
		const link = await created.json<{ id: string; url: string }>();
		const token = link.url.split("/track/")[1] ?? "";
		expect(token.length).toBeGreaterThanOrEqual(22);
		const view = await call(`/api/track/${token}`);
		expect(view.status).toBe(200);
		const body = await view.json<{ job: Record<string, unknown>; branding: { name: string } }>();
		expect(body.branding.name).toBe(s.tenant.name);
		expect(body.job).toMatchObject({ status: "en_route", technician: { name: "Val Van" } });
		expect(JSON.stringify(body)).not.toMatch(/firm\.example|customerName|reference|timeline/);
		const tech = await openSocket(live("t", s.tenant.slug, s.job.id), s.technician);
		const watcher = inbox(await openSocket(`/api/track/${token}/live`, ""));
		await watcher.next((m) => m.type === "snapshot");
		tech.send(fixFrame(400));
		await watcher.next((m) => m.type === "position");
		closeQuietly(tech);
		expect(watcher.closed).toBeNull();
		expect(
			(
				await call(`/api/d/${s.tenant.slug}/tracking-links/${link.id}`, {
					method: "DELETE",
					headers: { Cookie: s.staff },
				})
			).status,
		).toBe(204);
		expect((await watcher.closedWithin()).code).toBe(4003);
		expect((await call(`/api/track/${token}`)).status).toBe(404);
	});

	it("expires when the job ends, and a customer can share their own job", async () => {
		const s = await jobEnRoute();
		const shared = await postJson(
			`/api/c/${s.tenant.slug}/jobs/${s.job.id}/tracking-links`,
			{},
			{ Cookie: s.customer },
		);
		expect(shared.status).toBe(201);
		const token = (await shared.json<{ url: string }>()).url.split("/track/")[1] ?? "";
		expect((await call(`/api/track/${token}`)).status).toBe(200);
		await setStatus(s.tenant.slug, s.job.id, s.technician, "in_progress");
		await setStatus(s.tenant.slug, s.job.id, s.technician, "completed");
		expect((await call(`/api/track/${token}`)).status).toBe(404);
		expect((await call("/api/track/not-a-real-token-at-all-xxxxxxxx")).status).toBe(404);
	});
});

describe("JobRelay's per-fix work", () => {
	const arrivingRows = (jobId: string) =>
		db.$client
			.prepare("SELECT id FROM notifications WHERE job_id = ? AND kind = 'arriving'")
			.bind(jobId)
			.all()
			.then((r) => r.results.length);
	const setArrivingMinutes = (tenantId: string, minutes: number) =>
		env.DB.prepare("UPDATE tenants SET settings = ? WHERE id = ?")
			.bind(JSON.stringify({ arrivingSoonMinutes: minutes }), tenantId)
			.run();
	const relayOf = (jobId: string) => env.JOB_RELAY.get(env.JOB_RELAY.idFromName(jobId));
	/** What the relay remembers of the tenant's threshold, once it has read it. */
	const knownThreshold = (jobId: string) =>
		runInDurableObject(
			relayOf(jobId),
			(instance) =>
				(instance as unknown as { arrivingThreshold: { minutes: number } | null }).arrivingThreshold,
		);

	it("reads the tenant's arriving-soon threshold once per interval, and records arriving soon exactly once", {
		timeout: 30_000,
	}, async () => {
		const s = await jobEnRoute();
		await setArrivingMinutes(s.tenant.id, 5);
		const tech = inbox(await openSocket(live("t", s.tenant.slug, s.job.id), s.technician));
		const customer = inbox(await openSocket(live("c", s.tenant.slug, s.job.id), s.customer));
		const sockets = [tech.socket, customer.socket];
		vi.useFakeTimers({ toFake: ["Date"] });
		let clock = Date.now();
		const fix = async (metersNorth: number, advanceMs = MIN_FRAME_INTERVAL_MS) => {
			clock += advanceMs;
			vi.setSystemTime(clock);
			tech.socket.send(fixFrame(metersNorth));
			// The fix's `at` is the (faked) time it was made.
			await customer.next((m) => m.type === "position" && (m.position as { at: number }).at === clock);
		};
		try {
			await customer.next((m) => m.type === "snapshot");
			// 3 km at 10 m/s: about 6¾ minutes, over the 5-minute threshold.
			await fix(3000);
			await vi.waitFor(async () => expect((await knownThreshold(s.job.id))?.minutes).toBe(5));
			// The tenant raises the threshold; the relay goes on with what it read…
			await setArrivingMinutes(s.tenant.id, 10);
			await fix(2950);
			await tech.roundTrip(RELAY_PING, RELAY_PONG);
			expect(await arrivingRows(s.job.id)).toBe(0);
			expect((await knownThreshold(s.job.id))?.minutes).toBe(5);
			// …until the interval is over, when it reads it again and the ETA is under it.
			await fix(2900, ARRIVING_SETTINGS_TTL_MS);
			await vi.waitFor(async () => expect(await arrivingRows(s.job.id)).toBe(1));
			expect((await knownThreshold(s.job.id))?.minutes).toBe(10);
			await fix(1000);
			await fix(500, ARRIVING_SETTINGS_TTL_MS);
			await tech.roundTrip(RELAY_PING, RELAY_PONG);
			expect(await arrivingRows(s.job.id)).toBe(1);
		} finally {
			closeQuietly(...sockets);
		}
	});

	it("stores every fix in the breadcrumb, which a relay woken from eviction answers from", async () => {
		const s = await jobEnRoute();
		const tech = inbox(await openSocket(live("t", s.tenant.slug, s.job.id), s.technician));
		const staff = inbox(await openSocket(live("d", s.tenant.slug, s.job.id), s.staff));
		const sockets = [tech.socket, staff.socket];
		try {
			await staff.next((m) => m.type === "snapshot");
			tech.socket.send(fixFrame(1200));
			const sent = await staff.next((m) => m.type === "position");
			const stored = await runInDurableObject(relayOf(s.job.id), (_, state) =>
				state.storage.sql.exec<{ fix: string }>("SELECT fix FROM breadcrumb").toArray(),
			);
			expect(stored.map((r) => JSON.parse(r.fix))).toEqual([sent.position]);
			await evictDurableObject(relayOf(s.job.id));
			const late = inbox(await openSocket(live("d", s.tenant.slug, s.job.id), s.staff));
			sockets.push(late.socket);
			const snapshot = await late.next((m) => m.type === "snapshot");
			expect(snapshot.position).toEqual(sent.position);
			expect(snapshot.eta).toEqual(sent.eta);
		} finally {
			closeQuietly(...sockets);
		}
	});

	it("answers the benchmark its fan-out times in development, once, and refuses a malformed job id", async () => {
		const s = await jobEnRoute();
		const tech = await openSocket(live("t", s.tenant.slug, s.job.id), s.technician);
		const staff = inbox(await openSocket(live("d", s.tenant.slug, s.job.id), s.staff));
		const take = () => call(`/dev/bench/job-relay/${s.job.id}/fan-out/take`, { method: "POST" });
		try {
			await staff.next((m) => m.type === "snapshot");
			tech.send(fixFrame(700));
			await staff.next((m) => m.type === "position");
			// Each call answers what was noted since the one before; the turn comes after the send.
			const times = { sendMs: [] as number[], turnMs: [] as number[] };
			await vi.waitFor(async () => {
				const res = await take();
				expect(res.status).toBe(200);
				const taken = await res.json<{ sendMs: number[]; turnMs: number[] }>();
				times.sendMs.push(...taken.sendMs);
				times.turnMs.push(...taken.turnMs);
				expect(times.turnMs).toHaveLength(1);
			});
			expect(times.sendMs).toHaveLength(1);
			expect(times.turnMs[0]).toBeGreaterThanOrEqual(times.sendMs[0] ?? Number.NaN);
			expect(await (await take()).json()).toEqual({ sendMs: [], turnMs: [] });
			expect((await call("/dev/bench/job-relay/NOT-AN-ID/fan-out/take", { method: "POST" })).status).toBe(
				400,
			);
		} finally {
			closeQuietly(tech, staff.socket);
		}
	});
});
