import { and, eq, inArray, isNotNull, or, type SQL } from "drizzle-orm";
import { invoices } from "../../../schema/tables/invoices";
import { jobs } from "../../../schema/tables/jobs";
import type { Db } from "../../db";
import { type AreaScope, can, seesWholeAccount } from "../customers/permissions";

/** Who is looking at invoices in the portal: the same facts as for estimates. */
export type InvoiceReader = Pick<AreaScope, "tenantId" | "contactId" | "accountId" | "locationIds"> & {
	role: string;
};
export { estimateReaderOf as invoiceReaderOf } from "../estimates/access";

/** What an invoice says about whose it is. `jobContactId` is who booked its job. */
export type InvoiceParties = {
	accountId: string;
	locationId: string | null;
	contactId: string | null;
	jobContactId: string | null;
};

export type InvoiceAccess = {
	/** The invoices the reader sees, as SQL (shared ones only: a draft is never in the portal). */
	where: SQL;
	/** Whether the reader sees this invoice (its sharing aside); the same rule as `where`. */
	sees: (invoice: InvoiceParties) => boolean;
	/** Whether the reader may pay (open a checkout); viewers only look. */
	canPay: boolean;
};

/**
 * The one rule of which invoices a contact sees and may pay in the portal (scope and role from
 * customers/permissions):
 * - admin, billing and viewer: every shared invoice of their account (viewers cannot pay);
 * - booker: those addressed to them, those of their locations, and those of jobs they booked;
 * - a contact of no account: those addressed to them.
 * Drafts, another account's and another tenant's invoices are not theirs: a 404.
 */
export function invoiceAccess(db: Db, r: InvoiceReader): InvoiceAccess {
	const canPay = can(r, "invoices.pay");
	const shared = and(eq(invoices.tenantId, r.tenantId), isNotNull(invoices.sharedAt));
	if (!r.accountId) {
		return {
			where: and(shared, eq(invoices.contactId, r.contactId)) as SQL,
			sees: (i) => i.contactId === r.contactId,
			canPay,
		};
	}
	const accountId = r.accountId;
	const ofAccount = eq(invoices.accountId, accountId);
	if (seesWholeAccount(r.role, "invoices")) {
		return { where: and(shared, ofAccount) as SQL, sees: (i) => i.accountId === accountId, canPay };
	}
	const bookedByReader = db
		.select({ id: jobs.id })
		.from(jobs)
		.where(and(eq(jobs.tenantId, r.tenantId), eq(jobs.contactId, r.contactId)));
	const ways: SQL[] = [eq(invoices.contactId, r.contactId), inArray(invoices.jobId, bookedByReader)];
	const locationIds = r.locationIds;
	if (locationIds.length > 0) ways.push(inArray(invoices.locationId, locationIds));
	return {
		where: and(shared, ofAccount, or(...ways)) as SQL,
		sees: (i) =>
			i.accountId === accountId &&
			(i.contactId === r.contactId ||
				i.jobContactId === r.contactId ||
				(i.locationId !== null && locationIds.includes(i.locationId))),
		canPay,
	};
}
