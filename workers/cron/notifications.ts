import { and, eq, isNotNull, isNull, lt, sql } from "drizzle-orm";
import { invoices } from "../../schema/tables/invoices";
import { jobs } from "../../schema/tables/jobs";
import { tenants } from "../../schema/tables/tenants";
import type { Bindings } from "../bindings";
import type { Db } from "../db";
import { accountContactsRead, invoiceRecipients } from "../domain/invoices/staff-invoices";
import { balanceMinor } from "../domain/invoices/status";
import { noticeLog, notificationInsert } from "../domain/notifications/record";
import { toTenant } from "../domain/tenant/tenant";
import { localDate } from "../domain/time";
import { enqueueNotifications, sweepNotifications } from "../queues/notification-queue";
import { everyShard } from "../shards";

/** Days after the due date on which an unpaid invoice's reminder goes, once each. */
export const OVERDUE_REMINDER_DAYS = [1, 7, 14] as const;

const DAY_MS = 86_400_000;

/**
 * The overdue reminders due now: for each shared, unvoided invoice with a balance, one reminder
 * on each of `OVERDUE_REMINDER_DAYS` after its due date (in the tenant's zone). Each is recorded
 * with a once-only key, so running this every minute, or twice, reminds once.
 */
export async function recordOverdueReminders(env: Bindings, now: number): Promise<number> {
	let recorded = 0;
	for (const db of everyShard(env)) recorded += await remindOn(env, db, now);
	return recorded;
}

async function remindOn(env: Bindings, db: Db, now: number): Promise<number> {
	const rows = await db
		.select({ invoice: invoices, tenant: tenants, jobContactId: jobs.contactId })
		.from(invoices)
		.innerJoin(tenants, eq(tenants.id, invoices.tenantId))
		.leftJoin(jobs, and(eq(jobs.tenantId, invoices.tenantId), eq(jobs.id, invoices.jobId)))
		.where(
			and(
				isNotNull(invoices.sharedAt),
				isNull(invoices.voidedAt),
				lt(invoices.dueAt, localDate(now, "UTC")),
				sql`${invoices.totalMinor} - ${invoices.paidMinor} - ${invoices.depositAppliedMinor} > 0`,
			),
		)
		.limit(500);
	const log = noticeLog(null);
	for (const { invoice, tenant: tenantRow, jobContactId } of rows) {
		const tenant = toTenant(tenantRow);
		if (balanceMinor(invoice) <= 0) continue;
		const today = localDate(now, tenant.timezone);
		const overdueDays = Math.floor((Date.parse(today) - Date.parse(invoice.dueAt)) / DAY_MS);
		const step = [...OVERDUE_REMINDER_DAYS].reverse().find((d) => overdueDays >= d);
		if (step === undefined) continue;
		const recipients = invoiceRecipients(
			db,
			invoice,
			jobContactId,
			await accountContactsRead(db, tenant.id, invoice.accountId),
		).map((c) => ({ email: c.email, contactId: c.id }));
		await notificationInsert(
			db,
			log,
			{
				tenantId: tenant.id,
				kind: "invoice_overdue",
				invoiceId: invoice.id,
				jobId: invoice.jobId,
				data: { recipients },
				dedupeKey: `overdue/${invoice.id}/${step}`,
			},
			now,
		);
	}
	// Ids whose insert was ignored (already reminded) are simply not found by the consumer.
	if (log.ids.length) await enqueueNotifications(env, db, log.ids, now);
	return log.ids.length;
}

/** Each minute: the sweep; on the hour, the overdue reminders. */
export async function runNotificationJobs(env: Bindings, scheduledTime: number): Promise<void> {
	await sweepNotifications(env, scheduledTime);
	if (new Date(scheduledTime).getUTCMinutes() === 0) await recordOverdueReminders(env, scheduledTime);
}
