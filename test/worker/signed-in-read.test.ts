import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createSession, SESSION_COOKIE } from "../../workers/domain/sign-in/sessions";
import { type Area, postJson, signIn } from "./auth-helpers";
import { book, pickupBody } from "./booking-helpers";
import { db, makeAccount, makeContact, makeJob, makeStaff, makeTechnician, makeTenant } from "./fixtures";
import { call, type Envelope } from "./helpers";

// A list read sends the session check in the same D1 round trip as its reads, built for who the
// session was on its previous request; the fresh check decides, never what was remembered.
type Read = { status: number; roundTrips: number; body: unknown };

async function read(slug: string, cookie: string, path: string, area: Area = "c"): Promise<Read> {
	const res = await call(`/api/${area}/${slug}${path}`, { headers: { Cookie: cookie, "X-Bench-D1": "1" } });
	return {
		status: res.status,
		roundTrips: Number(res.headers.get("X-D1-Round-Trips")),
		body: await res.json(),
	};
}

const jobIds = (r: Read) => (r.body as { items: Array<{ id: string }> }).items.map((j) => j.id).sort();
const errorCode = (r: Read) => (r.body as Envelope).error.code;

async function sessionsOf(subjectId: string): Promise<number> {
	const row = await env.DB.prepare("SELECT count(*) AS n FROM sessions WHERE subject_id = ?")
		.bind(subjectId)
		.first<{ n: number }>();
	return row?.n ?? 0;
}

/** A contact with one job, signed in, whose session has made one request already. */
async function returningCustomer() {
	const tenant = await makeTenant();
	const contact = await makeContact(tenant, { email: "repeat@firm.example" });
	const job = await makeJob(tenant, { customerEmail: "repeat@firm.example" });
	const cookie = await signIn(tenant.slug, "repeat@firm.example");
	const first = await read(tenant.slug, cookie, "/jobs");
	expect(first.status).toBe(200);
	return { tenant, contact, job, cookie, first };
}

describe("a signed-in list read", () => {
	it("checks the session in the list's own round trip, from the first read after signing in", async () => {
		const { tenant, job, cookie, first } = await returningCustomer();
		expect(first.roundTrips).toBe(1);
		const again = await read(tenant.slug, cookie, "/jobs");
		expect(again.roundTrips).toBe(1);
		expect(jobIds(again)).toEqual([job.id]);
		const places = await read(tenant.slug, cookie, "/addresses");
		expect(places.status).toBe(200);
		expect(places.roundTrips).toBe(1);
	});

	it("checks a session this isolate has not seen before first, as it always did", async () => {
		const tenant = await makeTenant();
		const contact = await makeContact(tenant, { email: "elsewhere@firm.example" });
		const job = await makeJob(tenant, { customerEmail: "elsewhere@firm.example" });
		// Signed in where this isolate did not see it.
		const { id } = await createSession(db, {
			tenantId: tenant.id,
			audience: "customer",
			subjectId: contact.id,
			ip: null,
			userAgent: null,
		});
		const cookie = `${SESSION_COOKIE}=${id}`;
		const first = await read(tenant.slug, cookie, "/jobs");
		expect(first.roundTrips).toBe(2);
		expect(jobIds(first)).toEqual([job.id]);
		expect((await read(tenant.slug, cookie, "/jobs")).roundTrips).toBe(1);
	});

	it("refuses a customer blocked since their last request, without their list, and ends the session", async () => {
		const { tenant, contact, cookie } = await returningCustomer();
		await env.DB.prepare("UPDATE contacts SET blocked_at = ? WHERE id = ?")
			.bind(Date.now(), contact.id)
			.run();
		const res = await read(tenant.slug, cookie, "/jobs");
		expect(res.status).toBe(403);
		expect(errorCode(res)).toBe("customer_blocked");
		expect(res.body).not.toHaveProperty("items");
		expect(await sessionsOf(contact.id)).toBe(0);
		const audit = await env.DB.prepare(
			"SELECT count(*) AS n FROM audit_log WHERE actor_id = ? AND action = 'auth.session_ended'",
		)
			.bind(contact.id)
			.first<{ n: number }>();
		expect(audit?.n).toBe(1);
		expect((await read(tenant.slug, cookie, "/addresses")).status).toBe(401);
	});

	it("checks a session even when the request is refused before its list is read", async () => {
		const { tenant, contact, cookie } = await returningCustomer();
		const badCursor = await read(tenant.slug, cookie, "/jobs?cursor=nope");
		expect(badCursor.status).toBe(400);
		await env.DB.prepare("UPDATE contacts SET blocked_at = ? WHERE id = ?")
			.bind(Date.now(), contact.id)
			.run();
		const res = await read(tenant.slug, cookie, "/jobs?limit=500");
		expect(res.status).toBe(403);
		expect(errorCode(res)).toBe("customer_blocked");
		expect(await sessionsOf(contact.id)).toBe(0);
	});

	it("refuses a session signed out since its last request", async () => {
		const { tenant, cookie } = await returningCustomer();
		const out = await postJson(`/api/c/${tenant.slug}/auth/logout`, {}, { Cookie: cookie });
		expect(out.status).toBeLessThan(300);
		const res = await read(tenant.slug, cookie, "/jobs");
		expect(res.status).toBe(401);
		expect(res.body).not.toHaveProperty("items");
	});

	it("refuses a session that expired since its last request, and deletes it", async () => {
		const { tenant, contact, cookie } = await returningCustomer();
		await env.DB.prepare("UPDATE sessions SET expires_at = ? WHERE subject_id = ?")
			.bind(Date.now() - 1, contact.id)
			.run();
		const res = await read(tenant.slug, cookie, "/addresses");
		expect(res.status).toBe(401);
		expect(res.body).not.toHaveProperty("locations");
		expect(await sessionsOf(contact.id)).toBe(0);
	});

	it("refuses a technician made inactive since their last request", async () => {
		const tenant = await makeTenant();
		const tech = await makeTechnician(tenant, "van@fleet.example");
		const cookie = await signIn(tenant.slug, "van@fleet.example", "t");
		expect((await read(tenant.slug, cookie, "/jobs", "t")).status).toBe(200);
		const warm = await read(tenant.slug, cookie, "/jobs", "t");
		expect(warm.roundTrips).toBe(1);
		await env.DB.prepare("UPDATE technicians SET active = 0 WHERE id = ?").bind(tech.id).run();
		const res = await read(tenant.slug, cookie, "/jobs", "t");
		expect(res.status).toBe(401);
		expect(res.body).not.toHaveProperty("items");
		expect(await sessionsOf(tech.id)).toBe(0);
	});

	it("refuses a dispatcher disabled since their last request, without the board or the inbox", async () => {
		const tenant = await makeTenant();
		const member = await makeStaff(tenant, "desk@fleet.example");
		const cookie = await signIn(tenant.slug, "desk@fleet.example", "d");
		const warm = await read(tenant.slug, cookie, "/board", "d");
		expect(warm.status).toBe(200);
		expect(warm.roundTrips).toBe(1);
		await env.DB.prepare("UPDATE staff SET disabled_at = ? WHERE id = ?").bind(Date.now(), member.id).run();
		const res = await read(tenant.slug, cookie, "/board", "d");
		expect(res.status).toBe(401);
		expect(res.body).not.toHaveProperty("jobs");
		expect(await sessionsOf(member.id)).toBe(0);
		expect((await read(tenant.slug, cookie, "/inbox", "d")).status).toBe(401);
	});

	it.each([
		["/audit", "items"],
		["/customers", "accounts"],
		["/technicians", "0"],
		["/jobs/:id", "stops"],
	])("refuses a dispatcher disabled since their last request, without %s", async (path, listKey) => {
		const tenant = await makeTenant();
		const member = await makeStaff(tenant, "desk@fleet.example");
		await makeTechnician(tenant, "van@fleet.example");
		const job = await makeJob(tenant, { customerEmail: "someone@firm.example" });
		const cookie = await signIn(tenant.slug, "desk@fleet.example", "d");
		const at = path.replace(":id", job.id);
		expect((await read(tenant.slug, cookie, at, "d")).status).toBe(200);
		const warm = await read(tenant.slug, cookie, at, "d");
		expect(warm.status).toBe(200);
		expect(warm.body).toHaveProperty(listKey);
		expect(warm.roundTrips).toBe(1);
		await env.DB.prepare("UPDATE staff SET disabled_at = ? WHERE id = ?").bind(Date.now(), member.id).run();
		const res = await read(tenant.slug, cookie, at, "d");
		expect(res.status).toBe(401);
		expect(res.body).not.toHaveProperty(listKey);
		expect(await sessionsOf(member.id)).toBe(0);
	});

	it("refuses a customer blocked since their last request, without the job they open", async () => {
		const { tenant, contact, job, cookie } = await returningCustomer();
		const warm = await read(tenant.slug, cookie, `/jobs/${job.id}`);
		expect(warm.status).toBe(200);
		expect(warm.roundTrips).toBe(1);
		await env.DB.prepare("UPDATE contacts SET blocked_at = ? WHERE id = ?")
			.bind(Date.now(), contact.id)
			.run();
		const res = await read(tenant.slug, cookie, `/jobs/${job.id}`);
		expect(res.status).toBe(403);
		expect(errorCode(res)).toBe("customer_blocked");
		expect(res.body).not.toHaveProperty("stops");
		expect(await sessionsOf(contact.id)).toBe(0);
	});

	it("answers 404 for a job an admin made a booker since their last request no longer sees", async () => {
		const tenant = await makeTenant();
		const account = await makeAccount(tenant);
		const admin = await makeContact(tenant, {
			email: "boss@firm.example",
			accountId: account.id,
			role: "admin",
		});
		await makeContact(tenant, { email: "clerk@firm.example", accountId: account.id });
		const bossCookie = await signIn(tenant.slug, "boss@firm.example");
		const clerkCookie = await signIn(tenant.slug, "clerk@firm.example");
		const clerks = await (await book(tenant.slug, clerkCookie, pickupBody())).json<{ id: string }>();
		expect((await read(tenant.slug, bossCookie, `/jobs/${clerks.id}`)).status).toBe(200);
		await env.DB.prepare("UPDATE contacts SET role = 'booker' WHERE id = ?").bind(admin.id).run();
		const res = await read(tenant.slug, bossCookie, `/jobs/${clerks.id}`);
		expect(res.status).toBe(404);
		expect(res.body).not.toHaveProperty("stops");
		// Read for the admin they were, then again for the booker they are.
		expect(res.roundTrips).toBe(2);
	});

	it("answers an account admin made a booker since their last request with a booker's list", async () => {
		const tenant = await makeTenant();
		const account = await makeAccount(tenant);
		const admin = await makeContact(tenant, {
			email: "boss@firm.example",
			accountId: account.id,
			role: "admin",
		});
		await makeContact(tenant, { email: "clerk@firm.example", accountId: account.id });
		const bossCookie = await signIn(tenant.slug, "boss@firm.example");
		const clerkCookie = await signIn(tenant.slug, "clerk@firm.example");
		const clerks = await (await book(tenant.slug, clerkCookie, pickupBody())).json<{ id: string }>();
		const boss = await (await book(tenant.slug, bossCookie, pickupBody())).json<{ id: string }>();
		expect(jobIds(await read(tenant.slug, bossCookie, "/jobs"))).toEqual([clerks.id, boss.id].sort());
		await env.DB.prepare("UPDATE contacts SET role = 'booker' WHERE id = ?").bind(admin.id).run();
		const res = await read(tenant.slug, bossCookie, "/jobs");
		expect(res.status).toBe(200);
		expect(jobIds(res)).toEqual([boss.id]);
		// Read again for who they are now; the next read is one round trip again.
		expect(res.roundTrips).toBe(2);
		expect((await read(tenant.slug, bossCookie, "/jobs")).roundTrips).toBe(1);
	});

	it("answers 401 for another tenant's session under this tenant's slug", async () => {
		const { cookie } = await returningCustomer();
		const other = await makeTenant();
		await makeContact(other, { email: "repeat@firm.example" });
		await makeJob(other, { customerEmail: "repeat@firm.example" });
		const res = await read(other.slug, cookie, "/jobs");
		expect(res.status).toBe(401);
		expect(res.body).not.toHaveProperty("items");
	});

	it("answers 403 for another audience's session, however recently it was used", async () => {
		const { tenant, cookie } = await returningCustomer();
		const res = await read(tenant.slug, cookie, "/jobs", "t");
		expect(res.status).toBe(403);
		expect(errorCode(res)).toBe("forbidden");
	});

	it("reads dates in the tenant's current time zone when it changed since the last request", async () => {
		const { tenant, job, cookie } = await returningCustomer();
		// 03:30 UTC on 2 March is still 1 March in New York, already 2 March in Berlin.
		await env.DB.prepare("UPDATE jobs SET created_at = ? WHERE id = ?")
			.bind(Date.UTC(2026, 2, 2, 3, 30), job.id)
			.run();
		const onFirst = "/jobs?from=2026-03-01&to=2026-03-01";
		expect(jobIds(await read(tenant.slug, cookie, onFirst))).toEqual([job.id]);
		await env.DB.prepare("UPDATE tenants SET timezone = 'Europe/Berlin' WHERE id = ?").bind(tenant.id).run();
		const res = await read(tenant.slug, cookie, onFirst);
		expect(res.status).toBe(200);
		expect(jobIds(res)).toEqual([]);
	});
});
