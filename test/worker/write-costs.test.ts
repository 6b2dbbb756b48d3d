import { env } from "cloudflare:workers";
import { and, asc, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog } from "../../schema/tables/activity";
import { webhookDeliveries, webhookEvents } from "../../schema/tables/integrations";
import { jobEvents, jobs } from "../../schema/tables/jobs";
import { notificationDeliveries, notifications } from "../../schema/tables/notifications";
import type { Db } from "../../workers/db";
import { auditEntriesRead } from "../../workers/domain/activity/audit-log";
import { newId } from "../../workers/domain/ids";
import { boardJobsRead } from "../../workers/domain/jobs/board";
import { technicianJobReads } from "../../workers/domain/jobs/technician-jobs";
import {
	jobDeliveries,
	markNotificationDead,
	unsentDeliveries,
} from "../../workers/domain/notifications/deliver";
import { notificationInsert } from "../../workers/domain/notifications/record";
import { recordedDue, sweepDue } from "../../workers/domain/webhooks/deliver";
import { webhookEventStatements } from "../../workers/domain/webhooks/events";
import { unenqueuedBefore } from "../../workers/queues/notification-queue";
import { db, makeWebhookEndpoint } from "./fixtures";

// D1 bills rows written, and an index entry is a row written: what the statements of every
// booking, status change, notification and webhook cost, counted by D1 itself (`meta.rows_written`).
// Each figure here is the table's row plus the index entries the design means it to write.

/** Tables written on every change, stored WITHOUT ROWID (migration 0023_key_ordered_tables). */
const KEY_ORDERED = [
	"notifications",
	"notification_deliveries",
	"webhook_events",
	"webhook_deliveries",
	"audit_log",
	"job_events",
	"job_stops",
	"job_contacts",
	"job_completions",
	"idempotency_records",
	"tenant_usage_days",
	"recent_places",
	"inbox_alerts",
];

type Statement = { toSQL(): { sql: string; params: unknown[] } };

/** Runs one statement as the app builds it and answers the rows D1 says it wrote. */
async function rowsWritten(statement: Statement): Promise<number> {
	const { sql, params } = statement.toSQL();
	const result = await env.DB.prepare(sql)
		.bind(...params)
		.run();
	return result.meta.rows_written;
}

async function queryPlan(statement: Statement): Promise<string> {
	const { sql, params } = statement.toSQL();
	const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
		.bind(...params)
		.all<{ detail: string }>();
	return results.map((r) => r.detail).join("\n");
}

const app = db as unknown as Db;

describe("what a write costs in rows", () => {
	it("stores the tables written on every change in key order, so a key is not a second row", async () => {
		for (const table of KEY_ORDERED) {
			const row = await env.DB.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?")
				.bind(table)
				.first<{ sql: string }>();
			expect(row?.sql, table).toMatch(/WITHOUT ROWID$/);
		}
	});

	it("writes a notification with its job index and the sweep's; enqueuing it writes only its row", async () => {
		const tenantId = newId("ten");
		const log = { origin: null, ids: [] as string[] };
		const now = Date.now();
		expect(
			await rowsWritten(notificationInsert(app, log, { tenantId, kind: "booked", jobId: "job_1" }, now)),
		).toBe(3);
		// A once-only notification adds its dedupe key's entry; its second insert writes nothing.
		const once = { tenantId, kind: "arriving" as const, jobId: "job_1", dedupeKey: "arriving:job_1" };
		expect(await rowsWritten(notificationInsert(app, log, once, now))).toBe(4);
		expect(await rowsWritten(notificationInsert(app, log, once, now))).toBe(0);
		// Leaving the sweep's partial index (enqueued) is free: the row is the only write.
		const enqueue = db
			.update(notifications)
			.set({ enqueuedAt: now })
			.where(inArray(notifications.id, log.ids.slice(0, 1)));
		expect(await rowsWritten(enqueue)).toBe(1);
	});

	it("writes a notification's delivery as one row, keyed by notification and recipient", async () => {
		const tenantId = newId("ten");
		const now = Date.now();
		const log = { origin: null, ids: [] as string[] };
		await notificationInsert(app, log, { tenantId, kind: "booked", jobId: "job_1" }, now);
		const [notificationId] = log.ids;
		if (!notificationId) throw new Error("no notification");
		const delivery = () =>
			db
				.insert(notificationDeliveries)
				.values({
					id: newId("ndl"),
					tenantId,
					notificationId,
					jobId: "job_1",
					email: "Dana@Example.com",
					emailNormalized: "dana@example.com",
					updatedAt: now,
					createdAt: now,
				})
				.onConflictDoNothing();
		expect(await rowsWritten(delivery())).toBe(1);
		// The same recipient again (a second run of the queue message) writes nothing.
		expect(await rowsWritten(delivery())).toBe(0);
		const sent = db
			.update(notificationDeliveries)
			.set({ state: "sent", sentAt: now, updatedAt: now })
			.where(
				and(
					eq(notificationDeliveries.tenantId, tenantId),
					eq(notificationDeliveries.notificationId, notificationId),
					eq(notificationDeliveries.emailNormalized, "dana@example.com"),
				),
			);
		expect(await rowsWritten(sent)).toBe(1);
		// The queue's read of what is unsent, and the dead-letter queue's mark, are one key range of
		// the notification (no scan of every delivery the shard ever made), and mark only its own.
		const keyRange =
			/SEARCH notification_deliveries USING PRIMARY KEY \(tenant_id=\? AND notification_id=\?\)/;
		expect(await queryPlan(unsentDeliveries(app, tenantId, notificationId))).toMatch(keyRange);
		const dead = await queryPlan(markNotificationDead(app, notificationId, now));
		expect(dead).toMatch(keyRange);
		expect(dead).not.toMatch(/SCAN notification_deliveries/);
		await rowsWritten(
			db
				.update(notificationDeliveries)
				.set({ state: "failed" })
				.where(eq(notificationDeliveries.tenantId, tenantId)),
		);
		const other = newId("ntf");
		await env.DB.prepare(
			"INSERT INTO notification_deliveries (id, tenant_id, notification_id, email, email_normalized, state, attempts, updated_at, created_at) VALUES (?, ?, ?, 'x@example.com', 'x@example.com', 'failed', 0, ?, ?)",
		)
			.bind(newId("ndl"), tenantId, other, now, now)
			.run();
		expect(await rowsWritten(markNotificationDead(app, notificationId, now))).toBe(1);
		const marked = await db
			.select({ n: notificationDeliveries.notificationId, deadAt: notificationDeliveries.deadAt })
			.from(notificationDeliveries)
			.where(eq(notificationDeliveries.tenantId, tenantId))
			.all();
		expect(marked.sort((a, b) => (a.n < b.n ? -1 : 1))).toEqual(
			[
				{ n: notificationId, deadAt: now },
				{ n: other, deadAt: null },
			].sort((a, b) => (a.n < b.n ? -1 : 1)),
		);
		expect(await unsentDeliveries(app, tenantId, notificationId)).toHaveLength(1);
		expect(await unsentDeliveries(app, newId("ten"), notificationId)).toEqual([]);
		await rowsWritten(sent);
		// A job's deliveries: its notifications by their job index, then each one's by its key.
		const plan = await queryPlan(jobDeliveries(app, tenantId, "job_1"));
		expect(plan).toContain("notifications_tenant_job_idx");
		expect(plan).toMatch(
			/SEARCH notification_deliveries USING PRIMARY KEY \(tenant_id=\? AND notification_id=\?\)/,
		);
		const rows = await jobDeliveries(app, tenantId, "job_1");
		expect(rows.map((r) => [r.kind, r.email, r.state])).toEqual([["booked", "Dana@Example.com", "sent"]]);
		// Another tenant asking for the same job id reads nothing of this one's.
		expect(await jobDeliveries(app, newId("ten"), "job_1")).toEqual([]);
	});

	it("writes a webhook event as its deliveries, one with two entries per subscribed endpoint (none when none subscribes), handed over with no claim; delivering it writes only its row", async () => {
		const tenantId = newId("ten");
		const now = Date.now();
		// With no endpoint subscribed to it, an event writes nothing.
		const unheard = () => webhookEventStatements(app, tenantId, "job.created", { id: "job_0" }, now);
		const nobody = unheard();
		expect(nobody).toHaveLength(1);
		expect(await rowsWritten(nobody[0] as unknown as Statement)).toBe(0);
		await makeWebhookEndpoint(tenantId, ["job.assigned"]);
		expect(await rowsWritten(unheard()[0] as unknown as Statement)).toBe(0);
		await makeWebhookEndpoint(tenantId, ["job.created"]);
		const [delivery] = webhookEventStatements(app, tenantId, "job.created", { id: "job_1" }, now);
		// The delivery's row, carrying the event, and its endpoint-log and sweep entries.
		expect(await rowsWritten(delivery as unknown as Statement)).toBe(3);
		const sent = await db
			.select()
			.from(webhookDeliveries)
			.where(eq(webhookDeliveries.tenantId, tenantId))
			.get();
		expect(sent?.state).toBe("pending");
		expect(sent?.type).toBe("job.created");
		expect(JSON.parse(sent?.payload ?? "{}")).toEqual({
			type: "job.created",
			timestamp: new Date(now).toISOString(),
			data: { id: "job_1" },
		});
		// Stamped handed over as written: the request that recorded it reads it by its event's key
		// range and sends it, writing nothing to claim it.
		expect(sent?.enqueuedAt).toBe(now);
		const fresh = await queryPlan(
			db
				.select({ id: webhookDeliveries.id })
				.from(webhookDeliveries)
				.where(recordedDue([sent?.eventId ?? "", newId("msg")])),
		);
		expect(fresh).toMatch(/SEARCH webhook_deliveries USING PRIMARY KEY \(id>\? AND id<\?\)/);
		expect(fresh).not.toMatch(/SCAN/);
		expect(
			await db
				.select()
				.from(webhookDeliveries)
				.where(recordedDue([sent?.eventId ?? ""]))
				.all(),
		).toEqual([sent]);
		const delivered = db
			.update(webhookDeliveries)
			.set({ state: "delivered", lastStatusCode: 200, deliveredAt: now })
			.where(eq(webhookDeliveries.id, sent?.id ?? ""));
		expect(await rowsWritten(delivered)).toBe(1);
		const events = await db.select().from(webhookEvents).where(eq(webhookEvents.tenantId, tenantId)).all();
		expect(events).toEqual([]);
	});

	it("writes an audit entry and a job event as rows stored in the order they are read", async () => {
		const tenantId = newId("ten");
		const now = Date.now();
		const entry = (actorId: string | null, action = "job.status_changed") =>
			db.insert(auditLog).values({
				id: newId("aud"),
				tenantId,
				actorType: actorId ? "staff" : "system",
				actorId,
				action,
				createdAt: now,
			});
		// A job's entry is its row (keyed by tenant and time); a person's adds the actor's entry.
		expect(await rowsWritten(entry(null))).toBe(1);
		expect(await rowsWritten(entry("stf_1"))).toBe(2);
		// Any other action adds its action's entry.
		expect(await rowsWritten(entry(null, "contact.blocked"))).toBe(2);
		expect(await rowsWritten(entry("stf_1", "settings.updated"))).toBe(3);
		// Filtered by a job's action, the log is read in key order; by another, through that index.
		for (const action of ["job.status_changed", "job.*"]) {
			const plan = await queryPlan(auditEntriesRead(app, tenantId, { action }, 50));
			expect(plan, action).toMatch(/PRIMARY KEY/);
			expect(plan, action).not.toMatch(/TEMP B-TREE/);
		}
		for (const action of ["contact.blocked", "settings.*"]) {
			const plan = await queryPlan(auditEntriesRead(app, tenantId, { action }, 50));
			expect(plan, action).toContain("audit_log_tenant_action_created_id_idx");
		}
		const found = async (action: string) =>
			(await auditEntriesRead(app, tenantId, { action }, 50)).map((e) => e.action);
		expect(await found("job.*")).toEqual(["job.status_changed", "job.status_changed"]);
		expect(await found("contact.blocked")).toEqual(["contact.blocked"]);
		expect(await found("settings.*")).toEqual(["settings.updated"]);
		const event = db.insert(jobEvents).values({
			id: newId("evt"),
			tenantId,
			jobId: "job_1",
			type: "status_changed",
			actorType: "system",
			createdAt: now,
		});
		expect(await rowsWritten(event)).toBe(1);
		// A page of the log, and a job's timeline, are read in key order: no sort, no other index.
		const page = await queryPlan(auditEntriesRead(app, tenantId, {}, 50));
		expect(page).toMatch(/PRIMARY KEY/);
		expect(page).not.toMatch(/TEMP B-TREE/);
		const timeline = await queryPlan(
			db
				.select()
				.from(jobEvents)
				.where(and(eq(jobEvents.tenantId, tenantId), eq(jobEvents.jobId, "job_1")))
				.orderBy(asc(jobEvents.createdAt), asc(jobEvents.id)),
		);
		expect(timeline).toMatch(/PRIMARY KEY/);
		expect(timeline).not.toMatch(/TEMP B-TREE/);
	});

	it("writes a job's moves between open statuses as its row and its open range's entry; finishing it enters the day's indexes", async () => {
		const tenantId = newId("ten");
		const id = newId("job");
		const now = Date.now();
		const insert = db.insert(jobs).values({
			id,
			tenantId,
			number: 1,
			kind: "service_call",
			source: "portal",
			accountId: "acc_1",
			contactId: "con_1",
			customerEmail: "dana@example.com",
			customerEmailNormalized: "dana@example.com",
			idempotencyKey: "key-1",
			createdByType: "contact",
			createdAt: now,
			updatedAt: now,
		});
		// The row and its id's key (a rowid table), its number, its booking key, and the
		// customer's, account's, contact's, the tenant's and the board's open ranges: no status index.
		expect(await rowsWritten(insert)).toBe(9);
		const move = (set: Partial<typeof jobs.$inferInsert>, at: number) =>
			db
				.update(jobs)
				.set({ ...set, updatedAt: at })
				.where(and(eq(jobs.tenantId, tenantId), eq(jobs.id, id)));
		// Each move writes the row and the open range's entry: `is_open` is computed from the
		// status, so SQLite rewrites that entry whenever the status is set. No other index holds
		// the status of an open job.
		expect(await rowsWritten(move({ status: "assigned", technicianId: "tec_1" }, now + 1))).toBe(2);
		expect(await rowsWritten(move({ status: "en_route" }, now + 2))).toBe(2);
		expect(await rowsWritten(move({ status: "in_progress" }, now + 3))).toBe(2);
		expect(await rowsWritten(move({ status: "paused" }, now + 4))).toBe(2);
		expect(await rowsWritten(move({ status: "in_progress" }, now + 5))).toBe(2);
		// A change that leaves the status alone writes the row only.
		expect(await rowsWritten(move({}, now + 5))).toBe(1);
		// Completing it leaves the open range and enters the board's and the technician's day.
		expect(await rowsWritten(move({ status: "completed", completedAt: now + 6 }, now + 6))).toBe(4);
		// The board's and the technician's finished jobs are read through those partial indexes.
		const board = await queryPlan(boardJobsRead(app, tenantId, "UTC", now));
		expect(board).toContain("jobs_tenant_finished_updated_idx");
		expect(board).toContain("jobs_tenant_open_technician_idx");
		const [technicianDay] = technicianJobReads(app, tenantId, "tec_1", "UTC", now);
		const day = await queryPlan(technicianDay);
		expect(day).toContain("jobs_tenant_technician_completed_idx");
		expect(day).toContain("jobs_tenant_open_technician_idx");
		const finished = await boardJobsRead(app, tenantId, "UTC", now);
		expect(finished.map((r) => [r.job.id, r.job.status])).toEqual([[id, "completed"]]);
		const [mine] = await db.batch([technicianJobReads(app, tenantId, "tec_1", "UTC", now)[0]]);
		// No stops were written, so the cross join finds none; the plan above is what is held.
		expect(mine).toEqual([]);
		expect(await boardJobsRead(app, newId("ten"), "UTC", now)).toEqual([]);
	});

	it("reads the claims and the sweeps through their partial indexes", async () => {
		const select = (where: ReturnType<typeof sweepDue>) =>
			db.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(where).limit(10);
		expect(await queryPlan(select(sweepDue(Date.now())))).toContain("webhook_deliveries_open_next_idx");
		const unenqueued = db
			.select({ id: notifications.id })
			.from(notifications)
			.where(unenqueuedBefore(Date.now()))
			.limit(10);
		expect(await queryPlan(unenqueued)).toContain("notifications_unenqueued_idx");
	});
});
