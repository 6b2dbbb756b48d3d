import { env } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import * as schema from "../../schema";
import { sha256Hex } from "../../workers/domain/sha256";
import {
	attemptDelivery,
	type DeliveryDeps,
	dispatchRecorded,
	sweepDeliveries,
	type WebhookMessage,
} from "../../workers/domain/webhooks/deliver";
import { webhookEventStatements } from "../../workers/domain/webhooks/events";
import { RETRY_SCHEDULE_SECONDS } from "../../workers/domain/webhooks/schedule";
import { signIn } from "./auth-helpers";
import { pickupBody } from "./booking-helpers";
import { makeTenant } from "./fixtures";
import { call, type Envelope } from "./helpers";
import { consoleSetup, makeAdmin, send } from "./staff-helpers";

const DAY = 86_400_000;
const ALL_SCOPES = [
	"jobs:read",
	"jobs:write",
	"customers:read",
	"estimates:read",
	"invoices:read",
	"webhooks:manage",
];

const orm = () => drizzle(env.DB, { schema });

async function createKey(slug: string, cookie: string, scopes: string[], name = "ERP") {
	const res = await send(`/api/d/${slug}/api-keys`, cookie, "POST", { name, scopes });
	expect(res.status).toBe(201);
	return res.json<{ id: string; key: string }>();
}

function api(
	slug: string,
	key: string,
	path: string,
	init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
	return call(`/api/v1/${slug}${path}`, {
		method: init.method ?? "GET",
		headers: {
			Authorization: `Bearer ${key}`,
			...(init.body === undefined ? {} : { "Content-Type": "application/json" }),
			...init.headers,
		},
		body: init.body === undefined ? undefined : JSON.stringify(init.body),
	});
}

const jobBody = (s: { contact: { id: string } }) => ({
	...pickupBody({ reference: "ERP-1" }),
	customer: { contactId: s.contact.id },
});

/** A receiver that answers `status` and keeps the requests it got. */
function receiver(status = 200) {
	const got: Request[] = [];
	return {
		got,
		send: async (request: Request) => {
			got.push(request);
			return new Response("ok", { status });
		},
	};
}

/** A fake queue that keeps what was sent. */
function fakeQueue() {
	const sent: Array<{ body: WebhookMessage; delaySeconds?: number }> = [];
	return {
		sent,
		send: async (body: WebhookMessage, options?: { delaySeconds?: number }) => {
			sent.push({ body, delaySeconds: options?.delaySeconds });
		},
		sendBatch: async (messages: Iterable<{ body: WebhookMessage }>) => {
			for (const m of messages) sent.push({ body: m.body });
		},
	} as unknown as DeliveryDeps["queue"] & { sent: Array<{ body: WebhookMessage; delaySeconds?: number }> };
}

/** One first attempt of a delivery, sent to `hook` (at `now`, on `queue`). */
function firstAttempt(
	db: DeliveryDeps["db"],
	hook: { send: DeliveryDeps["send"] },
	deliveryId: string,
	{ now = Date.now(), queue = fakeQueue() }: { now?: number; queue?: DeliveryDeps["queue"] } = {},
) {
	return attemptDelivery({ db, queue, now, send: hook.send }, { deliveryId, attempt: 0 });
}

/** The console's Resend on a delivery: answers the new delivery's id. */
async function resendFromConsole(
	s: { tenant: { slug: string }; adminCookie: string },
	endpointId: string,
	deliveryId: string,
) {
	const resend = await send(
		`/api/d/${s.tenant.slug}/webhooks/${endpointId}/deliveries/${deliveryId}/resend`,
		s.adminCookie,
		"POST",
	);
	expect(resend.status).toBe(201);
	return (await resend.json<{ id: string }>()).id;
}

/** An endpoint and one recorded event delivered to it, straight in D1. */
async function recordedDelivery(events = ["job.created"]) {
	const s = await consoleSetup();
	const created = await send(`/api/d/${s.tenant.slug}/webhooks`, s.adminCookie, "POST", {
		url: "https://hooks.example.com/in",
		events,
	});
	expect(created.status).toBe(201);
	const endpoint = await created.json<{ id: string; secret: string }>();
	const db = orm();
	await db.batch(
		webhookEventStatements(db, s.tenant.id, "job.created", { id: "job_x", number: 1001 }, Date.now()) as [
			never,
		],
	);
	const delivery = await env.DB.prepare("SELECT id, event_id FROM webhook_deliveries WHERE endpoint_id = ?")
		.bind(endpoint.id)
		.first<{ id: string; event_id: string }>();
	if (!delivery) throw new Error("no delivery recorded");
	return { s, endpoint, delivery, db };
}

describe("API keys", () => {
	it("shows the key once, keeps only its SHA-256, and lists keys without it; admins only", async () => {
		const s = await consoleSetup();
		const { id, key } = await createKey(s.tenant.slug, s.adminCookie, ["jobs:read"]);
		expect(key).toMatch(/^fp_test_[A-Za-z0-9_-]{43}$/);
		const row = await env.DB.prepare("SELECT * FROM api_keys WHERE id = ?")
			.bind(id)
			.first<Record<string, unknown>>();
		expect(row?.key_hash).toBe(await sha256Hex(key));
		expect(JSON.stringify(row)).not.toContain(key);
		const list = await (await send(`/api/d/${s.tenant.slug}/api-keys`, s.adminCookie)).text();
		expect(list).toContain(id);
		expect(list).not.toContain(key);
		const byDispatcher = await send(`/api/d/${s.tenant.slug}/api-keys`, s.staff, "POST", {
			name: "x",
			scopes: ["jobs:read"],
		});
		expect(byDispatcher.status).toBe(403);
		const bad = await send(`/api/d/${s.tenant.slug}/api-keys`, s.adminCookie, "POST", {
			name: "x",
			scopes: ["jobs:delete"],
		});
		expect(bad.status).toBe(400);
		expect((await bad.json<Envelope>()).error.issues?.[0]?.field).toMatch(/^scopes/);
	});

	it("enforces each operation's scope (403 without it, 2xx with it)", async () => {
		const s = await consoleSetup();
		const matrix: Array<[string, string, string, unknown?]> = [
			["jobs:write", "POST", "/jobs", jobBody(s)],
			["jobs:read", "GET", "/jobs"],
			["customers:read", "GET", "/customers"],
			["estimates:read", "GET", "/estimates"],
			["invoices:read", "GET", "/invoices"],
			["webhooks:manage", "GET", "/webhooks"],
		];
		for (const [scope, method, path, body] of matrix) {
			const others = ALL_SCOPES.filter((x) => x !== scope);
			const without = await createKey(s.tenant.slug, s.adminCookie, others);
			const headers = { "Idempotency-Key": `scope-${scope}-${crypto.randomUUID()}` };
			const refused = await api(s.tenant.slug, without.key, path, { method, body, headers });
			expect(refused.status, `${method} ${path} without ${scope}`).toBe(403);
			expect((await refused.json<Envelope>()).error.code).toBe("insufficient_scope");
			const withIt = await createKey(s.tenant.slug, s.adminCookie, [scope]);
			const allowed = await api(s.tenant.slug, withIt.key, path, { method, body, headers });
			expect(allowed.status, `${method} ${path} with ${scope}: ${await allowed.clone().text()}`).toBeLessThan(
				300,
			);
		}
	});

	it("refuses a revoked key at once, another tenant's key, and no key (401)", async () => {
		const s = await consoleSetup();
		const { id, key } = await createKey(s.tenant.slug, s.adminCookie, ["jobs:read"]);
		expect((await api(s.tenant.slug, key, "/jobs")).status).toBe(200);
		expect((await send(`/api/d/${s.tenant.slug}/api-keys/${id}`, s.adminCookie, "DELETE")).status).toBe(204);
		const revoked = await api(s.tenant.slug, key, "/jobs");
		expect(revoked.status).toBe(401);
		expect((await revoked.json<Envelope>()).error.code).toBe("invalid_api_key");

		const other = await makeTenant();
		await makeAdmin(other, "other-admin@fleet.example");
		const otherCookie = await signIn(other.slug, "other-admin@fleet.example", "d");
		const foreign = await createKey(other.slug, otherCookie, ["jobs:read"]);
		expect((await api(s.tenant.slug, foreign.key, "/jobs")).status).toBe(401);
		// Revoking another tenant's key from this tenant is a 404.
		expect(
			(await send(`/api/d/${s.tenant.slug}/api-keys/${foreign.id}`, s.adminCookie, "DELETE")).status,
		).toBe(404);
		expect((await call(`/api/v1/${s.tenant.slug}/jobs`)).status).toBe(401);
		expect((await api(s.tenant.slug, "fp_test_not-a-key", "/jobs")).status).toBe(401);
	});

	it("rate-limits each key in the tenant's gate, with RateLimit headers and Retry-After on 429", async () => {
		const tenant = await makeTenant({ apiRequestsPerMinute: 3 });
		await makeAdmin(tenant, "rl-admin@fleet.example");
		const cookie = await signIn(tenant.slug, "rl-admin@fleet.example", "d");
		const { key } = await createKey(tenant.slug, cookie, ["jobs:read"]);
		const first = await api(tenant.slug, key, "/jobs");
		expect(first.headers.get("RateLimit-Policy")).toBe("3;w=60");
		expect(first.headers.get("RateLimit")).toMatch(/^limit=3, remaining=2, reset=\d+$/);
		await api(tenant.slug, key, "/jobs");
		await api(tenant.slug, key, "/jobs");
		const limited = await api(tenant.slug, key, "/jobs");
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
		expect(limited.headers.get("RateLimit")).toMatch(/remaining=0/);
		expect((await limited.json<Envelope>()).error.code).toBe("rate_limited");
		// Another key of the tenant has its own allowance.
		const second = await createKey(tenant.slug, cookie, ["jobs:read"]);
		expect((await api(tenant.slug, second.key, "/jobs")).status).toBe(200);
	});
});

describe("POST /api/v1/:slug/jobs", () => {
	it("creates one unassigned job with source api per Idempotency-Key, even sent 10 times at once; audited as the key", async () => {
		const s = await consoleSetup();
		const { id: keyId, key } = await createKey(
			s.tenant.slug,
			s.adminCookie,
			["jobs:write", "jobs:read"],
			"Partner",
		);
		const headers = { "Idempotency-Key": "erp-order-4711" };
		const answers = await Promise.all(
			Array.from({ length: 10 }, () =>
				api(s.tenant.slug, key, "/jobs", { method: "POST", body: jobBody(s), headers }),
			),
		);
		for (const a of answers) expect([201, 409]).toContain(a.status);
		const { results } = await env.DB.prepare(
			"SELECT id, source, status, created_by_type FROM jobs WHERE tenant_id = ?",
		)
			.bind(s.tenant.id)
			.all<{ id: string; source: string; status: string; created_by_type: string }>();
		expect(results).toHaveLength(1);
		expect(results[0]).toMatchObject({ source: "api", status: "unassigned", created_by_type: "api" });
		const replay = await api(s.tenant.slug, key, "/jobs", { method: "POST", body: jobBody(s), headers });
		expect(replay.status).toBe(201);
		expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
		expect((await replay.json<{ id: string }>()).id).toBe(results[0]?.id);
		const audit = await env.DB.prepare(
			"SELECT actor_type, actor_id FROM audit_log WHERE tenant_id = ? AND action = 'job.created'",
		)
			.bind(s.tenant.id)
			.first();
		expect(audit).toEqual({ actor_type: "api", actor_id: keyId });
		// Without a key the API refuses to create, so a retry can never make a second job.
		const noKey = await api(s.tenant.slug, key, "/jobs", { method: "POST", body: jobBody(s) });
		expect(noKey.status).toBe(400);
		// It is on the board, in Unassigned.
		const board = await (await send(`/api/d/${s.tenant.slug}/board`, s.staff)).text();
		expect(board).toContain(results[0]?.id);
		// Read and update it through the API.
		const got = await api(s.tenant.slug, key, `/jobs/${results[0]?.id}`);
		expect(await got.json()).toMatchObject({ source: "api", status: "unassigned" });
		const patched = await api(s.tenant.slug, key, `/jobs/${results[0]?.id}`, {
			method: "PATCH",
			body: { reference: "ERP-2" },
		});
		expect(patched.status).toBe(200);
		expect(await patched.json()).toMatchObject({ reference: "ERP-2" });
		expect((await api(s.tenant.slug, key, "/jobs/job_00000000000000000000000000000000")).status).toBe(404);
	});

	it("pages jobs with a cursor", async () => {
		const s = await consoleSetup();
		const { key } = await createKey(s.tenant.slug, s.adminCookie, ["jobs:write", "jobs:read"]);
		for (const n of [1, 2, 3]) {
			await api(s.tenant.slug, key, "/jobs", {
				method: "POST",
				body: jobBody(s),
				headers: { "Idempotency-Key": `page-job-${n}` },
			});
		}
		const first = await (await api(s.tenant.slug, key, "/jobs?limit=2")).json<{
			items: unknown[];
			nextCursor: string;
		}>();
		expect(first.items).toHaveLength(2);
		const second = await (await api(s.tenant.slug, key, `/jobs?limit=2&cursor=${first.nextCursor}`)).json<{
			items: unknown[];
			nextCursor: string | null;
		}>();
		expect(second.items).toHaveLength(1);
		expect(second.nextCursor).toBeNull();
		expect((await api(s.tenant.slug, key, "/jobs?cursor=garbage!")).status).toBe(400);
	});
});

describe("webhook events", () => {
	it("records one event per change in the change's own batch, with a delivery per subscribed endpoint", async () => {
		const s = await consoleSetup();
		const hook = await send(`/api/d/${s.tenant.slug}/webhooks`, s.adminCookie, "POST", {
			url: "https://hooks.example.com/jobs",
			events: ["job.created", "job.assigned"],
		});
		expect(hook.status).toBe(201);
		const { id: endpointId, secret } = await hook.json<{ id: string; secret: string }>();
		expect(secret).toMatch(/^whsec_/);
		const created = await send(`/api/d/${s.tenant.slug}/jobs`, s.staff, "POST", jobBody(s));
		const job = await created.json<{ id: string }>();
		await send(`/api/d/${s.tenant.slug}/jobs/${job.id}/assign`, s.staff, "POST", { technicianId: s.tech.id });
		// Each delivery carries its event: the event has no row of its own.
		const { results } = await env.DB.prepare(
			"SELECT d.type, d.payload, d.endpoint_id FROM webhook_deliveries d WHERE d.tenant_id = ? ORDER BY d.created_at",
		)
			.bind(s.tenant.id)
			.all<{ type: string; payload: string; endpoint_id: string | null }>();
		const types = results.map((r) => r.type);
		expect(types.filter((t) => t === "job.created")).toHaveLength(1);
		expect(types).toContain("job.assigned");
		const createdEvent = results.find((r) => r.type === "job.created");
		expect(createdEvent?.endpoint_id).toBe(endpointId);
		expect(JSON.parse(createdEvent?.payload ?? "{}")).toMatchObject({
			type: "job.created",
			data: { id: job.id, source: "dispatcher" },
		});
		// No endpoint subscribes to status changes: not recorded at all (an event is read only
		// through its deliveries), so the change wrote no row for it.
		expect(types).not.toContain("job.status_changed");
		const events = await env.DB.prepare("SELECT count(*) AS n FROM webhook_events WHERE tenant_id = ?")
			.bind(s.tenant.id)
			.first<{ n: number }>();
		expect(events?.n).toBe(0);
	});

	it("records nothing for a change that rolled back", async () => {
		const s = await consoleSetup();
		await send(`/api/d/${s.tenant.slug}/webhooks`, s.adminCookie, "POST", {
			url: "https://hooks.example.com/x",
			events: ["customer.blocked"],
		});
		const db = orm();
		const failing = db.insert(schema.contacts).values({
			id: s.contact.id, // already exists: the batch fails, and everything in it with it
			tenantId: s.tenant.id,
			email: "dup@example.com",
			emailNormalized: "dup@example.com",
			createdAt: Date.now(),
		} as never);
		await expect(
			db.batch([
				...webhookEventStatements(
					db,
					s.tenant.id,
					"customer.blocked",
					{ contactId: s.contact.id },
					Date.now(),
				),
				failing,
			] as [never]),
		).rejects.toThrow();
		const deliveries = await env.DB.prepare(
			"SELECT count(*) AS n FROM webhook_deliveries WHERE tenant_id = ?",
		)
			.bind(s.tenant.id)
			.first<{ n: number }>();
		expect(deliveries?.n).toBe(0);
	});
});

describe("webhook delivery", () => {
	it("signs per Standard Webhooks: the standardwebhooks verifier accepts it, and refuses it tampered", async () => {
		const { endpoint, delivery, db } = await recordedDelivery();
		const hook = receiver();
		const queue = fakeQueue();
		const outcome = await firstAttempt(db, hook, delivery.id, { queue });
		expect(outcome).toBe("delivered");
		const captured = hook.got[0];
		if (!captured) throw new Error("nothing sent");
		const body = await captured.text();
		const headers = Object.fromEntries(captured.headers);
		expect(headers["webhook-id"]).toBe(delivery.event_id);
		expect(new Webhook(endpoint.secret).verify(body, headers)).toMatchObject({
			type: "job.created",
			data: { id: "job_x" },
		});
		expect(() => new Webhook(endpoint.secret).verify(body.replace("1001", "1002"), headers)).toThrow();
		const row = await env.DB.prepare(
			"SELECT state, last_status_code, attempts FROM webhook_deliveries WHERE id = ?",
		)
			.bind(delivery.id)
			.first();
		expect(row).toEqual({ state: "delivered", last_status_code: 200, attempts: 1 });
	});

	it("retries a 500 and a timeout on the schedule, for over 24 hours, then marks the delivery failed", async () => {
		const { delivery, db } = await recordedDelivery();
		const queue = fakeQueue();
		let now = Date.now();
		let attempt = 0;
		const outcomes: string[] = [];
		for (;;) {
			const timeout = attempt % 2 === 1;
			const outcome = await attemptDelivery(
				{
					db,
					queue,
					now,
					send: async () => {
						if (timeout) throw new DOMException("timed out", "TimeoutError");
						return new Response("down", { status: 500 });
					},
				},
				{ deliveryId: delivery.id, attempt },
			);
			outcomes.push(outcome);
			if (outcome !== "retrying") break;
			const next = queue.sent[queue.sent.length - 1];
			now += (next?.delaySeconds ?? 0) * 1000;
			attempt = next?.body.attempt ?? -1;
			if (outcomes.length > 20) break;
		}
		expect(outcomes.at(-1)).toBe("failed");
		expect(outcomes).toHaveLength(RETRY_SCHEDULE_SECONDS.length + 1);
		const delays = queue.sent.map((m) => m.delaySeconds);
		expect(delays).toEqual([...RETRY_SCHEDULE_SECONDS]);
		expect(delays.reduce((a, b) => (a ?? 0) + (b ?? 0), 0)).toBeGreaterThanOrEqual(24 * 3600);
		for (const d of delays) expect(d).toBeLessThanOrEqual(43_200);
		const row = await env.DB.prepare(
			"SELECT state, attempts, last_error FROM webhook_deliveries WHERE id = ?",
		)
			.bind(delivery.id)
			.first<{ state: string; attempts: number; last_error: string }>();
		expect(row).toMatchObject({ state: "failed", attempts: RETRY_SCHEDULE_SECONDS.length + 1 });
	});

	it("sends once when the queue delivers the same message twice", async () => {
		const { delivery, db } = await recordedDelivery();
		const hook = receiver();
		const deps = { db, queue: fakeQueue(), now: Date.now(), send: hook.send };
		const message = { deliveryId: delivery.id, attempt: 0 };
		const outcomes = await Promise.all([attemptDelivery(deps, message), attemptDelivery(deps, message)]);
		expect(outcomes.sort()).toEqual(["delivered", "skipped"]);
		expect(await attemptDelivery(deps, message)).toBe("skipped");
		expect(hook.got).toHaveLength(1);
	});

	it("signs with both secrets during a rotation's overlap, and with the new one after", async () => {
		const { s, endpoint, delivery, db } = await recordedDelivery();
		const rotated = await send(
			`/api/d/${s.tenant.slug}/webhooks/${endpoint.id}/rotate-secret`,
			s.adminCookie,
			"POST",
		);
		expect(rotated.status).toBe(200);
		const { secret } = await rotated.json<{ secret: string }>();
		expect(secret).not.toBe(endpoint.secret);
		const hook = receiver();
		await firstAttempt(db, hook, delivery.id);
		const captured = hook.got[0];
		if (!captured) throw new Error("nothing sent");
		const body = await captured.text();
		const headers = Object.fromEntries(captured.headers);
		expect(headers["webhook-signature"]?.split(" ")).toHaveLength(2);
		expect(() => new Webhook(secret).verify(body, headers)).not.toThrow();
		expect(() => new Webhook(endpoint.secret).verify(body, headers)).not.toThrow();
		// A day later the old secret no longer signs.
		const resentId = await resendFromConsole(s, endpoint.id, delivery.id);
		const laterHook = receiver();
		await firstAttempt(db, laterHook, resentId, { now: Date.now() + DAY + 1000 });
		expect(laterHook.got[0]?.headers.get("webhook-signature")?.split(" ")).toHaveLength(1);
		expect(laterHook.got[0]?.headers.get("webhook-id")).toBe(delivery.event_id);
		const list = await (
			await send(`/api/d/${s.tenant.slug}/webhooks/${endpoint.id}/deliveries`, s.adminCookie)
		).json<Array<{ id: string; state: string; responseCode: number }>>();
		expect(list.map((d) => d.id)).toEqual([resentId, delivery.id]);
		expect(list[0]).toMatchObject({ state: "delivered", responseCode: 200 });
	});

	it("a delivery recorded before deliveries carried their event is sent, listed and resent from its event's row", async () => {
		const { s, endpoint, delivery, db } = await recordedDelivery();
		// As such a delivery was written: the event a row of its own, the delivery without it.
		const payload = JSON.stringify({
			type: "job.created",
			timestamp: "2026-12-01T10:00:00.000Z",
			data: { id: "job_old" },
		});
		await env.DB.batch([
			env.DB.prepare(
				"INSERT INTO webhook_events (id, tenant_id, type, payload, created_at) VALUES (?, ?, 'job.created', ?, ?)",
			).bind(delivery.event_id, s.tenant.id, payload, Date.now()),
			env.DB.prepare("UPDATE webhook_deliveries SET type = NULL, payload = NULL WHERE id = ?").bind(
				delivery.id,
			),
		]);
		const hook = receiver();
		const queue = fakeQueue();
		expect(await firstAttempt(db, hook, delivery.id, { queue })).toBe("delivered");
		const captured = hook.got[0];
		if (!captured) throw new Error("nothing sent");
		const body = await captured.text();
		expect(body).toBe(payload);
		expect(new Webhook(endpoint.secret).verify(body, Object.fromEntries(captured.headers))).toMatchObject({
			data: { id: "job_old" },
		});
		const resentId = await resendFromConsole(s, endpoint.id, delivery.id);
		const again = receiver();
		await firstAttempt(db, again, resentId, { queue });
		expect(await again.got[0]?.text()).toBe(payload);
		const list = await (
			await send(`/api/d/${s.tenant.slug}/webhooks/${endpoint.id}/deliveries`, s.adminCookie)
		).json<Array<{ id: string; eventType: string }>>();
		expect(list.map((d) => [d.id, d.eventType])).toEqual([
			[resentId, "job.created"],
			[delivery.id, "job.created"],
		]);
		// One with neither its event nor a row of it cannot be sent, and fails rather than send nothing.
		await env.DB.prepare("DELETE FROM webhook_events WHERE tenant_id = ? AND id = ?")
			.bind(s.tenant.id, delivery.event_id)
			.run();
		await env.DB.prepare("UPDATE webhook_deliveries SET state = 'pending', attempts = 0 WHERE id = ?")
			.bind(delivery.id)
			.run();
		const none = receiver();
		expect(await firstAttempt(db, none, delivery.id, { queue })).toBe("failed");
		expect(none.got).toHaveLength(0);
		const failed = await env.DB.prepare("SELECT state, last_error FROM webhook_deliveries WHERE id = ?")
			.bind(delivery.id)
			.first();
		expect(failed).toEqual({ state: "failed", last_error: "The event is no longer recorded." });
	});

	it("disables an endpoint failing for 3 days and tells the admins", async () => {
		const { s, endpoint, delivery, db } = await recordedDelivery();
		const now = Date.now();
		await env.DB.prepare("UPDATE webhook_endpoints SET failing_since = ? WHERE id = ?")
			.bind(now - 3 * DAY - 1, endpoint.id)
			.run();
		const told: string[] = [];
		const outcome = await attemptDelivery(
			{
				db,
				queue: fakeQueue(),
				now,
				send: async () => new Response("no", { status: 503 }),
				onDisabled: async (e) => void told.push(e.id),
			},
			{ deliveryId: delivery.id, attempt: 0 },
		);
		expect(outcome).toBe("failed");
		expect(told).toEqual([endpoint.id]);
		const list = await (await send(`/api/d/${s.tenant.slug}/webhooks`, s.adminCookie)).json<
			Array<{ id: string; disabledAt: string | null }>
		>();
		expect(list.find((e) => e.id === endpoint.id)?.disabledAt).not.toBeNull();
	});

	it("writes the endpoint only when a run of failures starts or ends, not on every attempt", async () => {
		const { s, endpoint, db } = await recordedDelivery();
		// Counts the endpoint's row writes; dropped at the end, so no other test sees it.
		await env.DB.prepare("CREATE TABLE test_endpoint_writes (failing_since INTEGER)").run();
		await env.DB.prepare(
			"CREATE TRIGGER test_endpoint_writes_count AFTER UPDATE ON webhook_endpoints BEGIN INSERT INTO test_endpoint_writes VALUES (NEW.failing_since); END",
		).run();
		try {
			await db.batch(
				webhookEventStatements(db, s.tenant.id, "job.created", { id: "job_y", number: 1002 }, Date.now()) as [
					never,
				],
			);
			const { results: deliveries } = await env.DB.prepare(
				"SELECT id FROM webhook_deliveries WHERE endpoint_id = ? ORDER BY id",
			)
				.bind(endpoint.id)
				.all<{ id: string }>();
			const [first, second] = deliveries.map((d) => d.id);
			const now = Date.now();
			const attempt = (deliveryId: string | undefined, attempt: number, status: number) =>
				attemptDelivery(
					{ db, queue: fakeQueue(), now: now + attempt, send: receiver(status).send },
					{ deliveryId: deliveryId as string, attempt },
				);
			const writes = async () =>
				(await env.DB.prepare("SELECT failing_since FROM test_endpoint_writes").all()).results;
			expect(await attempt(first, 0, 200)).toBe("delivered");
			expect(await writes()).toEqual([]);
			expect(await attempt(second, 0, 500)).toBe("retrying");
			expect(await attempt(second, 1, 500)).toBe("retrying");
			expect(await writes()).toEqual([{ failing_since: now }]);
			expect(await attempt(second, 2, 200)).toBe("delivered");
			expect(await writes()).toEqual([{ failing_since: now }, { failing_since: null }]);
		} finally {
			await env.DB.prepare("DROP TRIGGER test_endpoint_writes_count").run();
			await env.DB.prepare("DROP TABLE test_endpoint_writes").run();
		}
	});

	it("hands each recorded delivery to the queue once, also when requests dispatch side by side", async () => {
		const { s, db: first, endpoint } = await recordedDelivery();
		// Two more requests, each recording an event: three deliveries, one per request.
		const requests = [first];
		for (const number of [1002, 1003]) {
			const db = orm();
			await db.batch(
				webhookEventStatements(
					db,
					s.tenant.id,
					"job.created",
					{ id: `job_${number}`, number },
					Date.now(),
				) as [never],
			);
			requests.push(db);
		}
		const { results: waiting } = await env.DB.prepare(
			"SELECT id, event_id, enqueued_at, created_at FROM webhook_deliveries WHERE endpoint_id = ?",
		)
			.bind(endpoint.id)
			.all<{ id: string; event_id: string; enqueued_at: number; created_at: number }>();
		expect(waiting).toHaveLength(3);
		for (const w of waiting) {
			// Stamped handed over as written, and in its event's key range.
			expect(w.enqueued_at).toBe(w.created_at);
			expect(w.id.startsWith(`whd_${w.event_id.slice(4)}`)).toBe(true);
		}
		// A request that recorded nothing sends nothing, and reads nothing.
		const queue = fakeQueue();
		expect(await dispatchRecorded(orm(), queue)).toBe(0);
		// The three requests answer side by side: each sends its own delivery and no other's.
		const counts = await Promise.all(requests.map((db) => dispatchRecorded(db, queue)));
		expect(counts).toEqual([1, 1, 1]);
		expect(queue.sent.map((m) => m.body.deliveryId).sort()).toEqual(waiting.map((w) => w.id).sort());
		expect(queue.sent.every((m) => m.body.attempt === 0)).toBe(true);
		// Sent: a request's second dispatch finds nothing, and neither does the sweep until they are stale.
		for (const db of requests) expect(await dispatchRecorded(db, queue)).toBe(0);
		await sweepDeliveries(first, queue, Date.now());
		expect(queue.sent).toHaveLength(3);
	});

	it("a request's dispatch leaves out deliveries of its events already attempted", async () => {
		const { delivery, db } = await recordedDelivery();
		await env.DB.prepare("UPDATE webhook_deliveries SET attempts = 1, state = 'retrying' WHERE id = ?")
			.bind(delivery.id)
			.run();
		const queue = fakeQueue();
		expect(await dispatchRecorded(db, queue)).toBe(0);
		expect(queue.sent).toEqual([]);
	});

	it("the sweep re-enqueues deliveries recorded but never sent", async () => {
		const { delivery, db } = await recordedDelivery();
		const queue = fakeQueue();
		await sweepDeliveries(db, queue, Date.now());
		expect(queue.sent.map((m) => m.body.deliveryId)).not.toContain(delivery.id);
		await sweepDeliveries(db, queue, Date.now() + 10 * 60_000);
		expect(queue.sent.map((m) => m.body)).toContainEqual({ deliveryId: delivery.id, attempt: 0 });
	});
});

describe("dev webhook inbox", () => {
	it("receives and verifies what an endpoint pointing at it is sent, and refuses a bad signature", async () => {
		const s = await consoleSetup();
		const created = await send(`/api/d/${s.tenant.slug}/webhooks`, s.adminCookie, "POST", {
			url: "http://localhost:8787/dev/webhooks/inbox",
			events: ["job.created"],
		});
		const { secret } = await created.json<{ secret: string }>();
		const payload = JSON.stringify({
			type: "job.created",
			timestamp: new Date().toISOString(),
			data: { id: "job_inbox" },
		});
		const at = new Date();
		const signature = new Webhook(secret).sign("msg_inbox_1", at, payload);
		const headers = {
			"content-type": "application/json",
			"webhook-id": "msg_inbox_1",
			"webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
			"webhook-signature": signature,
		};
		expect((await call("/dev/webhooks/inbox", { method: "POST", headers, body: payload })).status).toBe(200);
		const tampered = await call("/dev/webhooks/inbox", {
			method: "POST",
			headers,
			body: payload.replace("job_inbox", "job_evil"),
		});
		expect(tampered.status).toBe(400);
		const received = await (await call("/dev/webhooks.json")).json<
			Array<{
				url: string;
				body: string;
				headers: Record<string, string>;
				verified: boolean;
				receivedAt: string;
			}>
		>();
		expect(received[0]).toMatchObject({ verified: false });
		expect(received[1]).toMatchObject({
			verified: true,
			body: payload,
			headers: { "webhook-id": "msg_inbox_1" },
		});
		expect((await call("/dev/webhooks")).status).toBe(200);
	});
});

describe("OpenAPI", () => {
	it("documents the bearer scheme, each API operation's scope, and the webhooks; renders /api/docs", async () => {
		const doc = await (await call("/api/openapi.json")).json<{
			components: { securitySchemes: Record<string, { type: string; scheme: string }> };
			paths: Record<
				string,
				Record<string, { security?: Array<Record<string, string[]>>; operationId?: string }>
			>;
			webhooks: Record<string, unknown>;
		}>();
		expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
		expect(doc.paths["/api/v1/{slug}/jobs"]?.post?.security).toEqual([{ apiKey: ["jobs:write"] }]);
		expect(doc.paths["/api/v1/{slug}/jobs"]?.post?.operationId).toBe("createJob");
		expect(doc.paths["/api/v1/{slug}/invoices"]?.get?.security).toEqual([{ apiKey: ["invoices:read"] }]);
		expect(Object.keys(doc.webhooks).sort()).toEqual([...schema.webhookEventTypes].sort());
		const docs = await call("/api/docs");
		expect(docs.status).toBe(200);
		const html = await docs.text();
		expect(html).toContain("/api/v1/{slug}/jobs");
		expect(html).toContain("survey.submitted");
		expect(html).not.toMatch(/<script/i);
	});
});
