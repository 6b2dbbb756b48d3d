import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id, instant, tenantId } from "../columns";
import type { FailureReason } from "../proof-values";

/** The stages a contact may turn off, one switch each (`/api/c/:slug/me/preferences`). */
export const notifyStages = [
	"booked",
	"scheduled",
	"on_the_way",
	"arriving",
	"paused",
	"completed",
	"cancelled",
	"estimate",
	"invoice",
] as const;
export type NotifyStage = (typeof notifyStages)[number];

/** The customer actions a dispatcher may opt into an email for (off unless chosen). */
export const staffNotifyStages = ["booking", "note", "estimate_decision", "payment"] as const;
export type StaffNotifyStage = (typeof staffNotifyStages)[number];

/**
 * What a notification is about. Most are a contact's stage; `receipt` (a payment's), `not_completed`
 * (a visit that could not complete the job) and `join_request` (to the account's admins) are
 * essential (always sent), `invoice_overdue` follows the `invoice` switch, `staff_*` go to the
 * dispatchers who opted in.
 */
export const notificationKinds = [
	...notifyStages,
	"invoice_overdue",
	"receipt",
	"not_completed",
	"join_request",
	"staff_booking",
	"staff_note",
	"staff_estimate_decision",
	"staff_payment",
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export type NotificationData = {
	pausedMessage?: string | null;
	/** What the customer did, for a dispatcher's email ("added a note", "approved estimate #12"). */
	summary?: string;
	amountMinor?: number;
	currency?: string;
	/** A payment's: what was left after it, its reference and who paid. */
	balanceMinor?: number;
	paymentRef?: string;
	payer?: string;
	/** A visit that could not complete the job: why, and who came. */
	failureReason?: FailureReason;
	failureText?: string | null;
	technicianName?: string;
	/** A join request's: who asks. */
	requester?: { name: string; email: string; account: string };
	etaMinutes?: number;
	/** Who an estimate or invoice goes to, named when it was shared. */
	recipients?: Array<{ email: string; contactId: string | null }>;
};

/**
 * One thing to tell people, written in the same batch as the change that causes it; the queue
 * delivers it. `enqueuedAt` stays null until it is on the queue: the sweep re-sends those.
 */
export const notifications = sqliteTable(
	"notifications",
	{
		id: id(),
		tenantId: tenantId(),
		kind: text("kind", { enum: notificationKinds }).notNull(),
		jobId: text("job_id"),
		estimateId: text("estimate_id"),
		invoiceId: text("invoice_id"),
		/** The origin of the links in the email, as the request that caused it decided. */
		origin: text("origin"),
		data: text("data", { mode: "json" }).$type<NotificationData>().notNull().default({}),
		/** Once-only notifications (arriving soon, each overdue reminder) carry a key; a second is ignored. */
		dedupeKey: text("dedupe_key"),
		createdAt: createdAt(),
		enqueuedAt: instant("enqueued_at"),
	},
	(t) => [
		// Partial indexes hold only the rows they serve, so a row outside them costs no index write:
		// most notifications carry no dedupe key, and one leaves the sweep's index when enqueued.
		uniqueIndex("notifications_tenant_dedupe_uq")
			.on(t.tenantId, t.dedupeKey)
			.where(sql`dedupe_key IS NOT NULL`),
		index("notifications_unenqueued_idx").on(t.createdAt).where(sql`enqueued_at IS NULL`),
		index("notifications_tenant_job_idx").on(t.tenantId, t.jobId, t.createdAt),
	],
);

export const deliveryStates = ["queued", "sending", "sent", "failed", "suppressed"] as const;
export type DeliveryState = (typeof deliveryStates)[number];

/**
 * One recipient of a notification and how far its email got. Keyed by its tenant, the notification and
 * the recipient's address (a WITHOUT ROWID table, migration 0025): the key is also the only index, so
 * a delivery writes one row where an id key, a recipient index and a job index wrote three. A
 * job's deliveries are read through its notifications (`notifications_tenant_job_idx`).
 */
export const notificationDeliveries = sqliteTable(
	"notification_deliveries",
	{
		/** Shown in the console; not a key. */
		id: text("id").notNull(),
		tenantId: tenantId(),
		notificationId: text("notification_id").notNull(),
		jobId: text("job_id"),
		email: text("email").notNull(),
		emailNormalized: text("email_normalized").notNull(),
		contactId: text("contact_id"),
		staffId: text("staff_id"),
		state: text("state", { enum: deliveryStates }).notNull().default("queued"),
		attempts: integer("attempts").notNull().default(0),
		lastError: text("last_error"),
		/** Set when the queue gave up (the message went to the dead-letter queue). */
		deadAt: instant("dead_at"),
		sentAt: instant("sent_at"),
		updatedAt: instant("updated_at").notNull(),
		createdAt: createdAt(),
	},
	(t) => [primaryKey({ columns: [t.tenantId, t.notificationId, t.emailNormalized] })],
);

export const jobContactRoles = ["booker", "site", "also_notify"] as const;
export type JobContactRole = (typeof jobContactRoles)[number];

/** Everyone told about a job: the booker, the site contact, and the addresses the booker added. */
export const jobContacts = sqliteTable(
	"job_contacts",
	{
		id: id(),
		tenantId: tenantId(),
		jobId: text("job_id").notNull(),
		role: text("role", { enum: jobContactRoles }).notNull(),
		name: text("name"),
		email: text("email").notNull(),
		emailNormalized: text("email_normalized").notNull(),
		createdAt: createdAt(),
	},
	(t) => [uniqueIndex("job_contacts_job_email_uq").on(t.tenantId, t.jobId, t.emailNormalized)],
);

/** Stages turned off by someone without a portal account (from an email's unsubscribe link). */
export const emailOptOuts = sqliteTable(
	"email_opt_outs",
	{
		id: id(),
		tenantId: tenantId(),
		emailNormalized: text("email_normalized").notNull(),
		stage: text("stage", { enum: notifyStages }).notNull(),
		createdAt: createdAt(),
	},
	(t) => [uniqueIndex("email_opt_outs_uq").on(t.tenantId, t.emailNormalized, t.stage)],
);
