import { and, desc, eq, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import { type InboxAlertKind, inboxAlerts } from "../../../schema/tables/activity";
import { jobs } from "../../../schema/tables/jobs";
import type { Db } from "../../db";
import { newId } from "../ids";
import { unreadAlertsRead } from "../jobs/board";
import type { LiveChannels } from "../live/live-jobs";

export type InboxAlertRow = typeof inboxAlerts.$inferSelect;

/** What a domain event tells the dispatchers; the inbox is written only through this. */
export type NewInboxAlert = {
	tenantId: string;
	kind: InboxAlertKind;
	/** Text, or SQL for a title that names what the same batch wrote first (a new job's number). */
	title: string | SQL;
	body?: string | null;
	jobId?: string | null;
	estimateId?: string | null;
	invoiceId?: string | null;
	quoteRequestId?: string | null;
	accountId?: string | null;
	contactId?: string | null;
};

/** The insert of one alert, to run inside the `db.batch` of the event that raises it. */
export function inboxAlertInsert(db: Db, alert: NewInboxAlert, now = Date.now()) {
	return db.insert(inboxAlerts).values({
		id: newId("alr"),
		createdAt: now,
		readAt: null,
		readBy: null,
		...alert,
		body: alert.body ?? null,
	});
}

/**
 * "Job #1032: <text>", the number read in the batch that created the job (it is assigned in SQL
 * there), so the inbox names the job without a join on every read.
 */
export const titledWithJobNumber = (tenantId: string, jobId: string, text: string) =>
	sql`'Job #' || (SELECT ${jobs.number} FROM ${jobs} WHERE ${jobs.tenantId} = ${tenantId} AND ${jobs.id} = ${jobId}) || ${`: ${text}`}`;

/** "Bob Lindqvist (Hartwell & Pine LLP)": who an alert is from. */
export const customerLabel = (name: string, accountName: string | null) =>
	accountName ? `${name} (${accountName})` : name;

/** What a customer did to an estimate that the dispatchers hear of, with the alert kind it raises. */
const ESTIMATE_ALERTS = {
	approved: { kind: "estimate_approved", verb: "approved" },
	rejected: { kind: "estimate_rejected", verb: "rejected" },
	changes_requested: { kind: "estimate_changes_requested", verb: "asked for changes to" },
	commented: { kind: "estimate_changes_requested", verb: "commented on" },
	update_requested: { kind: "estimate_update_requested", verb: "asked for an updated" },
} as const satisfies Record<string, { kind: InboxAlertKind; verb: string }>;

/** The alert of a customer's answer to an estimate; its flow calls this in the batch that records it. */
export function estimateDecisionAlert(
	db: Db,
	e: {
		tenantId: string;
		estimateId: string;
		number: number;
		decision: keyof typeof ESTIMATE_ALERTS;
		contact: { id: string; name: string; accountId: string | null; accountName: string | null };
		comment?: string | null;
	},
	now = Date.now(),
) {
	const { kind, verb } = ESTIMATE_ALERTS[e.decision];
	const what =
		e.decision === "update_requested" ? `estimate (#${e.number} expired)` : `estimate #${e.number}`;
	return inboxAlertInsert(
		db,
		{
			tenantId: e.tenantId,
			kind,
			estimateId: e.estimateId,
			accountId: e.contact.accountId,
			contactId: e.contact.id,
			title: `${customerLabel(e.contact.name, e.contact.accountName)} ${verb} ${what}`,
			body: e.comment ?? null,
		},
		now,
	);
}

/**
 * The alert of money received on an invoice: "invoice paid" when it left nothing to pay,
 * "payment received" otherwise. The payment flow runs it in the batch that records the payment.
 */
export function invoicePaymentAlert(
	db: Db,
	p: {
		tenantId: string;
		invoiceId: string;
		number: number;
		/** The payment, formatted. */
		amount: string;
		/** What is left, formatted; null when nothing is. */
		balance: string | null;
		accountId: string | null;
		contactId: string | null;
		payer: string;
	},
	now = Date.now(),
) {
	return inboxAlertInsert(
		db,
		{
			tenantId: p.tenantId,
			kind: p.balance === null ? "invoice_paid" : "payment_received",
			invoiceId: p.invoiceId,
			accountId: p.accountId,
			contactId: p.contactId,
			title:
				p.balance === null
					? `Invoice #${p.number} paid: ${p.amount}`
					: `Payment received on invoice #${p.number}: ${p.amount}, ${p.balance} left`,
			body: `Paid by ${p.payer}`,
		},
		now,
	);
}

export type AlertCursor = { createdAt: number; id: string };

type AlertPageOptions = { cursor?: AlertCursor; limit: number; unreadOnly?: boolean };

/**
 * The read of a page of the tenant's alerts, newest first, one row more than the page, to run
 * alone or inside a batch; `unreadOnly` keeps those nobody read.
 */
export function inboxAlertsRead(db: Db, tenantId: string, opts: AlertPageOptions) {
	const filters: Array<SQL | undefined> = [eq(inboxAlerts.tenantId, tenantId)];
	if (opts.unreadOnly) filters.push(isNull(inboxAlerts.readAt));
	if (opts.cursor) {
		const { createdAt, id } = opts.cursor;
		filters.push(
			or(
				lt(inboxAlerts.createdAt, createdAt),
				and(eq(inboxAlerts.createdAt, createdAt), lt(inboxAlerts.id, id)),
			),
		);
	}
	return db
		.select()
		.from(inboxAlerts)
		.where(and(...filters))
		.orderBy(desc(inboxAlerts.createdAt), desc(inboxAlerts.id))
		.limit(opts.limit + 1);
}

/** The page `inboxAlertsRead` read, and where the next one starts. */
export function toInboxPage(rows: InboxAlertRow[], limit: number) {
	const page = rows.slice(0, limit);
	const last = page[page.length - 1];
	return {
		rows: page,
		next: rows.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null,
	};
}

/** How many alerts nobody has read, up to `UNREAD_COUNT_CAP` (the badge shows "99+"). */
export async function unreadAlertCount(db: Db, tenantId: string): Promise<number> {
	const [row] = await unreadAlertsRead(db, tenantId);
	return row?.n ?? 0;
}

/**
 * Marks one alert read by `staffId`; the boards' unread count follows. An alert read already
 * (by someone else perhaps) is answered as it is; undefined when the tenant has no such alert.
 */
export async function markAlertRead(
	db: Db,
	live: LiveChannels,
	tenantId: string,
	staffId: string,
	alertId: string,
): Promise<InboxAlertRow | undefined> {
	const thisAlert = and(eq(inboxAlerts.tenantId, tenantId), eq(inboxAlerts.id, alertId));
	const row = await db
		.update(inboxAlerts)
		.set({ readAt: Date.now(), readBy: staffId })
		.where(and(thisAlert, isNull(inboxAlerts.readAt)))
		.returning()
		.get();
	if (!row) return db.select().from(inboxAlerts).where(thisAlert).get();
	await live.publishUnreadAlerts(tenantId);
	return row;
}

/** Marks every alert read; answers the unread count after (0 unless one arrived meanwhile). */
export async function markAllAlertsRead(db: Db, live: LiveChannels, tenantId: string, staffId: string) {
	await db
		.update(inboxAlerts)
		.set({ readAt: Date.now(), readBy: staffId })
		.where(and(eq(inboxAlerts.tenantId, tenantId), isNull(inboxAlerts.readAt)))
		.run();
	await live.publishUnreadAlerts(tenantId);
	return unreadAlertCount(db, tenantId);
}
