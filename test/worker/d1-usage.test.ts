import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../schema";
import { newId } from "../../workers/domain/ids";
import { meteredD1 } from "../../workers/middleware/d1-metrics";
import { type Area, signIn } from "./auth-helpers";
import { makeTenant } from "./fixtures";
import { call, loadDemoData } from "./helpers";

// What a signed-in read costs in D1, as the Worker counts it when asked (`X-Bench-D1: 1`, development).
const SLUG = "acme-courier";
const PEOPLE: Record<Area, string> = {
	c: "dana.reyes@hartwellpine.example",
	t: "jordan@acme-courier.example",
	d: "morgan@acme-courier.example",
};
const cookies = {} as Record<Area, string>;

beforeAll(async () => {
	await loadDemoData();
	for (const area of ["c", "t", "d"] as const) cookies[area] = await signIn(SLUG, PEOPLE[area], area);
});

/** Rows an answer returns: the lengths of its top-level arrays. */
function rowsReturned(body: unknown): number {
	if (Array.isArray(body)) return body.length;
	if (typeof body !== "object" || body === null) return 0;
	return Object.values(body).reduce((n: number, v) => n + (Array.isArray(v) ? v.length : 0), 0);
}

async function usageOf(area: Area, path: string) {
	const res = await call(`/api/${area}/${SLUG}${path}`, {
		headers: { Cookie: cookies[area], "X-Bench-D1": "1" },
	});
	expect(res.status).toBe(200);
	return {
		roundTrips: Number(res.headers.get("X-D1-Round-Trips")),
		rowsRead: Number(res.headers.get("X-D1-Rows-Read")),
		returned: rowsReturned(await res.json()),
		trace: res.headers.get("X-D1-Trace"),
	};
}

describe("a signed-in read", () => {
	it("authenticates in one D1 round trip: tenant, session and person in one statement", async () => {
		const usage = await usageOf("c", "/me");
		// The portal's check reads customers only: no staff or technician join.
		expect(usage.trace).toMatch(/^select:contact_locations\+tenants\+sessions\+contacts\+accounts=\d+$/);
		expect(usage.roundTrips).toBe(1);
	});

	// Bounds measured on the demo data; before list queries were shaped for their indexes these
	// read 56, 149, 136 and 49 rows. The technician's jobs and the board take the account's name
	// from the job row and the board's technicians from their own read (22 and 41 with a lookup per row).
	// A customer's session check reads their locations too (two rows of one primary-key range).
	it("checks a session asked for up front (not deferred) for the route's audience only too", async () => {
		// A POST is never deferred: resolveTenantFor(audience) checks it before the handler.
		const res = await call(`/api/d/${SLUG}/inbox/read-all`, {
			method: "POST",
			headers: { Cookie: cookies.d, "X-Bench-D1": "1" },
		});
		expect(res.status).toBe(200);
		expect(res.headers.get("X-D1-Trace")).toMatch(/^select:tenants\+sessions\+staff=\d+ /);
	});

	it.each([
		["c", "/jobs", 24],
		["c", "/addresses", 43],
		["t", "/jobs", 19],
		["d", "/board", 30],
		["c", "/estimates", 12],
		["d", "/estimates", 25],
		["c", "/invoices", 40],
		["d", "/invoices", 25],
	] as const)(
		"GET /api/%s/:slug%s checks the session in the same round trip as its reads and reads few rows",
		async (area, path, maxRead) => {
			// The session's earlier request in this isolate is what the list is first built for.
			await usageOf(area, "/me");
			const usage = await usageOf(area, path);
			expect(usage.returned).toBeGreaterThan(0);
			// The check reads the route's audience only: customers with their locations, or one staff
			// member or technician.
			expect(usage.trace).toMatch(
				area === "c"
					? /^batch\[select:contact_locations\+tenants\+sessions\+contacts\+accounts=\d+,/
					: new RegExp(
							`^batch\\[select:tenants\\+sessions\\+${area === "d" ? "staff" : "technicians"}=\\d+,`,
						),
			);
			expect(usage.roundTrips).toBe(1);
			expect(usage.rowsRead).toBeLessThanOrEqual(maxRead);
		},
	);

	// The unread count is one row kept by triggers, not a count of the unread alerts.
	it("GET /api/d/:slug/inbox reads its page and unread count with the session check", async () => {
		await usageOf("d", "/me");
		const usage = await usageOf("d", "/inbox");
		expect(usage.trace).toMatch(
			/^batch\[select:(?:contact_locations\+)?tenants\+\S+=\d+,select:inbox_alerts=\d+,select:inbox_unread_counts=[01]\]$/,
		);
		expect(usage.roundTrips).toBe(1);
	});

	// Bounds measured on the demo data (three technicians, twelve contacts and six locations at Acme). The audit
	// page reads the names its entries recorded, no lookup per entry (16 rows when it joined them). The
	// technicians and the directory read in the order of an index (they read 10 and 45 rows while
	// a sort followed the read; 55 for the directory on this demo data).
	it.each([
		["d", "/audit", 10, "audit_log"],
		["d", "/technicians", 8, "technicians"],
		["d", "/customers", 28, "accounts"],
	] as const)(
		"GET /api/%s/:slug%s checks the session in the same round trip as its reads and reads few rows",
		async (area, path, maxRead, table) => {
			await usageOf(area, "/me");
			const usage = await usageOf(area, path);
			expect(usage.returned).toBeGreaterThan(0);
			expect(usage.trace).toMatch(
				new RegExp(`^batch\\[select:(?:contact_locations\\+)?tenants\\+\\S+=\\d+,select:${table}=\\d+`),
			);
			expect(usage.roundTrips).toBe(1);
			expect(usage.rowsRead).toBeLessThanOrEqual(maxRead);
		},
	);

	it.each([
		// The customer's session check also reads their locations.
		["c", 15],
		["d", 14],
	] as const)(
		"GET /api/%s/:slug/jobs/:id checks the session in the same round trip as the job's reads",
		async (area, maxRead) => {
			// The session's earlier request (its list) is what the job is first read for.
			const list = await call(`/api/${area}/${SLUG}/${area === "c" ? "jobs" : "board"}`, {
				headers: { Cookie: cookies[area] },
			});
			const body = await list.json<{ items?: Array<{ id: string }>; jobs?: Array<{ id: string }> }>();
			const id = (body.items ?? body.jobs)?.[0]?.id;
			expect(id).toBeTruthy();
			const usage = await usageOf(area, `/jobs/${id}`);
			expect(usage.trace).toMatch(
				/^batch\[select:(?:contact_locations\+)?tenants\+\S+=\d+,select:jobs\+technicians=\d+,select:job_stops=\d+,/,
			);
			expect(usage.returned).toBeGreaterThan(0);
			expect(usage.roundTrips).toBe(1);
			expect(usage.rowsRead).toBeLessThanOrEqual(maxRead);
		},
	);

	it("reads a customer's jobs once each, even when they are theirs both by account and by email", async () => {
		const usage = await usageOf("c", "/jobs");
		// Two rows of the session check are the contact's locations.
		expect(usage.rowsRead).toBeLessThanOrEqual(2 * usage.returned + 2);
	});

	it("reads the board's open and finished-today jobs, not every job the tenant ever finished", async () => {
		const boardRead = async () =>
			Number(
				/select:jobs\+accounts\+technicians=(\d+)/.exec((await usageOf("d", "/board")).trace ?? "")?.[1],
			);
		const before = await boardRead();
		const lastWeek = Date.now() - 7 * 86_400_000;
		await env.DB.batch(
			Array.from({ length: 40 }, (_, i) =>
				env.DB.prepare(
					"INSERT INTO jobs (id, tenant_id, number, kind, status, source, created_by_type, created_at, updated_at) VALUES (?, 'ten_acme', ?, 'pickup_delivery', 'completed', 'dispatcher', 'staff', ?, ?)",
				).bind(`job_old_${i}`, 9000 + i, lastWeek, lastWeek),
			),
		);
		expect(await boardRead()).toBe(before);
	});
});

describe("the meter's count of rows written", () => {
	// The bill counts what D1 reports: a write drizzle runs through raw() (an UPDATE … RETURNING
	// claim, a `.get()`), which answers no meta, must not leave its rows off.
	it("counts a write that returns rows, and hands back what D1 returned", async () => {
		const { binding, usage } = meteredD1(env.DB);
		usage.writtenBy = {};
		const metered = drizzle(binding, { schema });
		const tenant = await makeTenant();
		const [made] = await metered
			.insert(schema.accounts)
			.values({ id: newId("acc"), tenantId: tenant.id, name: "Metered", createdAt: 1 })
			.returning({ id: schema.accounts.id, name: schema.accounts.name });
		expect(made?.name).toBe("Metered");
		const renamed = await metered
			.update(schema.accounts)
			.set({ name: "Metered again" })
			.where(eq(schema.accounts.id, made?.id ?? ""))
			.returning()
			.get();
		expect(renamed?.name).toBe("Metered again");
		expect(renamed?.tenantId).toBe(tenant.id);
		expect(usage.unmeasured).toBe(0);
		// Each write's row and its index entries, as D1 reports them for the same statements unmetered.
		const plain = drizzle(env.DB, { schema });
		const id = newId("acc");
		const insertMeta = await plain
			.insert(schema.accounts)
			.values({ id, tenantId: tenant.id, name: "Plain", createdAt: 1 })
			.run();
		const updateMeta = await plain
			.update(schema.accounts)
			.set({ name: "Plain again" })
			.where(eq(schema.accounts.id, id))
			.run();
		const expected = insertMeta.meta.rows_written + updateMeta.meta.rows_written;
		expect(expected).toBeGreaterThan(1);
		expect(usage.rowsWritten).toBe(expected);
		expect(usage.writtenBy).toEqual({
			"insert:accounts": insertMeta.meta.rows_written,
			"update:accounts": updateMeta.meta.rows_written,
		});
	});
});
