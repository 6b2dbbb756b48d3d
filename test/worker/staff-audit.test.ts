import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "../../workers/domain/csv";
import { newId } from "../../workers/domain/ids";
import { book, pickupBody } from "./booking-helpers";
import type { Envelope } from "./helpers";
import { consoleSetup, send } from "./staff-helpers";

type Page = {
	items: Array<{ action: string; actorId: string | null; at: string }>;
	nextCursor: string | null;
};

async function entry(tenantId: string, at: number, action: string, actorId: string, label = "Someone") {
	await env.DB.prepare(
		"INSERT INTO audit_log (id, tenant_id, actor_type, actor_id, actor_label, action, created_at) VALUES (?, ?, 'staff', ?, ?, ?, ?)",
	)
		.bind(newId("aud"), tenantId, actorId, label, action, at)
		.run();
}

describe("csvCell", () => {
	it("quotes commas, quotes and line breaks, and defuses formulas", () => {
		expect(csvCell('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
		expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
		for (const start of ["+1", "-1", "@SUM(A1)", "\tx"])
			expect(csvCell(start).replace(/^"/, "")).toMatch(/^'/);
		expect(csvCell(null)).toBe("");
		expect(toCsv(["a", "b"], [[1, "x,y"]])).toBe('a,b\r\n1,"x,y"\r\n');
	});
});

describe("GET /api/d/:slug/audit", () => {
	it("filters by actor, action family and days in the tenant's zone, with a cursor", async () => {
		const s = await consoleSetup();
		// 2026-03-10 in New York (UTC-4 after the DST change of March 8): 04:00Z to 04:00Z next day.
		const day = Date.parse("2026-03-10T04:00:00Z");
		await entry(s.tenant.id, day - 60_000, "job.updated", "stf_x"); // 9 March, local
		await entry(s.tenant.id, day + 60_000, "job.updated", "stf_x");
		await entry(s.tenant.id, day + 120_000, "job.cancelled", "stf_x");
		await entry(s.tenant.id, day + 180_000, "contact.blocked", "stf_x");
		await entry(s.tenant.id, day + 240_000, "job.updated", "stf_y");
		const base = `/api/d/${s.tenant.slug}/audit?from=2026-03-10&to=2026-03-10`;
		const mine = await (await send(`${base}&actor=stf_x&action=job.*&limit=1`, s.staff)).json<Page>();
		expect(mine.items.map((i) => i.action)).toEqual(["job.cancelled"]);
		const next = await (
			await send(`${base}&actor=stf_x&action=job.*&limit=1&cursor=${mine.nextCursor}`, s.staff)
		).json<Page>();
		expect(next.items.map((i) => [i.action, i.at])).toEqual([
			["job.updated", new Date(day + 60_000).toISOString()],
		]);
		expect(next.nextCursor).toBeNull();
		const exact = await (await send(`${base}&action=job.updated`, s.staff)).json<Page>();
		expect(exact.items.map((i) => i.actorId)).toEqual(["stf_y", "stf_x"]);
		const bad = await send(`/api/d/${s.tenant.slug}/audit?from=March`, s.staff);
		expect((await bad.json<Envelope>()).error.issues?.[0]?.field).toBe("from");
	});

	it("exports CSV with the same filters, escaped and formula-safe", async () => {
		const s = await consoleSetup();
		await entry(s.tenant.id, Date.now(), "contact.blocked", "stf_x", '=cmd|"/c calc"!A1, evil');
		const res = await send(`/api/d/${s.tenant.slug}/audit.csv?action=contact.blocked`, s.staff);
		expect(res.status).toBe(200);
		expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
		expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="audit-/);
		const lines = (await res.text()).trimEnd().split("\r\n");
		expect(lines).toHaveLength(2);
		expect(lines[0]).toMatch(/^time \(UTC\),time \(local\),actor type,actor id,actor,action/);
		expect(lines[1]).toContain(`,"'=cmd|""/c calc""!A1, evil",contact.blocked,`);
	});
});

describe("GET /api/d/:slug/audit names what each entry is about", () => {
	it("answers the job's number and the contact's and technician's names, never only their ids", async () => {
		const s = await consoleSetup();
		const job = await (await book(s.tenant.slug, s.customer, pickupBody())).json<{
			id: string;
			number: number;
		}>();
		const assign = await send(`/api/d/${s.tenant.slug}/jobs/${job.id}/assign`, s.staff, "POST", {
			technicianId: s.tech.id,
		});
		expect(assign.status).toBe(200);
		await send(`/api/d/${s.tenant.slug}/customers/contacts/${s.contact.id}/block`, s.staff, "POST");
		const res = await send(`/api/d/${s.tenant.slug}/audit`, s.staff);
		const page = await res.json<{
			items: Array<{ action: string; actor: string | null; targetId: string | null; target: string | null }>;
		}>();
		const byAction = (action: string) => page.items.find((i) => i.action === action);
		expect(byAction("job.booked")).toMatchObject({
			actor: "Cal Client",
			targetId: job.id,
			target: `job #${job.number}`,
		});
		expect(byAction("job.assigned")).toMatchObject({ actor: "Dot Dispatcher", target: `job #${job.number}` });
		expect(byAction("contact.blocked")).toMatchObject({ targetId: s.contact.id, target: "Cal Client" });
		const csv = await (await send(`/api/d/${s.tenant.slug}/audit.csv?action=job.booked`, s.staff)).text();
		expect(csv).toContain(`,job #${job.number},`);
	});

	it("names nothing of another tenant's, even when an entry points at its id", async () => {
		const mine = await consoleSetup();
		const theirs = await consoleSetup();
		const job = await (await book(theirs.tenant.slug, theirs.customer, pickupBody())).json<{ id: string }>();
		await env.DB.prepare(
			"INSERT INTO audit_log (id, tenant_id, actor_type, actor_id, actor_label, action, target_type, target_id, created_at) VALUES (?, ?, 'staff', 'stf_x', 'Someone', 'job.updated', 'job', ?, ?)",
		)
			.bind(newId("aud"), mine.tenant.id, job.id, Date.now())
			.run();
		const page = await (await send(`/api/d/${mine.tenant.slug}/audit?action=job.updated`, mine.staff)).json<{
			items: Array<{ target: string | null }>;
		}>();
		expect(page.items).toEqual([expect.objectContaining({ target: null })]);
	});
});

describe("GET /api/d/:slug/audit shows names as they were when each entry was written", () => {
	type Named = { action: string; targetId: string | null; target: string | null };
	const entries = async (s: Awaited<ReturnType<typeof consoleSetup>>) =>
		(await (await send(`/api/d/${s.tenant.slug}/audit`, s.staff)).json<{ items: Named[] }>()).items;

	it("keeps a renamed contact's and technician's old names on older entries, the new ones after", async () => {
		const s = await consoleSetup();
		await send(`/api/d/${s.tenant.slug}/customers/contacts/${s.contact.id}/block`, s.staff, "POST");
		const renamed = await send(
			`/api/d/${s.tenant.slug}/customers/contacts/${s.contact.id}`,
			s.staff,
			"PATCH",
			{
				name: "Calla Client",
			},
		);
		expect(renamed.status).toBe(200);
		const tech = await send(`/api/d/${s.tenant.slug}/technicians/${s.tech.id}`, s.staff, "PATCH", {
			name: "Vicky Van",
		});
		expect(tech.status).toBe(200);
		const again = await send(`/api/d/${s.tenant.slug}/technicians/${s.tech.id}`, s.staff, "PATCH", {
			name: "Victoria Van",
		});
		expect(again.status).toBe(200);
		const items = await entries(s);
		expect(items.find((i) => i.action === "contact.blocked")).toMatchObject({ target: "Cal Client" });
		expect(items.find((i) => i.action === "contact.updated")).toMatchObject({ target: "Calla Client" });
		expect(items.filter((i) => i.action === "technician.updated").map((i) => i.target)).toEqual([
			"Victoria Van",
			"Vicky Van",
		]);
	});

	it("names the entries written before names were kept, by the migration's backfill", async () => {
		const s = await consoleSetup();
		await env.DB.prepare(
			"INSERT INTO audit_log (id, tenant_id, actor_type, actor_id, action, target_type, target_id, created_at) VALUES (?, ?, 'staff', 'stf_x', 'contact.updated', 'contact', ?, ?)",
		)
			.bind(newId("aud"), s.tenant.id, s.contact.id, Date.now())
			.run();
		expect((await entries(s)).find((i) => i.action === "contact.updated")?.target).toBeNull();
		const migration = env.TEST_MIGRATIONS.find((m) => m.name.startsWith("0021_"));
		const backfill = migration?.queries.find((q) => q.includes("UPDATE `audit_log` SET `target_name`"));
		expect(backfill).toBeTruthy();
		await env.DB.prepare(backfill as string).run();
		expect((await entries(s)).find((i) => i.action === "contact.updated")?.target).toBe("Cal Client");
	});

	it("reads one row per entry: the page is one index range, with no lookup per entry", async () => {
		const s = await consoleSetup();
		const now = Date.now();
		for (let i = 0; i < 30; i++) await entry(s.tenant.id, now - i, "job.updated", "stf_x");
		const res = await send(`/api/d/${s.tenant.slug}/audit?limit=20`, s.staff, "GET", undefined, {
			"X-Bench-D1": "1",
		});
		expect(res.status).toBe(200);
		const listed = /select:audit_log=(\d+)/.exec(res.headers.get("X-D1-Trace") ?? "");
		expect(Number(listed?.[1])).toBeLessThanOrEqual(21);
	});
});
