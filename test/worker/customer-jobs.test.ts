import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { signIn } from "./auth-helpers";
import { book, pickupBody } from "./booking-helpers";
import { makeAccount, makeContact, makeJob, makeTenant, type TestTenant } from "./fixtures";
import { call, type Envelope } from "./helpers";

type Page = {
	items: Array<{ id: string; number: number; status: string; reference: string | null }>;
	nextCursor: string | null;
};

const list = async (slug: string, cookie: string, query = "") => {
	const res = await call(`/api/c/${slug}/jobs${query}`, { headers: { Cookie: cookie } });
	expect(res.status).toBe(200);
	return res.json<Page>();
};

async function setJob(id: string, fields: Record<string, string | number | null>) {
	const sets = Object.keys(fields).map((k) => `${k} = ?`);
	await env.DB.prepare(`UPDATE jobs SET ${sets.join(", ")} WHERE id = ?`)
		.bind(...Object.values(fields), id)
		.run();
}

async function customerWithJobs(tenant: TestTenant, email: string, n: number, accountId?: string) {
	await makeContact(tenant, { email, accountId: accountId ?? null });
	const ids: string[] = [];
	for (let i = 0; i < n; i++) {
		const { id } = await makeJob(tenant, { customerEmail: email });
		await setJob(id, { created_at: Date.UTC(2026, 0, 1 + i), reference: `REF-${i}` });
		ids.push(id);
	}
	return ids;
}

describe("GET /api/c/:slug/jobs", () => {
	it("finds jobs a dispatcher typed with the email in any spelling", async () => {
		const tenant = await makeTenant();
		await makeContact(tenant, { email: "bob@lawfirm.example" });
		const typed = [" Bob@LawFirm.example ", "BOB@LAWFIRM.EXAMPLE", "bob@lawfirm.example"];
		for (const customerEmail of typed) await makeJob(tenant, { customerEmail });
		await makeJob(tenant, { customerEmail: "bobby@lawfirm.example" });
		const cookie = await signIn(tenant.slug, "bob@lawfirm.example");
		expect((await list(tenant.slug, cookie)).items).toHaveLength(3);
	});

	it("shows a booker their own jobs and an account admin all of the account's", async () => {
		const tenant = await makeTenant();
		const account = await makeAccount(tenant);
		await makeContact(tenant, { email: "admin@firm.example", accountId: account.id, role: "admin" });
		await makeContact(tenant, { email: "booker@firm.example", accountId: account.id });
		const admin = await signIn(tenant.slug, "admin@firm.example");
		const booker = await signIn(tenant.slug, "booker@firm.example");
		const mine = await (await book(tenant.slug, booker, pickupBody())).json<{ id: string }>();
		const theirs = await (await book(tenant.slug, admin, pickupBody())).json<{ id: string }>();
		expect((await list(tenant.slug, booker)).items.map((j) => j.id)).toEqual([mine.id]);
		expect((await list(tenant.slug, admin)).items.map((j) => j.id).sort()).toEqual(
			[mine.id, theirs.id].sort(),
		);
	});

	it("pages newest first with a cursor that stays stable while new jobs arrive", async () => {
		const tenant = await makeTenant();
		const ids = await customerWithJobs(tenant, "pager@firm.example", 7);
		const cookie = await signIn(tenant.slug, "pager@firm.example");
		const first = await list(tenant.slug, cookie, "?limit=3");
		expect(first.items.map((j) => j.id)).toEqual([ids[6], ids[5], ids[4]]);
		// Two newer jobs arrive, one with the same timestamp as the page's last row.
		for (const at of [Date.UTC(2026, 5, 1), Date.UTC(2026, 0, 5)]) {
			const { id } = await makeJob(tenant, { customerEmail: "pager@firm.example" });
			await setJob(id, { created_at: at });
		}
		const second = await list(tenant.slug, cookie, `?limit=3&cursor=${first.nextCursor}`);
		const third = await list(tenant.slug, cookie, `?limit=3&cursor=${second.nextCursor}`);
		const seen = [...first.items, ...second.items, ...third.items].map((j) => j.id);
		expect(seen.filter((id) => ids.includes(id))).toEqual([...ids].reverse());
		expect(new Set(seen).size).toBe(seen.length);
		expect(third.nextCursor).toBeNull();
	});

	it("filters by status group, date range and search", async () => {
		const tenant = await makeTenant();
		const ids = await customerWithJobs(tenant, "filter@firm.example", 5);
		await setJob(ids[0] as string, { status: "completed" });
		await setJob(ids[1] as string, { status: "en_route" });
		const cookie = await signIn(tenant.slug, "filter@firm.example");
		expect((await list(tenant.slug, cookie, "?status=past")).items.map((j) => j.id)).toEqual([ids[0]]);
		expect((await list(tenant.slug, cookie, "?status=active")).items.map((j) => j.id)).toEqual([ids[1]]);
		expect((await list(tenant.slug, cookie, "?status=upcoming")).items).toHaveLength(3);
		// Created at Jan 1–5 00:00 UTC, which is the evening before in New York: Jan 2–3 there holds
		// the jobs of Jan 3 and Jan 4 UTC.
		const range = await list(tenant.slug, cookie, "?from=2026-01-02&to=2026-01-03");
		expect(range.items.map((j) => j.id)).toEqual([ids[3], ids[2]]);
		expect((await list(tenant.slug, cookie, "?q=REF-4")).items.map((j) => j.id)).toEqual([ids[4]]);
		expect((await list(tenant.slug, cookie, "?q=%25")).items).toHaveLength(0);
	});

	it("reads a contact's own jobs once, not a second time by their email", async () => {
		const tenant = await makeTenant();
		const me = await makeContact(tenant, { email: "own@firm.example" });
		for (let i = 0; i < 25; i++) {
			const { id } = await makeJob(tenant, { customerEmail: "own@firm.example" });
			await setJob(id, { contact_id: me.id, created_at: Date.UTC(2026, 0, 1 + i) });
		}
		const cookie = await signIn(tenant.slug, "own@firm.example");
		const res = await call(`/api/c/${tenant.slug}/jobs?limit=20`, {
			headers: { Cookie: cookie, "X-Bench-D1": "1" },
		});
		expect((await res.json<Page>()).items).toHaveLength(20);
		const read = [...(res.headers.get("X-D1-Trace") ?? "").matchAll(/select:jobs=(\d+)/g)];
		expect(read).toHaveLength(2);
		// The page and the one row that tells there is a next, from the contact's range alone.
		expect(read.reduce((n, m) => n + Number(m[1]), 0)).toBe(21);
	});

	it("leaves out a job linked to another contact, even one typed with the same email", async () => {
		const tenant = await makeTenant();
		await makeContact(tenant, { email: "now@firm.example" });
		const before = await makeContact(tenant, { email: "before@firm.example" });
		// Typed when the address was the other contact's (who has since changed theirs).
		const { id } = await makeJob(tenant, { customerEmail: "now@firm.example" });
		await setJob(id, { contact_id: before.id });
		const typed = await makeJob(tenant, { customerEmail: "now@firm.example" });
		const cookie = await signIn(tenant.slug, "now@firm.example");
		expect((await list(tenant.slug, cookie)).items.map((j) => j.id)).toEqual([typed.id]);
		expect((await call(`/api/c/${tenant.slug}/jobs/${id}`, { headers: { Cookie: cookie } })).status).toBe(
			404,
		);
		const theirs = await signIn(tenant.slug, "before@firm.example");
		expect((await list(tenant.slug, theirs)).items.map((j) => j.id)).toEqual([id]);
	});

	it("names the field of a bad filter", async () => {
		const tenant = await makeTenant();
		await makeContact(tenant, { email: "bad@firm.example" });
		const cookie = await signIn(tenant.slug, "bad@firm.example");
		for (const [query, field] of [
			["?status=lost", "status"],
			["?from=yesterday", "from"],
			["?limit=500", "limit"],
			["?cursor=nonsense", "cursor"],
		]) {
			const res = await call(`/api/c/${tenant.slug}/jobs${query}`, { headers: { Cookie: cookie } });
			expect(res.status, query).toBe(400);
			expect((await res.json<Envelope>()).error.issues?.map((i) => i.field)).toEqual([field]);
		}
	});

	it("answers 401 without a session", async () => {
		const tenant = await makeTenant();
		expect((await call(`/api/c/${tenant.slug}/jobs`)).status).toBe(401);
	});
});

describe("GET /api/c/:slug/jobs/:id", () => {
	it("shows stops, the timeline and the technician, with the bio only once approved", async () => {
		const tenant = await makeTenant();
		await makeContact(tenant, { email: "detail@firm.example" });
		const cookie = await signIn(tenant.slug, "detail@firm.example");
		const booked = await (await book(tenant.slug, cookie, pickupBody())).json<{ id: string }>();
		await env.DB.prepare(
			"INSERT INTO technicians (id, tenant_id, name, email, email_normalized, photo_url, bio, created_at) VALUES ('tec_d1', ?, 'Jo Tech', 'jo@x.example', 'jo@x.example', '/p.svg', 'Ten years on the road.', 0)",
		)
			.bind(tenant.id)
			.run();
		await setJob(booked.id, { technician_id: "tec_d1", status: "assigned" });
		const get = async () =>
			(await call(`/api/c/${tenant.slug}/jobs/${booked.id}`, { headers: { Cookie: cookie } })).json<{
				technician: { name: string; bio: string | null };
				stops: unknown[];
				timeline: unknown[];
			}>();
		expect((await get()).technician).toEqual({ name: "Jo Tech", photoUrl: "/p.svg", bio: null });
		await env.DB.prepare("UPDATE technicians SET bio_approved_at = 1 WHERE id = 'tec_d1'").run();
		const job = await get();
		expect(job.technician.bio).toBe("Ten years on the road.");
		expect(job.stops).toHaveLength(2);
		expect(job.timeline).toHaveLength(1);
	});

	it("answers 404 for another customer's job and for another tenant's job", async () => {
		const tenant = await makeTenant();
		const other = await makeTenant();
		await makeContact(tenant, { email: "one@firm.example" });
		await makeContact(tenant, { email: "two@firm.example" });
		await makeContact(other, { email: "one@firm.example" });
		const one = await signIn(tenant.slug, "one@firm.example");
		const two = await signIn(tenant.slug, "two@firm.example");
		const oneElsewhere = await signIn(other.slug, "one@firm.example");
		const job = await (await book(tenant.slug, one, pickupBody())).json<{ id: string }>();
		const foreign = await (await book(other.slug, oneElsewhere, pickupBody())).json<{ id: string }>();
		for (const [cookie, id] of [
			[two, job.id],
			[one, foreign.id],
			[one, "job_does_not_exist"],
		] as const) {
			const res = await call(`/api/c/${tenant.slug}/jobs/${id}`, { headers: { Cookie: cookie } });
			expect(res.status).toBe(404);
			expect((await res.json<Envelope>()).error.code).toBe("not_found");
		}
		expect((await list(tenant.slug, one)).items.map((j) => j.id)).toEqual([job.id]);
		expect((await call(`/api/c/${tenant.slug}/jobs/${job.id}`, { headers: { Cookie: one } })).status).toBe(
			200,
		);
	});
});
