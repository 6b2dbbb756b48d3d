import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { normalizeEmail } from "../../workers/domain/email";
import { loadDemoData } from "./helpers";

async function rowCounts(): Promise<Record<string, number>> {
	const { results } = await env.DB.prepare(
		"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name != 'd1_migrations' ORDER BY name",
	).all<{ name: string }>();
	const counts: Record<string, number> = {};
	for (const { name } of results) {
		const row = await env.DB.prepare(`SELECT count(*) AS n FROM "${name}"`).first<{ n: number }>();
		counts[name] = row?.n ?? 0;
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

	it("gives Acme three accounts with nine contacts, three technicians and three staff", async () => {
		await loadDemoData();
		const q = (sql: string) => env.DB.prepare(sql).bind("ten_acme").first<{ n: number }>();
		expect((await q("SELECT count(*) n FROM accounts WHERE tenant_id = ?"))?.n).toBe(3);
		expect((await q("SELECT count(*) n FROM contacts WHERE tenant_id = ?"))?.n).toBe(9);
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
		const { results } = await env.DB.prepare(
			"SELECT id, tenant_id, account_id FROM contacts WHERE email_normalized = 'dana.reyes@hartwellpine.example' ORDER BY tenant_id",
		).all<{ id: string; tenant_id: string; account_id: string }>();
		expect(results.map((r) => r.tenant_id)).toEqual(["ten_acme", "ten_bayside"]);
		expect(results[0]?.id).not.toBe(results[1]?.id);
		expect(results[0]?.account_id).not.toBe(results[1]?.account_id);
	});
});
