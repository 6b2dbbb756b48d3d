import { and, eq, gte, lt, not, type SQL, sql } from "drizzle-orm";
import { invoices } from "../../../schema/tables/invoices";
import type { CustomerInvoice, CustomerInvoiceListQuery } from "../../contracts/invoices";
import type { Db } from "../../db";
import { notFound } from "../../errors";
import type { Me } from "../sign-in/audiences";
import type { Tenant } from "../tenant/tenant";
import { localDate, localDayBounds } from "../time";
import { invoiceAccess, invoiceReaderOf } from "./access";
import {
	type InvoiceHead,
	type InvoicePageFilters,
	type InvoiceRows,
	invoicePageRead,
	invoiceReads,
	toInvoice,
	toInvoicePage,
} from "./invoice-view";
import { payOptionsOf } from "./pay-options";
import { payableInvoices } from "./status";

type Reader = { tenant: Tenant; me: Me };

/**
 * The reads of the portal's list for the signed-in contact, for one `db.batch`: the page of
 * `open` (something to pay: open, partially paid, overdue) or `paid` (paid and void) invoices by
 * day of creation and location, newest first; and the outstanding balance of every invoice they
 * see, whatever the tab and filters.
 */
export function customerInvoiceListReads(
	db: Db,
	{ tenant, me }: Reader,
	query: Pick<CustomerInvoiceListQuery, "tab" | "from" | "to" | "locationId" | "limit">,
	cursor: InvoicePageFilters["cursor"],
) {
	const access = invoiceAccess(db, invoiceReaderOf(tenant.id, me));
	const { from, to } = localDayBounds(query, tenant.timezone);
	const where = and(
		access.where,
		query.tab === "open" ? payableInvoices() : not(payableInvoices()),
		from !== undefined ? gte(invoices.createdAt, from) : undefined,
		to !== undefined ? lt(invoices.createdAt, to) : undefined,
		query.locationId ? eq(invoices.locationId, query.locationId) : undefined,
	) as SQL;
	return [
		invoicePageRead(db, where, { cursor, limit: query.limit }),
		db
			.select({
				minor: sql<number>`COALESCE(SUM(${invoices.totalMinor} - ${invoices.paidMinor} - ${invoices.depositAppliedMinor}), 0)`,
			})
			.from(invoices)
			.where(and(access.where, payableInvoices())),
	] as const;
}

/** The page `customerInvoiceListReads` read. */
export function toCustomerInvoicePage(
	[rows, outstanding]: readonly [readonly InvoiceHead[], ReadonlyArray<{ minor: number }>],
	tenant: Tenant,
	limit: number,
	now: number,
) {
	return {
		...toInvoicePage(rows, limit, localDate(now, tenant.timezone)),
		outstandingMinor: outstanding[0]?.minor ?? 0,
		currency: tenant.currency,
	};
}

/** The reads of one invoice as the portal shows it to the signed-in contact, with their own checkouts. */
export function customerInvoiceReads(db: Db, { tenant, me }: Reader, invoiceId: string) {
	const access = invoiceAccess(db, invoiceReaderOf(tenant.id, me));
	return invoiceReads(db, tenant.id, invoiceId, access.where, me.id);
}

/**
 * The invoice from what `customerInvoiceReads` read, with what the contact may pay; undefined
 * (a 404) for a draft and for anything not theirs.
 */
export function customerInvoiceOf(
	db: Db,
	rows: InvoiceRows,
	{ tenant, me }: Reader,
	now: number,
): CustomerInvoice | undefined {
	const today = localDate(now, tenant.timezone);
	const invoice = toInvoice(rows, today);
	const head = rows[0][0]?.invoice;
	if (!invoice || !head) return undefined;
	const { canPay } = invoiceAccess(db, invoiceReaderOf(tenant.id, me));
	return { ...invoice, payOptions: payOptionsOf(head, tenant.settings.payments, canPay, today) };
}

/** One invoice as the portal shows it, read on its own (the PDF, the checkout); 404 when not the contact's. */
export async function loadCustomerInvoice(
	deps: { db: Db; now: number },
	tenant: Tenant,
	me: Me,
	invoiceId: string,
): Promise<CustomerInvoice> {
	const { db, now } = deps;
	const reader = { tenant, me };
	const invoice = customerInvoiceOf(
		db,
		await db.batch(customerInvoiceReads(db, reader, invoiceId)),
		reader,
		now,
	);
	if (!invoice) throw notFound("That invoice");
	return invoice;
}
