import { index, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, id, instant, tenantId } from "../columns";

/** Every sign-in, booking, block and change: who, what, from where. */
export const auditLog = sqliteTable(
	"audit_log",
	{
		id: id(),
		tenantId: tenantId(),
		actorType: text("actor_type", {
			enum: ["contact", "staff", "technician", "system", "api", "anonymous"],
		}).notNull(),
		actorId: text("actor_id"),
		actorLabel: text("actor_label"),
		action: text("action").notNull(),
		targetType: text("target_type"),
		targetId: text("target_id"),
		ip: text("ip"),
		userAgent: text("user_agent"),
		data: text("data", { mode: "json" }).$type<Record<string, unknown>>(),
		createdAt: createdAt(),
	},
	(t) => [
		index("audit_log_tenant_created_idx").on(t.tenantId, t.createdAt),
		index("audit_log_tenant_action_created_idx").on(t.tenantId, t.action, t.createdAt),
		index("audit_log_tenant_actor_created_idx").on(t.tenantId, t.actorId, t.createdAt),
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
		index("inbox_alerts_tenant_created_idx").on(t.tenantId, t.createdAt),
		index("inbox_alerts_tenant_unread_idx").on(t.tenantId, t.readAt, t.createdAt),
	],
);

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
