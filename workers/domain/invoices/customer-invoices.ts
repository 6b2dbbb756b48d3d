import { and, eq, gte, lt, not, type SQL, sql } from "drizzle-orm";
import { invoices } from "../../../schema/tables/invoices";
import type { CustomerInvoice, CustomerInvoiceListQuery } from "../../contracts/invoices";
import type { Db } from "../../db";
import { notFound } from "../../errors";
import type { Me } from "../sign-in/audiences";
import type { Tenant } from "../tenant/tenant";
import { localDate, localDayBounds } from "../time";
import { invoiceAccess, invoiceReaderOf } from "./access";
import { type InvoicePageFilters, invoicePage, invoiceReads, toInvoice } from "./invoice-view";
import { payOptionsOf } from "./pay-options";
import { payableInvoices } from "./status";

type Deps = { db: Db; now: number };

/**
 * The portal's list for the signed-in contact: `open` (something to pay: open, partially paid,
 * overdue) or `paid` (paid and void), by day of creation and location, newest first; with the
 * outstanding balance of every invoice they see, whatever the tab and filters.
 */
export async function customerInvoicePage(
	deps: Deps,
	tenant: Tenant,
	me: Me,
	query: Pick<CustomerInvoiceListQuery, "tab" | "from" | "to" | "locationId" | "limit">,
	cursor: InvoicePageFilters["cursor"],
) {
	const { db, now } = deps;
	const access = invoiceAccess(db, invoiceReaderOf(tenant.id, me));
	const today = localDate(now, tenant.timezone);
	const { from, to } = localDayBounds(query, tenant.timezone);
	const where = and(
		access.where,
		query.tab === "open" ? payableInvoices() : not(payableInvoices()),
		from !== undefined ? gte(invoices.createdAt, from) : undefined,
		to !== undefined ? lt(invoices.createdAt, to) : undefined,
		query.locationId ? eq(invoices.locationId, query.locationId) : undefined,
	) as SQL;
	const [page, [outstanding]] = await Promise.all([
		invoicePage(db, where, { cursor, limit: query.limit }, today),
		db
			.select({
				minor: sql<number>`COALESCE(SUM(${invoices.totalMinor} - ${invoices.paidMinor} - ${invoices.depositAppliedMinor}), 0)`,
			})
			.from(invoices)
			.where(and(access.where, payableInvoices())),
	]);
	return { ...page, outstandingMinor: outstanding?.minor ?? 0, currency: tenant.currency };
}

/**
 * One invoice as the portal shows it to the signed-in contact, with what they may pay and
 * their own checkouts; 404 for a draft and for anything not theirs.
 */
export async function loadCustomerInvoice(
	deps: Deps,
	tenant: Tenant,
	me: Me,
	invoiceId: string,
): Promise<CustomerInvoice> {
	const { db, now } = deps;
	const access = invoiceAccess(db, invoiceReaderOf(tenant.id, me));
	const today = localDate(now, tenant.timezone);
	const rows = await db.batch(invoiceReads(db, tenant.id, invoiceId, access.where, me.id));
	const invoice = toInvoice(rows, today);
	const head = rows[0][0]?.invoice;
	if (!invoice || !head) throw notFound("That invoice");
	return { ...invoice, payOptions: payOptionsOf(head, tenant.settings.payments, access.canPay, today) };
}
