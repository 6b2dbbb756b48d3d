import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, id, instant, tenantId } from "../columns";

/** Entries about something other than a job, as the action index and its reads both spell it. */
export const NOT_A_JOB_ACTION = "substr(action, 1, 4) <> 'job.'";

/** Every sign-in, booking, block and change: who, what, from where. */
export const auditLog = sqliteTable(
	"audit_log",
	{
		id: text("id").notNull(),
		tenantId: tenantId(),
		actorType: text("actor_type", {
			enum: ["contact", "staff", "technician", "system", "api", "anonymous"],
		}).notNull(),
		actorId: text("actor_id"),
		actorLabel: text("actor_label"),
		action: text("action").notNull(),
		targetType: text("target_type"),
		targetId: text("target_id"),
		/**
		 * What the target was called when the entry was written ("job #1031", "Dana Reyes"), looked
		 * up by `auditInsert` in the same statement: the log shows names as they were then, and a
		 * page is read without a join per entry.
		 */
		targetName: text("target_name"),
		ip: text("ip"),
		userAgent: text("user_agent"),
		data: text("data", { mode: "json" }).$type<Record<string, unknown>>(),
		createdAt: createdAt(),
	},
	(t) => [
		// Stored in the pages' order, newest last, id the tie-breaker (a WITHOUT ROWID table): the
		// table is its own tenant-and-time index, so an entry writes no separate row for it.
		primaryKey({ columns: [t.tenantId, t.createdAt, t.id] }),
		// Partial: a job's entries (most of the log: every booking, assignment and status move) are
		// found by reading the log in key order, where they are dense; the rarer actions, which a
		// filter would otherwise read the whole log for, are indexed. Reads repeat the WHERE term
		// (NOT_A_JOB_ACTION) word for word, as SQLite needs to use a partial index.
		index("audit_log_tenant_action_created_id_idx")
			.on(t.tenantId, t.action, t.createdAt, t.id)
			.where(sql.raw(NOT_A_JOB_ACTION)),
		// Partial: the system's own entries name no actor and are never filtered by one.
		index("audit_log_tenant_actor_created_id_idx")
			.on(t.tenantId, t.actorId, t.createdAt, t.id)
			.where(sql`actor_id IS NOT NULL`),
	],
);

export const inboxAlertKinds = [
	"customer_booking",
	"customer_note",
	"customer_photo",
	"customer_cancelled",
	"customer_changed",
	"customer_change_request",
	"estimate_approved",
	"estimate_changes_requested",
	"estimate_rejected",
	"estimate_update_requested",
	"quote_request",
	"invoice_paid",
	"payment_received",
	"survey_low_score",
] as const;
export type InboxAlertKind = (typeof inboxAlertKinds)[number];

/** Dispatcher inbox; alerts are created by domain events, never by the UI. */
export const inboxAlerts = sqliteTable(
	"inbox_alerts",
	{
		id: id(),
		tenantId: tenantId(),
		kind: text("kind", { enum: inboxAlertKinds }).notNull(),
		jobId: text("job_id"),
		estimateId: text("estimate_id"),
		invoiceId: text("invoice_id"),
		quoteRequestId: text("quote_request_id"),
		accountId: text("account_id"),
		contactId: text("contact_id"),
		title: text("title").notNull(),
		body: text("body"),
		readAt: instant("read_at"),
		readBy: text("read_by"),
		createdAt: createdAt(),
	},
	(t) => [
		// Ending in id, the pages' tie-breaker, so a page is read in order with no sort.
		index("inbox_alerts_tenant_created_id_idx").on(t.tenantId, t.createdAt, t.id),
		index("inbox_alerts_tenant_unread_id_idx").on(t.tenantId, t.readAt, t.createdAt, t.id),
	],
);

/**
 * How many of a tenant's alerts nobody has read, the badge's one-row read. Kept by triggers on
 * `inbox_alerts` (migration 0021_inbox_unread_triggers_audit_names_backfill), so every write of an alert, whoever
 * makes it, moves it in the same statement.
 */
export const inboxUnreadCounts = sqliteTable("inbox_unread_counts", {
	tenantId: text("tenant_id").primaryKey(),
	unread: integer("unread").notNull().default(0),
});

/** Emails the app would have sent, kept when no Resend key is set (development only). */
export const outboxEmails = sqliteTable(
	"outbox_emails",
	{
		id: id(),
		tenantId: text("tenant_id"),
		to: text("to").notNull(),
		subject: text("subject").notNull(),
		text: text("text").notNull(),
		html: text("html").notNull(),
		/** Extra headers as they would be sent (List-Unsubscribe, List-Unsubscribe-Post). */
		headers: text("headers", { mode: "json" }).$type<Record<string, string>>().notNull().default({}),
		/** Like Resend, the outbox keeps one email per idempotency key. */
		idempotencyKey: text("idempotency_key"),
		sentAt: instant("sent_at").notNull(),
	},
	(t) => [index("outbox_emails_sent_idx").on(t.sentAt), index("outbox_emails_key_idx").on(t.idempotencyKey)],
);
