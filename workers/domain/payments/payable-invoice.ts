import { and, eq, isNotNull, type SQL } from "drizzle-orm";
import { invoices } from "../../../schema/tables/invoices";
import type { PayOptions } from "../../contracts/invoices";
import type { Db } from "../../db";
import type { Me } from "../sign-in/audiences";
import type { PaymentSettings } from "../tenant/tenant-settings";

export type InvoiceRow = typeof invoices.$inferSelect;

/** Roles that may pay; viewers only look. */
const PAYING_ROLES = new Set(["admin", "billing", "booker"]);

export const mayPay = (me: Pick<Me, "role">) => PAYING_ROLES.has(me.role);

/** The shared invoices a contact may see (never a draft); anything else is a 404. */
function visibleTo(tenantId: string, me: Me): SQL {
	const shared = and(eq(invoices.tenantId, tenantId), isNotNull(invoices.sharedAt));
	if (!me.accountId) return and(shared, eq(invoices.contactId, me.id)) as SQL;
	const ofAccount = and(shared, eq(invoices.accountId, me.accountId));
	if (me.role === "booker" && me.locationId)
		return and(ofAccount, eq(invoices.locationId, me.locationId)) as SQL;
	return ofAccount as SQL;
}

/** The invoice if this contact may see it. */
export function loadVisibleInvoice(db: Db, tenantId: string, me: Me, invoiceId: string) {
	return db
		.select()
		.from(invoices)
		.where(and(visibleTo(tenantId, me), eq(invoices.id, invoiceId)))
		.get();
}

export const balanceOf = (i: Pick<InvoiceRow, "totalMinor" | "paidMinor" | "depositAppliedMinor">) =>
	Math.max(0, i.totalMinor - i.paidMinor - i.depositAppliedMinor);

/** What the contact may pay on this invoice now. */
export function payOptionsOf(
	invoice: InvoiceRow,
	settings: PaymentSettings,
	me: Pick<Me, "role">,
): PayOptions {
	const full = balanceOf(invoice);
	const canPay = mayPay(me) && invoice.voidedAt === null && full > 0 && settings.methods.length > 0;
	const options: PayOptions = { canPay, full, methods: settings.methods };
	const nothingPaid = invoice.paidMinor === 0 && invoice.depositAppliedMinor === 0;
	if (settings.allowDeposits && invoice.estimateId && nothingPaid) {
		const deposit = Math.floor((invoice.totalMinor * settings.depositPercent + 50) / 100);
		if (deposit > 0 && deposit < full) options.deposit = deposit;
	}
	if (settings.allowPartial && full > settings.minPartialMinor) {
		options.partial = { minMinor: settings.minPartialMinor, maxMinor: full };
	}
	return options;
}
