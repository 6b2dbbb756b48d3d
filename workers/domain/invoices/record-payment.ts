import { and, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { PaymentMethod, PaymentProvider } from "../../../schema/invoice-values";
import { accounts } from "../../../schema/tables/accounts";
import { invoices, payments } from "../../../schema/tables/invoices";
import type { OfflinePaymentInput, StaffInvoice } from "../../contracts/invoices";
import type { Db } from "../../db";
import { AppError, fieldInvalid, notFound } from "../../errors";
import { type Actor, auditBy } from "../activity/actor";
import { auditInsert } from "../activity/audit";
import { invoicePaymentAlert } from "../activity/inbox";
import { formatMoney } from "../format";
import { newId } from "../ids";
import type { LiveChannels } from "../live/live-jobs";
import type { NamedRecipient } from "../notifications/recipients";
import { type NoticeLog, notificationInsert } from "../notifications/record";
import type { Tenant } from "../tenant/tenant";
import { localDate, startOfLocalDay } from "../time";
import { isNotNullViolation, isUniqueViolation } from "../unique-violation";
import { webhookEventStatements } from "../webhooks/events";
import { loadStaffInvoice } from "./staff-invoices";
import { balanceMinor } from "./status";

/** A payment to record against an invoice, from a provider's webhook or a dispatcher's hand. */
export type PaymentToRecord = {
	invoiceId: string;
	amountMinor: number;
	currency: string;
	method: PaymentMethod;
	provider: PaymentProvider;
	/** The provider's payment id (payment intent) or the offline reference; one payment per reference. */
	providerRef: string | null;
	checkoutId?: string | null;
	receivedAt: number;
	/** The dispatcher who recorded it; null for a provider's (the audit log says `system`). */
	actor: Actor | null;
	/** Who paid, for the inbox alert; default the account's name. */
	payer?: string;
	/**
	 * Money a provider already took: recorded even past the balance, on a void invoice or a draft
	 * (the balance stops at 0), never refused but for another currency. Offline payments leave it off.
	 */
	alreadyTaken?: boolean;
	/** More statements for the same atomic batch (the checkout marked paid, the event ledger). */
	alsoInBatch?: BatchItem<"sqlite">[];
	/**
	 * Tell of it: the payer's receipt (essential, to `receiptTo`) and the dispatchers' "paid" email
	 * (those who did not turn payments off), recorded in the payment's batch, delivered by the queue.
	 */
	notify?: { notices: NoticeLog | undefined; receiptTo: NamedRecipient | null };
};

export type RecordedPayment =
	| { outcome: "recorded"; paymentId: string; balanceMinor: number; paidInFull: boolean }
	/** A payment with this provider reference was recorded before: nothing was written. */
	| { outcome: "duplicate"; paymentId: string | null };

/** The invoice as a payment needs it: the row and who to name in the alert. */
export type InvoiceToPay = { invoice: typeof invoices.$inferSelect; accountName: string | null };

/** Reads the invoice a payment is for; 404 for another tenant's. */
export async function invoiceToPay(db: Db, tenantId: string, invoiceId: string): Promise<InvoiceToPay> {
	const [row] = await db
		.select({ invoice: invoices, accountName: accounts.name })
		.from(invoices)
		.leftJoin(accounts, and(eq(accounts.id, invoices.accountId), eq(accounts.tenantId, invoices.tenantId)))
		.where(and(eq(invoices.tenantId, tenantId), eq(invoices.id, invoiceId)));
	if (!row) throw notFound("That invoice");
	return row;
}

/**
 * Why the payment cannot be recorded, thrown: another currency (422 `currency_mismatch`) always;
 * unless the money was `alreadyTaken`, a void invoice (409 `invoice_void`), a draft (409
 * `not_shared`) and an amount over the balance (422 `amount_over_balance`).
 */
export function refusePayment({ invoice }: InvoiceToPay, p: PaymentToRecord): void {
	if (p.currency.toUpperCase() !== invoice.currency.toUpperCase()) {
		throw new AppError(
			422,
			"currency_mismatch",
			`This invoice is in ${invoice.currency}, not ${p.currency.toUpperCase()}.`,
		);
	}
	if (p.alreadyTaken) return;
	if (invoice.voidedAt !== null) throw new AppError(409, "invoice_void", "This invoice is void.");
	if (invoice.sharedAt === null) {
		throw new AppError(409, "not_shared", "Share this invoice before recording payments on it.");
	}
	const balance = balanceMinor(invoice);
	if (p.amountMinor <= 0 || p.amountMinor > balance) {
		throw new AppError(
			422,
			"amount_over_balance",
			balance === 0 ? "This invoice is paid in full." : `The balance is ${balance}; pay at most that much.`,
			[{ path: ["amountMinor"], field: "amountMinor", message: "More than the balance." }],
		);
	}
}

/**
 * The statements that record one payment, for a `db.batch`: the payment row, the invoice's
 * `paidMinor` bumped, the audit entry with the provider reference and the dispatchers' inbox
 * alert ("invoice paid" once nothing is left, "payment received" otherwise). With
 * `guardPaid`, the payment row is NULL (the batch refused, `isNotNullViolation`) unless the
 * invoice still has that `paidMinor` when the batch runs. Checks nothing: see `refusePayment`.
 */
export function paymentStatements(
	db: Db,
	tenant: Pick<Tenant, "id" | "settings">,
	{ invoice, accountName }: InvoiceToPay,
	p: PaymentToRecord,
	now: number,
	guardPaid?: number,
) {
	const after = balanceMinor({ ...invoice, paidMinor: invoice.paidMinor + p.amountMinor });
	const locale = tenant.settings.defaultLocale;
	const paymentId = newId("pay");
	const audit = {
		action: "invoice.payment_recorded",
		targetType: "invoice",
		targetId: invoice.id,
		data: {
			paymentId,
			amountMinor: p.amountMinor,
			currency: invoice.currency,
			method: p.method,
			provider: p.provider,
			providerRef: p.providerRef,
			checkoutId: p.checkoutId ?? null,
			balanceMinor: after,
		},
	};
	const ofInvoice = and(eq(invoices.tenantId, tenant.id), eq(invoices.id, invoice.id));
	const statements: BatchItem<"sqlite">[] = [
		db.insert(payments).values({
			id: paymentId,
			tenantId: tenant.id,
			invoiceId: invoice.id,
			amountMinor:
				guardPaid === undefined
					? p.amountMinor
					: sql`(SELECT ${p.amountMinor} FROM ${invoices} WHERE ${and(ofInvoice, eq(invoices.paidMinor, guardPaid))})`,
			currency: invoice.currency,
			method: p.method,
			provider: p.provider,
			providerRef: p.providerRef,
			checkoutId: p.checkoutId ?? null,
			receivedAt: p.receivedAt,
			recordedBy: p.actor?.id ?? null,
		}),
		db
			.update(invoices)
			.set({ paidMinor: sql`${invoices.paidMinor} + ${p.amountMinor}`, updatedAt: now })
			.where(ofInvoice),
		p.actor
			? auditBy(db, p.actor, audit, now)
			: auditInsert(db, { tenantId: tenant.id, actorType: "system", actorLabel: p.provider, ...audit }, now),
		invoicePaymentAlert(
			db,
			{
				tenantId: tenant.id,
				invoiceId: invoice.id,
				number: invoice.number,
				amount: formatMoney(p.amountMinor, invoice.currency, locale),
				balance: after === 0 ? null : formatMoney(after, invoice.currency, locale),
				accountId: invoice.accountId,
				contactId: invoice.contactId,
				payer: p.payer ?? accountName ?? "the customer",
			},
			now,
		),
	];
	if (p.notify) {
		const facts = {
			amountMinor: p.amountMinor,
			currency: invoice.currency,
			balanceMinor: after,
			paymentRef: p.providerRef ?? undefined,
			payer: p.payer ?? accountName ?? undefined,
		};
		const about = { tenantId: tenant.id, invoiceId: invoice.id, jobId: invoice.jobId };
		const { notices, receiptTo } = p.notify;
		if (receiptTo) {
			statements.push(
				notificationInsert(
					db,
					notices,
					{ ...about, kind: "receipt", data: { ...facts, recipients: [receiptTo] } },
					now,
				),
			);
		}
		statements.push(notificationInsert(db, notices, { ...about, kind: "staff_payment", data: facts }, now));
	}
	statements.push(
		...webhookEventStatements(
			db,
			tenant.id,
			"invoice.paid",
			{
				id: invoice.id,
				number: invoice.number,
				paymentId,
				amountMinor: p.amountMinor,
				currency: invoice.currency,
				method: p.method,
				balanceMinor: after,
				paidInFull: after === 0,
				accountId: invoice.accountId,
				contactId: invoice.contactId,
			},
			now,
		),
	);
	return { paymentId, statements, balanceMinor: after, paidInFull: after === 0 };
}

/** Attempts when another payment lands between our read and our write. */
const ATTEMPTS = 3;

/**
 * Records one payment exactly once (`paymentStatements`, and `alsoInBatch`, in one D1 batch),
 * after `refusePayment`. The batch is guarded on the `paidMinor` it read, so concurrent
 * payments never pay past the total: it reads again and checks again when another landed. The
 * same provider reference again is `duplicate`, not an error: webhooks repeat. With `live`, the
 * open boards get the new unread count.
 */
export async function recordPayment(
	db: Db,
	tenant: Pick<Tenant, "id" | "settings">,
	p: PaymentToRecord,
	now = Date.now(),
	live?: LiveChannels,
): Promise<RecordedPayment> {
	for (let attempt = 1; ; attempt++) {
		const target = await invoiceToPay(db, tenant.id, p.invoiceId);
		refusePayment(target, p);
		const recorded = paymentStatements(db, tenant, target, p, now, target.invoice.paidMinor);
		const statements = [...recorded.statements, ...(p.alsoInBatch ?? [])];
		try {
			await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
			await live?.publishUnreadAlerts(tenant.id);
			return {
				outcome: "recorded",
				paymentId: recorded.paymentId,
				balanceMinor: recorded.balanceMinor,
				paidInFull: recorded.paidInFull,
			};
		} catch (err) {
			if (p.providerRef !== null && isUniqueViolation(err)) {
				const [existing] = await db
					.select({ id: payments.id })
					.from(payments)
					.where(
						and(
							eq(payments.tenantId, tenant.id),
							eq(payments.provider, p.provider),
							eq(payments.providerRef, p.providerRef),
						),
					);
				return { outcome: "duplicate", paymentId: existing?.id ?? null };
			}
			if (!isNotNullViolation(err) || attempt >= ATTEMPTS) throw err;
		}
	}
}

/**
 * A payment received outside the portal (cheque, bank transfer, cash), recorded by a
 * dispatcher with its reference; `receivedOn` is a day in the tenant's zone, not after today.
 * The same reference twice is 409 naming `reference`.
 */
export async function recordOfflinePayment(
	deps: { db: Db; now: number; live?: LiveChannels },
	tenant: Tenant,
	actor: Actor,
	invoiceId: string,
	input: OfflinePaymentInput,
): Promise<StaffInvoice> {
	const { db, now } = deps;
	const today = localDate(now, tenant.timezone);
	if (input.receivedOn !== undefined && input.receivedOn > today) {
		throw fieldInvalid(["receivedOn"], "The day it was received cannot be after today.");
	}
	const receivedAt =
		input.receivedOn === undefined || input.receivedOn === today
			? now
			: (startOfLocalDay(input.receivedOn, tenant.timezone) ?? now);
	const [current] = await db
		.select({ currency: invoices.currency })
		.from(invoices)
		.where(and(eq(invoices.tenantId, tenant.id), eq(invoices.id, invoiceId)));
	if (!current) throw notFound("That invoice");
	const recorded = await recordPayment(
		db,
		tenant,
		{
			invoiceId,
			amountMinor: input.amountMinor,
			currency: current.currency,
			method: input.method,
			provider: "offline",
			providerRef: input.reference,
			receivedAt,
			actor,
		},
		now,
		deps.live,
	);
	if (recorded.outcome === "duplicate") {
		throw new AppError(409, "conflict", "A payment with this reference was already recorded.", [
			{ path: ["reference"], field: "reference", message: "Already recorded." },
		]);
	}
	return loadStaffInvoice(db, tenant, invoiceId, now);
}
