import { evictDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import * as schema from "../../schema";
import { localDateTime } from "../../workers/domain/time";
import { signIn, waitForEmail } from "./auth-helpers";
import { book, pickupBody } from "./booking-helpers";
import { db, makeAccount, makeContact, makeTenant } from "./fixtures";
import { call, type Envelope } from "./helpers";

type Job = {
	id: string;
	number: number;
	status: string;
	source: string;
	reference: string | null;
	stops: Array<{ line1: string }>;
};

async function bookerAt(opts: { role?: "admin" | "booker" } = {}) {
	const tenant = await makeTenant();
	const account = await makeAccount(tenant, "Hartwell & Pine");
	const email = `booker-${crypto.randomUUID().slice(0, 6)}@firm.example`;
	const contact = await makeContact(tenant, {
		email,
		name: "Bea Booker",
		accountId: account.id,
		role: opts.role,
	});
	const cookie = await signIn(tenant.slug, email);
	return { tenant, account, contact, email, cookie };
}

const jobCount = async (tenantId: string) =>
	(
		await env.DB.prepare("SELECT count(*) AS n FROM jobs WHERE tenant_id = ?")
			.bind(tenantId)
			.first<{ n: number }>()
	)?.n;

describe("POST /api/c/:slug/bookings", () => {
	it("creates an unassigned portal job with its stops, a timeline event, an inbox alert and an audit entry", async () => {
		const { tenant, account, contact, cookie } = await bookerAt();
		const res = await book(tenant.slug, cookie, pickupBody({ reference: "PO-4411" }));
		expect(res.status).toBe(201);
		const job = await res.json<Job & { timeline: Array<{ type: string }> }>();
		expect(job).toMatchObject({ status: "unassigned", source: "portal", reference: "PO-4411" });
		expect(job.stops.map((s) => s.line1)).toEqual(["350 Fifth Avenue", "60 Centre Street"]);
		expect(job.timeline.map((e) => e.type)).toEqual(["created"]);
		const row = await db.select().from(schema.jobs).where(eq(schema.jobs.id, job.id)).get();
		expect(row).toMatchObject({
			accountId: account.id,
			contactId: contact.id,
			status: "unassigned",
			createdByType: "contact",
		});
		const alert = await db
			.select()
			.from(schema.inboxAlerts)
			.where(eq(schema.inboxAlerts.jobId, job.id))
			.get();
		expect(alert).toMatchObject({ kind: "customer_booking", readAt: null });
		const audit = await db.select().from(schema.auditLog).where(eq(schema.auditLog.targetId, job.id)).get();
		expect(audit).toMatchObject({ action: "job.booked", actorId: contact.id });
	});

	it("emails the booker a confirmation with a deep link to the job", async () => {
		const { tenant, email, cookie } = await bookerAt();
		const job = await (await book(tenant.slug, cookie, pickupBody())).json<Job>();
		const mail = await waitForEmail(email, 2);
		expect(mail.subject).toBe(`Booked: job #${job.number} with ${tenant.name}`);
		expect(mail.text).toContain(`https://portal.test/c/${tenant.slug}/jobs/${job.id}`);
	});

	it("turns 10 concurrent identical requests with one key into exactly one job", async () => {
		const { tenant, cookie } = await bookerAt();
		const key = crypto.randomUUID();
		const body = pickupBody();
		const answers = await Promise.all(Array.from({ length: 10 }, () => book(tenant.slug, cookie, body, key)));
		const statuses = answers.map((r) => r.status);
		expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
		expect(statuses).toContain(201);
		const ids = new Set(
			await Promise.all(answers.filter((r) => r.status === 201).map(async (r) => (await r.json<Job>()).id)),
		);
		expect(ids.size).toBe(1);
		expect(await jobCount(tenant.id)).toBe(1);
		for (const r of answers.filter((a) => a.status === 409)) {
			expect((await r.json<Envelope>()).error.code).toBe("idempotency_in_flight");
		}
	});

	it("replays the first job for a repeated key, also after the gate was evicted", async () => {
		const { tenant, cookie } = await bookerAt();
		const key = crypto.randomUUID();
		const body = pickupBody();
		const first = await (await book(tenant.slug, cookie, body, key)).json<Job>();
		await evictDurableObject(env.TENANT_GATE.get(env.TENANT_GATE.idFromName(tenant.id)));
		const again = await book(tenant.slug, cookie, { ...body }, key);
		expect(again.status).toBe(201);
		expect(again.headers.get("Idempotent-Replayed")).toBe("true");
		expect((await again.json<Job>()).id).toBe(first.id);
		expect(await jobCount(tenant.id)).toBe(1);
	});

	it("replays a booking even after its window has passed", async () => {
		const { tenant, cookie } = await bookerAt();
		const key = crypto.randomUUID();
		const body = pickupBody();
		const first = await (await book(tenant.slug, cookie, body, key)).json<Job>();
		vi.useFakeTimers({ toFake: ["Date"] });
		try {
			vi.setSystemTime(Date.now() + 26 * 3_600_000);
			const late = await book(tenant.slug, cookie, body, key);
			expect(late.status).toBe(201);
			expect((await late.json<Job>()).id).toBe(first.id);
			// The same body under a new key is judged on its times.
			expect((await book(tenant.slug, cookie, body)).status).toBe(400);
		} finally {
			vi.useRealTimers();
		}
	});

	it("answers 422 for a key reused with another body", async () => {
		const { tenant, cookie } = await bookerAt();
		const key = crypto.randomUUID();
		const body = pickupBody();
		expect((await book(tenant.slug, cookie, body, key)).status).toBe(201);
		const other = await book(tenant.slug, cookie, { ...body, packageDescription: "Something else" }, key);
		expect(other.status).toBe(422);
		expect((await other.json<Envelope>()).error.code).toBe("idempotency_key_reused");
	});

	it("scopes keys per customer: another customer's identical key makes their own job", async () => {
		const { tenant, account, cookie } = await bookerAt();
		await makeContact(tenant, { email: "second@firm.example", accountId: account.id });
		const second = await signIn(tenant.slug, "second@firm.example");
		const key = crypto.randomUUID();
		const a = await (await book(tenant.slug, cookie, pickupBody(), key)).json<Job>();
		const b = await (await book(tenant.slug, second, pickupBody(), key)).json<Job>();
		expect(a.id).not.toBe(b.id);
	});

	it("answers 400 without an Idempotency-Key", async () => {
		const { tenant, cookie } = await bookerAt();
		const res = await book(tenant.slug, cookie, pickupBody(), null);
		expect(res.status).toBe(400);
		expect((await res.json<Envelope>()).error.code).toBe("idempotency_key_required");
		expect(await jobCount(tenant.id)).toBe(0);
	});

	it("leaves no job and the key retryable when D1 fails mid-booking", async () => {
		const { tenant, cookie } = await bookerAt();
		const trigger = `fail_${tenant.id}`;
		// The inbox alert is written after the job in the same batch; failing it must undo the job.
		await env.DB.prepare(
			`CREATE TRIGGER ${trigger} BEFORE INSERT ON inbox_alerts WHEN NEW.tenant_id = '${tenant.id}' BEGIN SELECT RAISE(ABORT, 'injected failure'); END`,
		).run();
		const key = crypto.randomUUID();
		const body = pickupBody();
		try {
			const failed = await book(tenant.slug, cookie, body, key);
			expect(failed.status).toBe(500);
			expect((await failed.json<Envelope>()).error.code).toBe("internal");
			expect(await jobCount(tenant.id)).toBe(0);
			const stops = await env.DB.prepare("SELECT count(*) AS n FROM job_stops WHERE tenant_id = ?")
				.bind(tenant.id)
				.first();
			expect(stops?.n).toBe(0);
		} finally {
			await env.DB.prepare(`DROP TRIGGER ${trigger}`).run();
		}
		const retried = await book(tenant.slug, cookie, body, key);
		expect(retried.status).toBe(201);
		expect(await jobCount(tenant.id)).toBe(1);
	});

	it("refuses a blocked customer with 403 and a clear message", async () => {
		const { tenant, contact, cookie } = await bookerAt();
		await env.DB.prepare("UPDATE contacts SET blocked_at = ? WHERE id = ?")
			.bind(Date.now(), contact.id)
			.run();
		const res = await book(tenant.slug, cookie, pickupBody());
		expect(res.status).toBe(403);
		const body = await res.json<Envelope>();
		expect(body.error.code).toBe("customer_blocked");
		expect(body.error.message).toContain(tenant.name);
		expect(await jobCount(tenant.id)).toBe(0);
	});

	it("refuses a viewer, who may look but not book", async () => {
		const tenant = await makeTenant();
		const account = await makeAccount(tenant);
		await makeContact(tenant, { email: "viewer@firm.example", accountId: account.id });
		await env.DB.prepare("UPDATE contacts SET role = 'viewer' WHERE email = 'viewer@firm.example'").run();
		const cookie = await signIn(tenant.slug, "viewer@firm.example");
		expect((await book(tenant.slug, cookie, pickupBody())).status).toBe(403);
	});

	describe("validation", () => {
		const tz = "America/New_York";
		const HOUR = 3_600_000;
		it.each([
			[
				"deliver-by before ready-at",
				{ deliverBy: localDateTime(Date.now() + 30 * 60_000, tz) },
				["deliverBy"],
			],
			[
				"a window in the past",
				{
					readyAt: localDateTime(Date.now() - 5 * HOUR, tz),
					deliverBy: localDateTime(Date.now() - 2 * HOUR, tz),
				},
				["readyAt", "deliverBy"],
			],
			["a time that is not a time", { readyAt: "tomorrow at nine" }, ["readyAt"]],
			[
				"a missing street and city",
				{ pickup: { address: { line1: " ", city: "" } } },
				["pickup.address.line1", "pickup.address.city"],
			],
			["a missing package description", { packageDescription: "" }, ["packageDescription"]],
			["an over-long reference", { reference: "x".repeat(101) }, ["reference"]],
			[
				"a bad phone",
				{ dropoff: { address: { line1: "1 A St", city: "B" }, contactPhone: "call me" } },
				["dropoff.contactPhone"],
			],
		])("names each field for %s", async (_, overrides, fields) => {
			const { tenant, cookie } = await bookerAt();
			const res = await book(tenant.slug, cookie, pickupBody(overrides));
			expect(res.status).toBe(400);
			const body = await res.json<Envelope>();
			expect(body.error.code).toBe("validation_failed");
			expect(body.error.issues?.map((i) => i.field).sort()).toEqual([...fields].sort());
			expect(await jobCount(tenant.id)).toBe(0);
		});

		it("refuses a kind the tenant does not take", async () => {
			const { tenant, cookie } = await bookerAt();
			const res = await book(tenant.slug, cookie, {
				kind: "service_call",
				service: { address: { line1: "1 Main St", city: "Springfield" } },
				preferredFrom: localDateTime(Date.now() + 24 * HOUR, tz).slice(0, 10),
				preferredTo: localDateTime(Date.now() + 48 * HOUR, tz).slice(0, 10),
				description: "Leak",
			});
			expect(res.status).toBe(400);
			expect((await res.json<Envelope>()).error.issues?.[0]?.field).toBe("kind");
		});

		it("refuses a saved address of another account", async () => {
			const { tenant, cookie } = await bookerAt();
			const other = await makeAccount(tenant, "Other");
			await db.insert(schema.savedAddresses).values({
				id: "adr_foreign_x",
				tenantId: tenant.id,
				accountId: other.id,
				label: "Theirs",
				line1: "9 Elsewhere",
				city: "X",
				createdAt: Date.now(),
			});
			const body = pickupBody();
			const res = await book(tenant.slug, cookie, {
				...body,
				pickup: { ...body.pickup, savedAddressId: "adr_foreign_x" },
			});
			expect(res.status).toBe(400);
			expect((await res.json<Envelope>()).error.issues?.map((i) => i.field)).toEqual([
				"pickup.savedAddressId",
			]);
		});
	});

	it("saves an address for the account when asked, and offers it next time", async () => {
		const { tenant, cookie } = await bookerAt();
		const body = pickupBody();
		await book(tenant.slug, cookie, { ...body, dropoff: { ...body.dropoff, saveAs: "Courthouse" } });
		const places = await (
			await call(`/api/c/${tenant.slug}/addresses`, { headers: { Cookie: cookie } })
		).json<{
			saved: Array<{ label: string; line1: string }>;
			recent: Array<{ line1: string }>;
		}>();
		expect(places.saved).toEqual([
			expect.objectContaining({ label: "Courthouse", line1: "60 Centre Street" }),
		]);
		expect(places.recent.map((p) => p.line1)).toEqual(["350 Fifth Avenue"]);
	});

	it("offers each address a contact used once, with the details of its last use, to that contact only", async () => {
		const { tenant, account, cookie } = await bookerAt();
		const placesOf = async (who: string) =>
			(
				await (
					await call(`/api/c/${tenant.slug}/addresses`, { headers: { Cookie: who } })
				).json<{
					recent: Array<{ line1: string; instructions: string | null }>;
				}>()
			).recent;
		const body = pickupBody();
		expect((await book(tenant.slug, cookie, body)).status).toBe(201);
		await new Promise((resolve) => setTimeout(resolve, 5)); // a later use, by the clock too
		// The same pickup typed differently, with new instructions, and a new drop-off.
		const again = await book(tenant.slug, cookie, {
			...body,
			pickup: {
				...body.pickup,
				address: { ...body.pickup.address, line1: " 350 FIFTH AVENUE " },
				instructions: "Side door",
			},
			dropoff: { address: { line1: "1 Police Plaza", city: "New York" } },
		});
		expect(again.status).toBe(201);
		const recent = await placesOf(cookie);
		expect(recent).toHaveLength(3);
		expect(recent.map((p) => p.line1.trim().toLowerCase()).sort()).toEqual([
			"1 police plaza",
			"350 fifth avenue",
			"60 centre street",
		]);
		expect(recent.find((p) => p.line1.includes("FIFTH"))?.instructions).toBe("Side door");
		// The oldest use is last.
		expect(recent.at(-1)?.line1).toBe("60 Centre Street");
		const colleagueEmail = `colleague-${crypto.randomUUID().slice(0, 6)}@firm.example`;
		await makeContact(tenant, { email: colleagueEmail, name: "Cole League", accountId: account.id });
		expect(await placesOf(await signIn(tenant.slug, colleagueEmail))).toEqual([]);
	});
});
