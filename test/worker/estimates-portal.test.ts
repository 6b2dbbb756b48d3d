import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as schema from "../../schema";
import { versionContentSha256 } from "../../workers/domain/estimates/content";
import { versionsOf } from "../../workers/domain/estimates/estimate-view";
import {
	approve,
	createEstimate,
	type EstimateFixture,
	estimateSetup,
	expire,
	sharedEstimate,
} from "./estimate-helpers";
import { db } from "./fixtures";
import type { Envelope } from "./helpers";
import { auditEntries, send } from "./staff-helpers";

type Page = { items: Array<{ id: string; status: string }>; nextCursor: string | null };
type Detail = {
	id: string;
	status: string;
	version: number;
	totalMinor: number;
	canDecide: boolean;
	lastSeenVersion: number | null;
	changesSinceLastSeen: {
		fromVersion: number;
		toVersion: number;
		repriced: Array<{ lineId: string }>;
	} | null;
	lines: Array<{ id: string; optional: boolean }>;
	approval: {
		signedName: string;
		contentSha256: string;
		optionalItemIds: string[];
		ip: string | null;
		totals: { totalMinor: number };
	} | null;
	rejection: { reason: string; by: string } | null;
};

const list = async (s: EstimateFixture, cookie: string, query = "") =>
	(await send(`/api/c/${s.tenant.slug}/estimates${query}`, cookie)).json<Page>();
const detail = (s: EstimateFixture, cookie: string, id: string) =>
	send(`/api/c/${s.tenant.slug}/estimates/${id}`, cookie);

async function alertsOf(tenantId: string, kind: string) {
	const { results } = await env.DB.prepare(
		"SELECT title, body, estimate_id FROM inbox_alerts WHERE tenant_id = ? AND kind = ?",
	)
		.bind(tenantId, kind)
		.all<{ title: string; body: string | null; estimate_id: string | null }>();
	return results;
}

describe("who sees which estimate in the portal", { timeout: 20_000 }, () => {
	it("admins see the account's, bookers those addressed to them, of their location or of no one; drafts and other accounts are 404", async () => {
		const s = await estimateSetup();
		const forBooker = await sharedEstimate(s, { contactId: s.contacts.booker.id, title: "Addressed to Bo" });
		const forLocation = await sharedEstimate(s, { locationId: s.location.id, title: "Uptown" });
		const forAccount = await sharedEstimate(s, { title: "Whole account" });
		const forLoner = await sharedEstimate(s, { contactId: s.contacts.loner.id, title: "Addressed to Lu" });
		const draft = await createEstimate(s, { title: "Still a draft" });
		const ids = (p: Page) => p.items.map((i) => i.id).sort();

		expect(ids(await list(s, s.cookies.admin))).toEqual(
			[forBooker.id, forLocation.id, forAccount.id, forLoner.id].sort(),
		);
		expect(ids(await list(s, s.cookies.booker))).toEqual(
			[forBooker.id, forLocation.id, forAccount.id].sort(),
		);
		expect(ids(await list(s, s.cookies.loner))).toEqual([forAccount.id, forLoner.id].sort());
		// A viewer sees the whole account, as an admin does, and decides nothing.
		expect(ids(await list(s, s.cookies.viewer))).toEqual(
			[forBooker.id, forLocation.id, forAccount.id, forLoner.id].sort(),
		);
		expect(ids(await list(s, s.cookies.billing))).toEqual([forLocation.id, forAccount.id].sort());
		expect(ids(await list(s, s.cookies.outsider))).toEqual([]);

		for (const [who, cookie, id] of [
			["admin", s.cookies.admin, draft.id],
			["loner", s.cookies.loner, forBooker.id],
			["loner", s.cookies.loner, forLocation.id],
			["outsider", s.cookies.outsider, forAccount.id],
		] as const) {
			const res = await detail(s, cookie, id);
			expect(res.status, `${who} ${id}`).toBe(404);
			expect((await res.json<Envelope>()).error.code).toBe("not_found");
		}
		// The same refusal for every action on an estimate that is not theirs.
		const path = `/api/c/${s.tenant.slug}/estimates/${forBooker.id}`;
		expect((await approve(s, s.cookies.loner, forBooker.id, { version: 1, signedName: "Lu" })).status).toBe(
			404,
		);
		expect((await send(`${path}/reject`, s.cookies.loner, "POST", { reason: "no" })).status).toBe(404);
		expect((await send(`${path}/comments`, s.cookies.loner, "POST", { body: "hm" })).status).toBe(404);
		expect((await send(`${path}/pdf`, s.cookies.loner)).status).toBe(404);
		expect((await detail(s, s.cookies.admin, `${forBooker.id}`)).status).toBe(200);
	});

	it("is 404 for an estimate of another tenant, whoever asks", async () => {
		const s = await estimateSetup();
		const other = await estimateSetup();
		const theirs = await sharedEstimate(other);
		expect((await detail(s, s.cookies.admin, theirs.id)).status).toBe(404);
		expect((await approve(s, s.cookies.admin, theirs.id, { version: 1, signedName: "Ana" })).status).toBe(
			404,
		);
	});

	it("lets billing and viewer roles read but not approve, reject or comment (403)", async () => {
		const s = await estimateSetup();
		const e = await sharedEstimate(s, { locationId: s.location.id });
		for (const cookie of [s.cookies.billing, s.cookies.viewer]) {
			const read = await detail(s, cookie, e.id);
			expect(read.status).toBe(200);
			expect((await read.json<Detail>()).canDecide).toBe(false);
			const path = `/api/c/${s.tenant.slug}/estimates/${e.id}`;
			for (const res of [
				await approve(s, cookie, e.id, { version: 1, signedName: "X" }),
				await send(`${path}/reject`, cookie, "POST", { reason: "no" }),
				await send(`${path}/comments`, cookie, "POST", { body: "hm" }),
			]) {
				expect(res.status).toBe(403);
				expect((await res.json<Envelope>()).error.code).toBe("forbidden");
			}
		}
		expect((await (await detail(s, s.cookies.booker, e.id)).json<Detail>()).canDecide).toBe(true);
	});
});

describe("GET /api/c/:slug/estimates", { timeout: 20_000 }, () => {
	it("filters by status, awaiting and expired derived, and by day", async () => {
		const s = await estimateSetup();
		const awaiting = await sharedEstimate(s, { title: "Awaiting" });
		const stale = await sharedEstimate(s, { title: "Stale" });
		await expire(stale.id);
		const done = await sharedEstimate(s, { title: "Done" });
		await approve(s, s.cookies.admin, done.id, { version: 1, signedName: "Ana Admin" });
		const ids = async (q: string) => (await list(s, s.cookies.admin, q)).items.map((i) => i.id);
		expect(await ids("?status=awaiting")).toEqual([awaiting.id]);
		expect(await ids("?status=expired")).toEqual([stale.id]);
		expect(await ids("?status=approved")).toEqual([done.id]);
		const statuses = (await list(s, s.cookies.admin)).items.map((i) => i.status);
		expect(statuses).toEqual(["approved", "expired", "sent"]);
		expect(await ids("?to=2001-01-01")).toEqual([]);
		const page = await list(s, s.cookies.admin, "?limit=2");
		expect(page.items).toHaveLength(2);
		const rest = await list(s, s.cookies.admin, `?limit=2&cursor=${page.nextCursor}`);
		expect(rest.items.map((i) => i.id)).toEqual([awaiting.id]);
	});
});

describe("GET /api/c/:slug/estimates/:id", { timeout: 20_000 }, () => {
	it("says what changed since the version this contact last looked at", async () => {
		const s = await estimateSetup();
		const e = await sharedEstimate(s, { contactId: s.contacts.booker.id });
		const first = await (await detail(s, s.cookies.booker, e.id)).json<Detail>();
		expect(first.lastSeenVersion).toBeNull();
		// The view is recorded after the answer; wait for it as the next read would see it.
		await expect
			.poll(
				async () =>
					(
						await env.DB.prepare("SELECT version FROM estimate_views WHERE estimate_id = ?")
							.bind(e.id)
							.first<{ version: number }>()
					)?.version,
			)
			.toBe(1);
		const valve = e.lines[1];
		if (!valve) throw new Error("a valve line");
		await send(`/api/d/${s.tenant.slug}/estimates/${e.id}`, s.staff, "PUT", {
			title: "Boiler service",
			lines: e.lines.map((l) => ({ ...l, unitPriceMinor: l.id === valve.id ? 3_000 : l.unitPriceMinor })),
		});
		const second = await (await detail(s, s.cookies.booker, e.id)).json<Detail>();
		expect(second.version).toBe(2);
		expect(second.lastSeenVersion).toBe(1);
		expect(second.changesSinceLastSeen?.fromVersion).toBe(1);
		expect(second.changesSinceLastSeen?.repriced.map((r) => r.lineId)).toEqual([valve.id]);
		// Someone else's look is their own.
		expect((await (await detail(s, s.cookies.admin, e.id)).json<Detail>()).lastSeenVersion).toBeNull();
	});
});

describe("POST /api/c/:slug/estimates/:id/approve", { timeout: 20_000 }, () => {
	it("records name, contact, time, IP, the optional lines and the SHA-256 of the exact version, and alerts", async () => {
		const s = await estimateSetup();
		const e = await sharedEstimate(s, { contactId: s.contacts.booker.id });
		const optional = e.lines.find((l) => l.optional);
		if (!optional) throw new Error("an optional line");
		const res = await approve(s, s.cookies.booker, e.id, {
			version: 1,
			signedName: "Bo Booker",
			optionalItemIds: [optional.id],
		});
		expect(res.status).toBe(200);
		const approved = await res.json<Detail>();
		expect(approved.status).toBe("approved");
		expect(approved.approval?.signedName).toBe("Bo Booker");
		expect(approved.approval?.ip).toBe("203.0.113.9");
		expect(approved.approval?.optionalItemIds).toEqual([optional.id]);
		expect(approved.approval?.totals.totalMinor).toBe(e.totalMinor + Math.round(12_000 * 1.0825));
		expect(approved.totalMinor).toBe(approved.approval?.totals.totalMinor);
		// The hash is of the version as stored, recomputed here from the rows.
		const [row] = await db.select().from(schema.estimates).where(eq(schema.estimates.id, e.id));
		const versions = await db
			.select()
			.from(schema.estimateVersions)
			.where(eq(schema.estimateVersions.estimateId, e.id));
		const lines = await db.select().from(schema.lineItems).where(eq(schema.lineItems.estimateId, e.id));
		const [v1] = versionsOf(versions, lines);
		if (!row || !v1) throw new Error("rows");
		expect(approved.approval?.contentSha256).toBe(await versionContentSha256(row, v1));
		expect(approved.approval?.contentSha256).toMatch(/^[0-9a-f]{64}$/);
		const [alert] = await alertsOf(s.tenant.id, "estimate_approved");
		expect(alert?.estimate_id).toBe(e.id);
		expect(alert?.title).toContain("Bo Booker (Harbor Clinic) approved estimate #");
		expect((await auditEntries(s.tenant.id, "estimate.approved"))[0]?.actor_id).toBe(s.contacts.booker.id);
	});

	it("approves once when ten requests race with one key, and replays that approval after", async () => {
		const s = await estimateSetup();
		const e = await sharedEstimate(s);
		const key = crypto.randomUUID();
		const body = { version: 1, signedName: "Ana Admin" };
		const answers = await Promise.all(
			Array.from({ length: 10 }, () => approve(s, s.cookies.admin, e.id, body, key)),
		);
		const statuses = answers.map((r) => r.status);
		expect(statuses.filter((st) => st === 200).length).toBeGreaterThanOrEqual(1);
		expect(statuses.every((st) => st === 200 || st === 409)).toBe(true);
		for (const r of answers.filter((a) => a.status === 409)) {
			expect((await r.json<Envelope>()).error.code).toBe("idempotency_in_flight");
		}
		const count = await env.DB.prepare("SELECT count(*) n FROM estimate_approvals WHERE estimate_id = ?")
			.bind(e.id)
			.first<{ n: number }>();
		expect(count?.n).toBe(1);
		const alerts = await alertsOf(s.tenant.id, "estimate_approved");
		expect(alerts).toHaveLength(1);
		const replay = await approve(s, s.cookies.admin, e.id, body, key);
		expect(replay.status).toBe(200);
		expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
		expect((await replay.json<Detail>()).approval?.signedName).toBe("Ana Admin");
		const reused = await approve(s, s.cookies.admin, e.id, { ...body, signedName: "Someone else" }, key);
		expect(reused.status).toBe(422);
	});

	it("refuses a version that is no longer current with 409 version_changed, for every key", async () => {
		const s = await estimateSetup();
		const e = await sharedEstimate(s);
		await send(`/api/d/${s.tenant.slug}/estimates/${e.id}`, s.staff, "PUT", {
			title: "Boiler service",
			lines: [{ description: "Labour", quantity: 1, unitPriceMinor: 9_000 }],
		});
		const [a, b] = await Promise.all([
			approve(s, s.cookies.admin, e.id, { version: 1, signedName: "Ana" }),
			approve(s, s.cookies.booker, e.id, { version: 1, signedName: "Bo" }),
		]);
		for (const res of [a, b]) {
			expect(res?.status).toBe(409);
			expect((await res?.json<Envelope>())?.error.code).toBe("version_changed");
		}
		const none = await env.DB.prepare("SELECT count(*) n FROM estimate_approvals WHERE estimate_id = ?")
			.bind(e.id)
			.first<{ n: number }>();
		expect(none?.n).toBe(0);
		expect((await approve(s, s.cookies.admin, e.id, { version: 2, signedName: "Ana" })).status).toBe(200);
	});

	it("lets only one of two colleagues approve when both race with their own keys", async () => {
		const s = await estimateSetup();
		const e = await sharedEstimate(s);
		const answers = await Promise.all([
			approve(s, s.cookies.admin, e.id, { version: 1, signedName: "Ana" }),
			approve(s, s.cookies.loner, e.id, { version: 1, signedName: "Lu" }),
		]);
		expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
		const count = await env.DB.prepare("SELECT count(*) n FROM estimate_approvals WHERE estimate_id = ?")
			.bind(e.id)
			.first<{ n: number }>();
		expect(count?.n).toBe(1);
	});

	it("is 410 expired past the expiry, and the customer can ask for an updated estimate once", async () => {
		const s = await estimateSetup();
		const e = await sharedEstimate(s);
		const path = `/api/c/${s.tenant.slug}/estimates/${e.id}`;
		expect((await send(`${path}/request-update`, s.cookies.admin, "POST", {})).status).toBe(409);
		await expire(e.id);
		const res = await approve(s, s.cookies.admin, e.id, { version: 1, signedName: "Ana" });
		expect(res.status).toBe(410);
		expect((await res.json<Envelope>()).error.code).toBe("expired");
		expect((await send(`${path}/reject`, s.cookies.admin, "POST", { reason: "late" })).status).toBe(410);
		const read = await (await detail(s, s.cookies.admin, e.id)).json<Detail>();
		expect(read.status).toBe("expired");
		expect(read.canDecide).toBe(false);
		for (let i = 0; i < 2; i++) {
			const asked = await send(`${path}/request-update`, s.cookies.admin, "POST", { message: "Still keen" });
			expect(asked.status).toBe(200);
		}
		const alerts = await alertsOf(s.tenant.id, "estimate_update_requested");
		expect(alerts).toHaveLength(1);
		expect(alerts[0]?.body).toBe("Still keen");
		expect(await auditEntries(s.tenant.id, "estimate.update_requested")).toHaveLength(1);
	});

	it("refuses optional ids that are not optional lines of the version, naming the field", async () => {
		const s = await estimateSetup();
		const e = await sharedEstimate(s);
		const required = e.lines.find((l) => !l.optional)?.id;
		const res = await approve(s, s.cookies.admin, e.id, {
			version: 1,
			signedName: "Ana",
			optionalItemIds: [required],
		});
		expect(res.status).toBe(400);
		expect((await res.json<Envelope>()).error.issues?.[0]?.field).toBe("optionalItemIds.0");
	});
});

describe("POST /api/c/:slug/estimates/:id/reject and /comments", { timeout: 20_000 }, () => {
	it("rejects with a reason, alerting the dispatcher, and refuses a second decision", async () => {
		const s = await estimateSetup();
		const e = await sharedEstimate(s);
		const path = `/api/c/${s.tenant.slug}/estimates/${e.id}`;
		const res = await send(`${path}/reject`, s.cookies.loner, "POST", { reason: "Too expensive" });
		expect(res.status).toBe(200);
		const rejected = await res.json<Detail>();
		expect(rejected.status).toBe("rejected");
		expect(rejected.rejection).toEqual(expect.objectContaining({ reason: "Too expensive", by: "Lu Loner" }));
		expect((await alertsOf(s.tenant.id, "estimate_rejected"))[0]?.body).toBe("Too expensive");
		const again = await approve(s, s.cookies.admin, e.id, { version: 1, signedName: "Ana" });
		expect(again.status).toBe(409);
		expect((await again.json<Envelope>()).error.code).toBe("already_decided");
		expect((await send(`${path}/reject`, s.cookies.loner, "POST", { reason: "" })).status).toBe(400);
	});

	it("asks for changes with a comment pinned to a line, alerting the dispatcher", async () => {
		const s = await estimateSetup();
		const e = await sharedEstimate(s);
		const line = e.lines[0]?.id;
		const res = await send(`/api/c/${s.tenant.slug}/estimates/${e.id}/comments`, s.cookies.admin, "POST", {
			body: "Fewer hours?",
			lineItemId: line,
		});
		expect(res.status).toBe(201);
		expect(await res.json()).toEqual(
			expect.objectContaining({ body: "Fewer hours?", lineItemId: line, authorType: "contact" }),
		);
		const after = await (await detail(s, s.cookies.admin, e.id)).json<Detail>();
		expect(after.status).toBe("changes_requested");
		expect(after.canDecide).toBe(true);
		const [alert] = await alertsOf(s.tenant.id, "estimate_changes_requested");
		expect(alert).toEqual(expect.objectContaining({ estimate_id: e.id, body: "Fewer hours?" }));
		expect(await auditEntries(s.tenant.id, "estimate.changes_requested")).toHaveLength(1);
		// Still answerable: the customer may approve after asking.
		expect((await approve(s, s.cookies.admin, e.id, { version: 1, signedName: "Ana" })).status).toBe(200);
	});
});

describe("quote requests", { timeout: 20_000 }, () => {
	it("land in the inbox, and the estimate made from one links back", async () => {
		const s = await estimateSetup();
		const res = await send(`/api/c/${s.tenant.slug}/quote-requests`, s.cookies.booker, "POST", {
			address: { line1: "9 Żurawia", city: "Warszawa", country: "PL" },
			description: "Replace two radiators",
		});
		expect(res.status).toBe(201);
		const request = await res.json<{ id: string; status: string; estimateIds: string[] }>();
		expect(request.status).toBe("open");
		const [alert] = await env.DB.prepare(
			"SELECT title, quote_request_id FROM inbox_alerts WHERE tenant_id = ? AND kind = 'quote_request'",
		)
			.bind(s.tenant.id)
			.all<{ title: string; quote_request_id: string }>()
			.then((r) => r.results);
		expect(alert?.quote_request_id).toBe(request.id);
		expect(alert?.title).toContain("9 Żurawia");

		const e = await sharedEstimate(s, { quoteRequestId: request.id, contactId: s.contacts.booker.id });
		const seen = await (
			await send(`/api/c/${s.tenant.slug}/quote-requests/${request.id}`, s.cookies.booker)
		).json<{
			status: string;
			estimateIds: string[];
		}>();
		expect(seen).toEqual(expect.objectContaining({ status: "estimated", estimateIds: [e.id] }));
		const draft = await (
			await send(`/api/d/${s.tenant.slug}/estimates/${e.id}/booking-draft`, s.staff)
		).json<{
			address: { line1: string };
		}>();
		expect(draft.address.line1).toBe("9 Żurawia");
		// Someone else's request is not theirs to see; billing may not ask.
		expect((await send(`/api/c/${s.tenant.slug}/quote-requests/${request.id}`, s.cookies.loner)).status).toBe(
			404,
		);
		expect(
			(
				await send(`/api/c/${s.tenant.slug}/quote-requests`, s.cookies.billing, "POST", {
					address: { line1: "1 A St", city: "B" },
					description: "x",
				})
			).status,
		).toBe(403);
		expect(
			(
				await db
					.select()
					.from(schema.inboxAlerts)
					.where(
						and(eq(schema.inboxAlerts.tenantId, s.tenant.id), eq(schema.inboxAlerts.kind, "quote_request")),
					)
			).length,
		).toBe(1);
	});
});
