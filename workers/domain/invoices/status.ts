import { and, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import type { InvoiceStatus } from "../../../schema/invoice-values";
import { invoices } from "../../../schema/tables/invoices";

/** What an invoice's status is derived from. */
export type InvoiceFacts = {
	totalMinor: number;
	paidMinor: number;
	depositAppliedMinor: number;
	/** "YYYY-MM-DD", the last day to pay in the tenant's zone. */
	dueAt: string;
	sharedAt: number | null;
	voidedAt: number | null;
};

/** What is left to pay: total − paid − deposit applied, never below 0. */
export const balanceMinor = (
	f: Pick<InvoiceFacts, "totalMinor" | "paidMinor" | "depositAppliedMinor">,
): number => Math.max(f.totalMinor - f.paidMinor - f.depositAppliedMinor, 0);

/**
 * The status people see, derived from the record, never stored: `void` once voided; `draft`
 * until shared; `paid` with nothing left; `overdue` with a balance once `today` (the tenant's
 * local day) is past the due date; `partially_paid` when something was paid; otherwise `open`.
 * A partial payment is overdue only once the due date has passed.
 */
export function invoiceStatus(f: InvoiceFacts, today: string): InvoiceStatus {
	if (f.voidedAt !== null) return "void";
	if (f.sharedAt === null) return "draft";
	if (balanceMinor(f) <= 0) return "paid";
	if (today > f.dueAt) return "overdue";
	if (f.paidMinor + f.depositAppliedMinor > 0) return "partially_paid";
	return "open";
}

/** Whether money can still be taken on it. */
export const isPayable = (status: InvoiceStatus): boolean =>
	status === "open" || status === "partially_paid" || status === "overdue";

const settled = sql`${invoices.paidMinor} + ${invoices.depositAppliedMinor}`;
const hasBalance = sql`${invoices.totalMinor} > ${settled}`;
const live = and(isNull(invoices.voidedAt), isNotNull(invoices.sharedAt)) as SQL;

/** The invoices with a balance to pay (open, partially paid, overdue), as SQL. */
export const payableInvoices = (): SQL => and(live, hasBalance) as SQL;

/** The SQL of a status filter, matching exactly what `invoiceStatus` derives for `today`. */
export function invoiceStatusFilter(status: InvoiceStatus, today: string): SQL {
	switch (status) {
		case "void":
			return isNotNull(invoices.voidedAt);
		case "draft":
			return and(isNull(invoices.voidedAt), isNull(invoices.sharedAt)) as SQL;
		case "paid":
			return and(live, sql`${invoices.totalMinor} <= ${settled}`) as SQL;
		case "overdue":
			return and(live, hasBalance, sql`${invoices.dueAt} < ${today}`) as SQL;
		case "partially_paid":
			return and(live, hasBalance, sql`${invoices.dueAt} >= ${today}`, sql`${settled} > 0`) as SQL;
		case "open":
			return and(live, hasBalance, sql`${invoices.dueAt} >= ${today}`, sql`${settled} = 0`) as SQL;
	}
}
