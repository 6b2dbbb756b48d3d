import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import { accounts, contacts, locations } from "../../../schema/tables/accounts";
import { estimates } from "../../../schema/tables/billing";
import { checkoutSessions, invoiceLines, invoices, payments } from "../../../schema/tables/invoices";
import { jobs } from "../../../schema/tables/jobs";
import type { InvoiceSummary, StaffInvoice } from "../../contracts/invoices";
import type { Db } from "../../db";
import { quantityOf } from "../estimates/quantity";
import { encodeCursor } from "../jobs/customer-jobs";
import { iso } from "../time";
import { balanceMinor, invoiceStatus } from "./status";

export type InvoiceRow = typeof invoices.$inferSelect;

/** Most checkouts an invoice answer lists (newest first). */
const CHECKOUTS_SHOWN = 10;

/**
 * The invoice with the names lists and pages show, `which` deciding whose it may be (the
 * tenant's, a contact's). Joined names are aliased: D1 batches key rows by column name.
 */
export function invoiceHeadRead(db: Db, which: SQL) {
	return db
		.select({
			invoice: invoices,
			accountName: sql<string | null>`${accounts.name}`.as("account_name"),
			contactName: sql<string | null>`${contacts.name}`.as("contact_name"),
			locationName: sql<string | null>`${locations.name}`.as("location_name"),
			jobNumber: sql<number | null>`${jobs.number}`.as("job_number"),
			jobContactId: sql<string | null>`${jobs.contactId}`.as("job_contact_id"),
			estimateNumber: sql<number | null>`${estimates.number}`.as("estimate_number"),
		})
		.from(invoices)
		.leftJoin(accounts, and(eq(accounts.id, invoices.accountId), eq(accounts.tenantId, invoices.tenantId)))
		.leftJoin(contacts, and(eq(contacts.id, invoices.contactId), eq(contacts.tenantId, invoices.tenantId)))
		.leftJoin(
			locations,
			and(eq(locations.id, invoices.locationId), eq(locations.tenantId, invoices.tenantId)),
		)
		.leftJoin(jobs, and(eq(jobs.id, invoices.jobId), eq(jobs.tenantId, invoices.tenantId)))
		.leftJoin(
			estimates,
			and(eq(estimates.id, invoices.estimateId), eq(estimates.tenantId, invoices.tenantId)),
		)
		.where(which);
}

export type InvoiceHead = Awaited<ReturnType<typeof invoiceHeadRead>>[number];

/**
 * The reads of one invoice with its lines, payments and checkouts, for one `db.batch`;
 * `checkoutsOf` keeps one contact's checkouts (the portal), all of them otherwise.
 */
export function invoiceReads(db: Db, tenantId: string, invoiceId: string, which: SQL, checkoutsOf?: string) {
	return [
		invoiceHeadRead(db, and(eq(invoices.tenantId, tenantId), eq(invoices.id, invoiceId), which) as SQL).limit(
			1,
		),
		db
			.select()
			.from(invoiceLines)
			.where(and(eq(invoiceLines.tenantId, tenantId), eq(invoiceLines.invoiceId, invoiceId)))
			.orderBy(asc(invoiceLines.position)),
		db
			.select()
			.from(payments)
			.where(and(eq(payments.tenantId, tenantId), eq(payments.invoiceId, invoiceId)))
			.orderBy(asc(payments.receivedAt), asc(payments.id)),
		db
			.select({
				id: checkoutSessions.id,
				amountMinor: checkoutSessions.amountMinor,
				status: checkoutSessions.status,
				createdAt: checkoutSessions.createdAt,
			})
			.from(checkoutSessions)
			.where(
				and(
					eq(checkoutSessions.tenantId, tenantId),
					eq(checkoutSessions.invoiceId, invoiceId),
					checkoutsOf ? eq(checkoutSessions.contactId, checkoutsOf) : undefined,
				),
			)
			.orderBy(desc(checkoutSessions.createdAt))
			.limit(CHECKOUTS_SHOWN),
	] as const;
}

type Rows<T extends readonly unknown[]> = { [K in keyof T]: Awaited<T[K]> };
export type InvoiceRows = Rows<ReturnType<typeof invoiceReads>>;

/** One row of a list, and the head of every invoice answer; `today` is the tenant's local day. */
export function toInvoiceSummary(head: InvoiceHead, today: string): InvoiceSummary {
	const i = head.invoice;
	return {
		id: i.id,
		number: i.number,
		status: invoiceStatus(i, today),
		accountId: i.accountId,
		accountName: head.accountName ?? "",
		locationId: i.locationId,
		locationName: i.locationId ? (head.locationName ?? "") : null,
		jobId: i.jobId,
		jobNumber: i.jobId ? head.jobNumber : null,
		currency: i.currency,
		totalMinor: i.totalMinor,
		paidMinor: i.paidMinor,
		balanceMinor: balanceMinor(i),
		dueAt: i.dueAt,
		sharedAt: iso(i.sharedAt),
		createdAt: new Date(i.createdAt).toISOString(),
	};
}

/** The invoice from what `invoiceReads` read; undefined when it is not there (or not the reader's). */
export function toInvoice(rows: InvoiceRows, today: string): StaffInvoice | undefined {
	const [[head], lines, paid, checkouts] = rows;
	if (!head) return undefined;
	const i = head.invoice;
	return {
		...toInvoiceSummary(head, today),
		contactId: i.contactId,
		contactName: i.contactId ? (head.contactName ?? "") : null,
		lines: lines.map((l) => ({
			id: l.id,
			description: l.description,
			quantity: quantityOf(l.quantityMilli),
			unitPriceMinor: l.unitPriceMinor,
			amountMinor: l.amountMinor,
		})),
		subtotalMinor: i.subtotalMinor,
		discountMinor: i.discountMinor,
		taxRateBps: i.taxRateBps,
		taxMinor: i.taxMinor,
		depositAppliedMinor: i.depositAppliedMinor,
		terms: i.terms,
		notes: i.notes,
		payments: paid.map((p) => ({
			id: p.id,
			amountMinor: p.amountMinor,
			method: p.method,
			provider: p.provider,
			reference: p.providerRef,
			receivedAt: new Date(p.receivedAt).toISOString(),
		})),
		checkouts: checkouts.map((c) => ({
			id: c.id,
			amountMinor: c.amountMinor,
			status: c.status,
			createdAt: new Date(c.createdAt).toISOString(),
		})),
		voidedAt: iso(i.voidedAt),
		voidReason: i.voidReason,
		estimateId: i.estimateId,
		estimateNumber: i.estimateId ? head.estimateNumber : null,
		updatedAt: new Date(i.updatedAt).toISOString(),
	};
}

export type InvoicePageFilters = {
	cursor?: { createdAt: number; id: string };
	limit: number;
};

/** `(createdAt, id)` below the cursor, kept a range on the lists' indexes. */
export const belowCursor = (cursor: InvoicePageFilters["cursor"]): SQL | undefined =>
	cursor
		? sql`${invoices.createdAt} <= ${cursor.createdAt} AND (${invoices.createdAt} < ${cursor.createdAt} OR ${invoices.id} < ${cursor.id})`
		: undefined;

/** The read of a page of invoices, newest first, from `where`: one row more than the page says whether another follows. */
export const invoicePageRead = (db: Db, where: SQL, f: InvoicePageFilters) =>
	invoiceHeadRead(db, and(where, belowCursor(f.cursor)) as SQL)
		.orderBy(desc(invoices.createdAt), desc(invoices.id))
		.limit(f.limit + 1);

/** The page `invoicePageRead` read. */
export function toInvoicePage(
	rows: readonly InvoiceHead[],
	limit: number,
	today: string,
): { items: InvoiceSummary[]; nextCursor: string | null } {
	const page = rows.slice(0, limit);
	const last = page[page.length - 1]?.invoice;
	return {
		items: page.map((r) => toInvoiceSummary(r, today)),
		nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
	};
}
