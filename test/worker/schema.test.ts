import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

/** Tables that belong to no tenant, or whose rows are reached only through a tenant-owned parent by primary key. */
const NOT_TENANT_SCOPED = new Set(["tenants", "d1_migrations"]);

async function tables(): Promise<string[]> {
	const { results } = await env.DB.prepare(
		"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
	).all<{ name: string }>();
	return results.map((r) => r.name).filter((n) => !NOT_TENANT_SCOPED.has(n));
}

describe("schema", () => {
	it("has a table for every area of the product", async () => {
		expect(await tables()).toEqual(
			expect.arrayContaining([
				"accounts",
				"locations",
				"contacts",
				"staff",
				"technicians",
				"saved_addresses",
				"jobs",
				"job_stops",
				"job_events",
				"sign_in_tokens",
				"sessions",
				"audit_log",
				"inbox_alerts",
				"estimates",
				"estimate_versions",
				"estimate_comments",
				"line_items",
				"invoices",
				"invoice_lines",
				"payments",
				"checkout_sessions",
				"payment_events",
				"job_notes",
				"job_photos",
				"surveys",
				"idempotency_records",
				"tracking_links",
			]),
		);
	});

	it("leads an index with tenant_id on every tenant-owned table", async () => {
		for (const table of await tables()) {
			if (table === "outbox_emails") continue; // development-only mail log, listed by time
			if (table === "dev_webhook_inbox") continue; // development-only webhook inbox, like the outbox
			const columns = await env.DB.prepare(`SELECT name FROM pragma_table_info(?)`)
				.bind(table)
				.all<{ name: string }>();
			expect(
				columns.results.map((c) => c.name),
				table,
			).toContain("tenant_id");
			const indexes = await env.DB.prepare(`SELECT name FROM pragma_index_list(?)`)
				.bind(table)
				.all<{ name: string }>();
			const leading = await Promise.all(
				indexes.results.map((i) =>
					env.DB.prepare("SELECT name FROM pragma_index_info(?) WHERE seqno = 0")
						.bind(i.name)
						.first<{ name: string }>(),
				),
			);
			expect(
				leading.map((c) => c?.name),
				`${table} has an index led by tenant_id`,
			).toContain("tenant_id");
		}
	});

	it("lists a tenant's jobs newest first with an index range scan, not a table scan", async () => {
		const { results } = await env.DB.prepare(
			"EXPLAIN QUERY PLAN SELECT * FROM jobs WHERE tenant_id = ? ORDER BY created_at DESC LIMIT 20",
		)
			.bind("t")
			.all<{ detail: string }>();
		const plan = results.map((r) => r.detail).join(" | ");
		expect(plan).toMatch(/USING INDEX jobs_tenant_created_idx/);
		expect(plan).not.toMatch(/USE TEMP B-TREE/);
	});
});
