import { and, eq, isNull, type SQL } from "drizzle-orm";
import { contacts } from "../../../schema/tables/accounts";
import { invoices } from "../../../schema/tables/invoices";
import type { StaffInvoice, StaffInvoiceListQuery } from "../../contracts/invoices";
import type { Db } from "../../db";
import { AppError, notFound } from "../../errors";
import { type Actor, auditBy } from "../activity/actor";
import type { AccountContact } from "../estimates/recipients";
import { type NoticeLog, notificationInsert } from "../notifications/record";
import { contactLocationIdsJson, parseLocationIds } from "../sign-in/identities";
import type { Tenant } from "../tenant/tenant";
import { localDate } from "../time";
import { invoiceAccess } from "./access";
import {
	type InvoicePageFilters,
	invoiceHeadRead,
	invoicePageRead,
	invoiceReads,
	toInvoice,
} from "./invoice-view";
import { invoiceStatusFilter } from "./status";

type Deps = { db: Db; now: number; notices?: NoticeLog };

/** The invoice as the console shows it; 404 for another tenant's. */
export async function loadStaffInvoice(db: Db, tenant: Tenant, invoiceId: string, now: number) {
	const rows = await db.batch(invoiceReads(db, tenant.id, invoiceId, eq(invoices.tenantId, tenant.id)));
	const invoice = toInvoice(rows, localDate(now, tenant.timezone));
	if (!invoice) throw notFound("That invoice");
	return invoice;
}

/** The read of the console's list: the tenant's invoices by derived status and account. */
export function staffInvoiceListRead(
	db: Db,
	tenant: Tenant,
	query: Pick<StaffInvoiceListQuery, "status" | "accountId" | "limit">,
	cursor: InvoicePageFilters["cursor"],
	today: string,
) {
	const where = and(
		eq(invoices.tenantId, tenant.id),
		query.accountId ? eq(invoices.accountId, query.accountId) : undefined,
		query.status ? invoiceStatusFilter(query.status, today) : undefined,
	) as SQL;
	return invoicePageRead(db, where, { cursor, limit: query.limit });
}

/** Contacts of an account as the share email needs them. */
export function accountContactsRead(db: Db, tenantId: string, accountId: string) {
	return db
		.select({
			id: contacts.id,
			name: contacts.name,
			email: contacts.email,
			role: contacts.role,
			locationId: contacts.locationId,
			locationIdsJson: contactLocationIdsJson,
			blockedAt: contacts.blockedAt,
			locale: contacts.locale,
			notifyPrefs: contacts.notifyPrefs,
		})
		.from(contacts)
		.where(and(eq(contacts.tenantId, tenantId), eq(contacts.accountId, accountId)));
}

/**
 * Who a shared invoice is emailed to: every contact of the account who may see it in the
 * portal (`invoiceAccess`), blocked contacts aside.
 */
export function invoiceRecipients(
	db: Db,
	invoice: { tenantId: string; accountId: string; locationId: string | null; contactId: string | null },
	jobContactId: string | null,
	accountContacts: readonly AccountContact[],
): AccountContact[] {
	return accountContacts
		.filter(
			(c) =>
				c.blockedAt === null &&
				invoiceAccess(db, {
					tenantId: invoice.tenantId,
					contactId: c.id,
					accountId: invoice.accountId,
					locationIds:
						c.locationIdsJson === undefined
							? c.locationId
								? [c.locationId]
								: []
							: parseLocationIds(c.locationIdsJson),
					role: c.role,
				}).sees({ ...invoice, jobContactId }),
		)
		.sort((a, b) => a.name.localeCompare(b.name));
}

const refuseVoid = (voidedAt: number | null) => {
	if (voidedAt !== null) throw new AppError(409, "invoice_void", "This invoice is void.");
};

/**
 * Shares the invoice to the portal (a draft becomes open, or whatever its payments make it);
 * a shared one is shared again, a reminder. Answers who the caller should email; the email is
 * the route's, after the answer. A void invoice is 409.
 */
export async function shareInvoice(
	deps: Deps,
	tenant: Tenant,
	actor: Actor,
	invoiceId: string,
): Promise<{ invoice: StaffInvoice; recipients: AccountContact[] }> {
	const { db, now } = deps;
	const [[head]] = await db.batch([
		invoiceHeadRead(db, and(eq(invoices.tenantId, tenant.id), eq(invoices.id, invoiceId)) as SQL),
	]);
	if (!head) throw notFound("That invoice");
	const row = head.invoice;
	refuseVoid(row.voidedAt);
	const recipients = invoiceRecipients(
		db,
		row,
		head.jobContactId,
		await accountContactsRead(db, tenant.id, row.accountId),
	);
	const [updated] = await db.batch([
		db
			.update(invoices)
			.set({ sharedAt: now, updatedAt: now })
			.where(and(eq(invoices.tenantId, tenant.id), eq(invoices.id, invoiceId), isNull(invoices.voidedAt)))
			.returning({ id: invoices.id }),
		auditBy(
			db,
			actor,
			{
				action: "invoice.shared",
				targetType: "invoice",
				targetId: invoiceId,
				data: { recipients: recipients.map((r) => r.email), again: row.sharedAt !== null },
			},
			now,
		),
		notificationInsert(
			db,
			deps.notices,
			{
				tenantId: tenant.id,
				kind: "invoice",
				invoiceId,
				jobId: row.jobId,
				data: { recipients: recipients.map((r) => ({ email: r.email, contactId: r.id })) },
			},
			now,
		),
	]);
	if (!updated.length) refuseVoid(now);
	return { invoice: await loadStaffInvoice(db, tenant, invoiceId, now), recipients };
}

/** Voids the invoice with the reason, audited: it asks no more money. Already void is 409. */
export async function voidInvoice(
	deps: Deps,
	tenant: Tenant,
	actor: Actor,
	invoiceId: string,
	reason: string,
): Promise<StaffInvoice> {
	const { db, now } = deps;
	const before = await loadStaffInvoice(db, tenant, invoiceId, now);
	refuseVoid(before.voidedAt === null ? null : now);
	const [updated] = await db.batch([
		db
			.update(invoices)
			.set({ voidedAt: now, voidReason: reason, updatedAt: now })
			.where(and(eq(invoices.tenantId, tenant.id), eq(invoices.id, invoiceId), isNull(invoices.voidedAt)))
			.returning({ id: invoices.id }),
		auditBy(
			db,
			actor,
			{
				action: "invoice.voided",
				targetType: "invoice",
				targetId: invoiceId,
				data: { reason, paidMinor: before.paidMinor, balanceMinor: before.balanceMinor },
			},
			now,
		),
	]);
	if (!updated.length) refuseVoid(now);
	return loadStaffInvoice(db, tenant, invoiceId, now);
}
