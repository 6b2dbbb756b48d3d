import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { normalizeEmail } from "../../workers/domain/email";
import { signIn } from "./auth-helpers";
import { call, loadDemoData, SHARDS, shardOf } from "./helpers";

/** Every table's rows, summed over the shards. */
async function rowCounts(): Promise<Record<string, number>> {
	const counts: Record<string, number> = {};
	for (const shard of SHARDS) {
		const { results } = await shard
			.prepare(
				"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name != 'd1_migrations' ORDER BY name",
			)
			.all<{ name: string }>();
		for (const { name } of results) {
			const row = await shard.prepare(`SELECT count(*) AS n FROM "${name}"`).first<{ n: number }>();
			counts[name] = (counts[name] ?? 0) + (row?.n ?? 0);
		}
	}
	return counts;
}

describe("demo data", () => {
	it("loads twice with identical row counts", async () => {
		await loadDemoData(Date.now());
		const first = await rowCounts();
		await loadDemoData(Date.now() + 60_000);
		expect(await rowCounts()).toEqual(first);
		expect(first.tenants).toBe(2);
		expect(first.jobs).toBeGreaterThanOrEqual(30);
	});

	it("gives each tenant an account with three locations and a contact of each role", async () => {
		await loadDemoData();
		for (const [tenant, account] of [
			["ten_acme", "acc_acme_hartwell"],
			["ten_bayside", "acc_bay_harbor"],
		] as const) {
			const db = await shardOf(tenant);
			const locations = await db
				.prepare("SELECT count(*) n FROM locations WHERE tenant_id = ? AND account_id = ?")
				.bind(tenant, account)
				.first<{ n: number }>();
			expect(locations?.n).toBe(3);
			const { results } = await db
				.prepare("SELECT DISTINCT role FROM contacts WHERE tenant_id = ? AND account_id = ? ORDER BY role")
				.bind(tenant, account)
				.all<{ role: string }>();
			expect(results.map((r) => r.role)).toEqual(["admin", "billing", "booker", "viewer"]);
			const scoped = await db
				.prepare(
					"SELECT count(*) n FROM contact_locations WHERE tenant_id = ? AND location_id IN (SELECT id FROM locations WHERE account_id = ?)",
				)
				.bind(tenant, account)
				.first<{ n: number }>();
			expect(scoped?.n).toBeGreaterThanOrEqual(3);
		}
	});

	it("gives Acme three accounts with twelve contacts, three technicians and three staff", async () => {
		await loadDemoData();
		const q = (sql: string) => env.DB.prepare(sql).bind("ten_acme").first<{ n: number }>();
		expect((await q("SELECT count(*) n FROM accounts WHERE tenant_id = ?"))?.n).toBe(3);
		expect((await q("SELECT count(*) n FROM contacts WHERE tenant_id = ?"))?.n).toBe(12);
		expect((await q("SELECT count(*) n FROM technicians WHERE tenant_id = ?"))?.n).toBe(3);
		expect((await q("SELECT count(*) n FROM staff WHERE tenant_id = ?"))?.n).toBe(3);
		expect((await q("SELECT count(*) n FROM saved_addresses WHERE tenant_id = ?"))?.n).toBeGreaterThanOrEqual(
			3,
		);
		expect(
			(await q("SELECT count(DISTINCT status) n FROM jobs WHERE tenant_id = ?"))?.n,
		).toBeGreaterThanOrEqual(4);
	});

	it("types customer emails the way dispatchers do, with the normalized form alongside", async () => {
		await loadDemoData();
		const { results } = await env.DB.prepare(
			"SELECT customer_email, customer_email_normalized FROM jobs WHERE tenant_id = 'ten_acme'",
		).all<{ customer_email: string; customer_email_normalized: string }>();
		expect(results.some((r) => r.customer_email !== r.customer_email.trim())).toBe(true);
		expect(results.some((r) => /[A-Z]/.test(r.customer_email))).toBe(true);
		for (const r of results) expect(r.customer_email_normalized).toBe(normalizeEmail(r.customer_email));
	});

	it("has one email that is a contact at both tenants, as two unrelated rows", async () => {
		await loadDemoData();
		const results: Array<{ id: string; tenant_id: string; account_id: string }> = [];
		// Two tenants on two shards: each shard has its own Dana.
		for (const shard of SHARDS) {
			const found = await shard
				.prepare(
					"SELECT id, tenant_id, account_id FROM contacts WHERE email_normalized = 'dana.reyes@hartwellpine.example' ORDER BY tenant_id",
				)
				.all<{ id: string; tenant_id: string; account_id: string }>();
			results.push(...found.results);
		}
		expect(results.map((r) => r.tenant_id)).toEqual(["ten_acme", "ten_bayside"]);
		expect(results[0]?.id).not.toBe(results[1]?.id);
		expect(results[0]?.account_id).not.toBe(results[1]?.account_id);
	});

	it.each([
		["acme-courier", "morgan@acme-courier.example"],
		["bayside-plumbing", "lee@bayside-plumbing.example"],
	])("gives %s estimates in every status, one asking for changes with a comment", async (slug, email) => {
		await loadDemoData();
		const cookie = await signIn(slug, email, "d");
		const page = await (
			await call(`/api/d/${slug}/estimates?limit=50`, { headers: { Cookie: cookie } })
		).json<{
			items: Array<{ id: string; status: string }>;
		}>();
		expect(new Set(page.items.map((i) => i.status))).toEqual(
			new Set(["draft", "sent", "changes_requested", "approved", "rejected", "expired", "booked"]),
		);
		const asking = page.items.find((i) => i.status === "changes_requested");
		const detail = await (
			await call(`/api/d/${slug}/estimates/${asking?.id}`, { headers: { Cookie: cookie } })
		).json<{
			comments: Array<{ authorType: string; lineItemId: string | null }>;
		}>();
		expect(detail.comments[0]).toEqual(expect.objectContaining({ authorType: "contact" }));
		expect(detail.comments[0]?.lineItemId).toBeTruthy();
		const booked = page.items.find((i) => i.status === "booked");
		const job = await (
			await call(`/api/d/${slug}/estimates/${booked?.id}`, { headers: { Cookie: cookie } })
		).json<{
			jobId: string;
			approval: { contentSha256: string } | null;
		}>();
		expect(job.jobId).toBeTruthy();
		expect(job.approval?.contentSha256).toMatch(/^[0-9a-f]{64}$/);
	});

	it.each([
		["acme-courier", "morgan@acme-courier.example"],
		["bayside-plumbing", "lee@bayside-plumbing.example"],
	])(
		"gives %s invoices open, partly paid, paid and overdue, and partial payments allowed",
		async (slug, email) => {
			await loadDemoData();
			const cookie = await signIn(slug, email, "d");
			const page = await (
				await call(`/api/d/${slug}/invoices?limit=50`, { headers: { Cookie: cookie } })
			).json<{ items: Array<{ id: string; status: string; paidMinor: number; balanceMinor: number }> }>();
			const statuses = new Set(page.items.map((i) => i.status));
			for (const status of ["open", "partially_paid", "paid", "overdue"]) expect(statuses).toContain(status);
			const partly = page.items.find((i) => i.status === "partially_paid");
			expect(partly?.paidMinor).toBeGreaterThan(0);
			expect(partly?.balanceMinor).toBeGreaterThan(0);
			const tenant = await (await shardOf(slug))
				.prepare("SELECT settings FROM tenants WHERE slug = ?")
				.bind(slug)
				.first<{ settings: string }>();
			expect(JSON.parse(tenant?.settings ?? "{}").payments.allowPartial).toBe(true);
		},
	);
});
