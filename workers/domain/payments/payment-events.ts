import { and, eq, inArray } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { contacts } from "../../../schema/tables/accounts";
import {
	type CheckoutStatus,
	checkoutSessions,
	invoices,
	type PaymentEventOutcome,
	paymentEvents,
} from "../../../schema/tables/invoices";
import { tenants } from "../../../schema/tables/tenants";
import type { Db } from "../../db";
import { AppError } from "../../errors";
import type { PaymentEvent } from "../../payments/provider";
import { recordPayment } from "../invoices/record-payment";
import type { NoticeLog } from "../notifications/record";
import { toTenant } from "../tenant/tenant";
import { isUniqueViolation } from "../unique-violation";

/** What became of one webhook delivery; `replayed` when the event was applied before. */
export type EventAnswer = { outcome: PaymentEventOutcome; detail: string | null; replayed: boolean };

/** A payment just recorded (its emails were recorded in its batch; the board is told after). */
export type ReceivedPayment = {
	paymentId: string;
	tenantId: string;
	invoiceId: string;
	checkoutId: string;
	contactId: string;
	amountMinor: number;
	currency: string;
	providerRef: string;
	receivedAt: number;
};

type Provider = "stripe" | "local";

type Deps = { db: Db; now: number; provider: Provider; notices?: NoticeLog };

const TERMINAL: CheckoutStatus[] = ["paid", "failed", "expired"];

/** The ledger row of an event, to run alone or inside the batch that applies it. */
function ledgerInsert(
	db: Db,
	provider: Provider,
	event: PaymentEvent,
	row: {
		tenantId: string | null;
		checkoutId: string | null;
		outcome: PaymentEventOutcome;
		detail: string | null;
	},
	now: number,
) {
	return db.insert(paymentEvents).values({
		provider,
		providerEventId: event.id,
		type: event.type,
		receivedAt: now,
		...row,
	});
}

async function ledgerOutcome(db: Db, provider: Provider, eventId: string) {
	return db
		.select({ outcome: paymentEvents.outcome, detail: paymentEvents.detail })
		.from(paymentEvents)
		.where(and(eq(paymentEvents.provider, provider), eq(paymentEvents.providerEventId, eventId)))
		.get();
}

/**
 * Applies one verified provider event at most once. The ledger row is written in the batch that
 * does the work, as a plain insert: a second delivery of the event id (a replay, a concurrent
 * duplicate) fails the whole batch on the primary key, so nothing it carries is applied twice.
 * Paid is where a checkout ends whatever arrives later (an `expired` after `completed` changes
 * nothing); money that arrives after `failed` or `expired` is still recorded.
 */
export async function applyPaymentEvent(
	deps: Deps,
	event: PaymentEvent,
): Promise<EventAnswer & { payment: ReceivedPayment | null }> {
	const { db, provider, now } = deps;
	const seen = await ledgerOutcome(db, provider, event.id);
	if (seen) return { ...seen, replayed: true, payment: null };

	/** Records what became of the event, with `work` in the same batch; a lost race is a replay. */
	const settle = async (
		outcome: PaymentEventOutcome,
		detail: string | null,
		context: { tenantId: string | null; checkoutId: string | null } = { tenantId: null, checkoutId: null },
		work: BatchItem<"sqlite">[] = [],
	): Promise<EventAnswer & { payment: null }> => {
		try {
			await db.batch([ledgerInsert(db, provider, event, { ...context, outcome, detail }, now), ...work]);
			return { outcome, detail, replayed: false, payment: null };
		} catch (err) {
			const raced = isUniqueViolation(err) ? await ledgerOutcome(db, provider, event.id) : undefined;
			if (!raced) throw err;
			return { ...raced, replayed: true, payment: null };
		}
	};

	const s = event.session;
	if (!s) return settle("ignored", "not a checkout session event");
	if (!s.tenantId || !s.checkoutId) return settle("rejected", "the session carries none of our metadata");
	const found = await db
		.select({
			checkout: checkoutSessions,
			invoice: invoices,
			tenant: tenants,
			contactName: contacts.name,
			contactEmail: contacts.email,
		})
		.from(checkoutSessions)
		.innerJoin(
			invoices,
			and(eq(invoices.tenantId, checkoutSessions.tenantId), eq(invoices.id, checkoutSessions.invoiceId)),
		)
		.innerJoin(tenants, eq(tenants.id, checkoutSessions.tenantId))
		.leftJoin(
			contacts,
			and(eq(contacts.tenantId, checkoutSessions.tenantId), eq(contacts.id, checkoutSessions.contactId)),
		)
		.where(and(eq(checkoutSessions.tenantId, s.tenantId), eq(checkoutSessions.id, s.checkoutId)))
		.get();
	const context = { tenantId: found ? s.tenantId : null, checkoutId: found ? s.checkoutId : null };
	if (!found) return settle("rejected", `no checkout ${s.checkoutId} in tenant ${s.tenantId}`);
	const { checkout, invoice } = found;
	if (
		checkout.provider !== provider ||
		checkout.providerSessionId !== s.providerSessionId ||
		(s.invoiceId !== null && s.invoiceId !== checkout.invoiceId)
	) {
		return settle(
			"rejected",
			`session ${s.providerSessionId} is not the one checkout ${checkout.id} opened`,
			context,
		);
	}

	const moveTo = (status: CheckoutStatus) =>
		db
			.update(checkoutSessions)
			.set({ status, updatedAt: now })
			.where(
				and(
					eq(checkoutSessions.tenantId, checkout.tenantId),
					eq(checkoutSessions.id, checkout.id),
					status === "paid" ? undefined : inArray(checkoutSessions.status, ["creating", "open"]),
				),
			);
	const ends = async (status: "failed" | "expired") =>
		TERMINAL.includes(checkout.status)
			? settle("ignored", `checkout is ${checkout.status} already`, context)
			: settle("applied", `checkout ${status}`, context, [moveTo(status)]);

	switch (event.type) {
		case "checkout.session.async_payment_failed":
			return ends("failed");
		case "checkout.session.expired":
			return ends("expired");
		case "checkout.session.completed":
			if (s.paymentStatus === "unpaid") {
				return settle("ignored", "completed; the payment is still processing", context);
			}
			break;
		case "checkout.session.async_payment_succeeded":
			break;
		default:
			return settle("ignored", `${event.type} needs nothing`, context);
	}

	// The money arrived: it must be what this checkout asked, in the invoice's currency.
	if (s.amountMinor !== checkout.amountMinor) {
		return settle(
			"rejected",
			`amount ${s.amountMinor} is not the checkout's ${checkout.amountMinor}`,
			context,
		);
	}
	if (s.currency !== checkout.currency.toUpperCase() || s.currency !== invoice.currency.toUpperCase()) {
		return settle("rejected", `currency ${s.currency} is not the invoice's ${invoice.currency}`, context);
	}
	if (checkout.status === "paid") return settle("ignored", "checkout is paid already", context);

	const tenant = toTenant(found.tenant);
	const providerRef = s.paymentRef ?? s.providerSessionId;
	const applied = `paid ${s.amountMinor} ${invoice.currency} (${providerRef})`;
	let recorded: Awaited<ReturnType<typeof recordPayment>>;
	try {
		// The one way payments are recorded: the payment, the invoice's sum, the audit entry with the
		// provider reference and the dispatchers' alert, with this event's ledger row and the checkout
		// marked paid in the same batch.
		recorded = await recordPayment(
			db,
			tenant,
			{
				invoiceId: invoice.id,
				amountMinor: s.amountMinor,
				currency: s.currency,
				method: event.type === "checkout.session.async_payment_succeeded" ? "bank_debit" : "card",
				provider,
				providerRef,
				checkoutId: checkout.id,
				receivedAt: now,
				actor: null,
				payer: found.contactName ?? undefined,
				// The provider took the money: it is recorded even past the balance (another checkout paid
				// first) or on an invoice voided meanwhile, for a dispatcher to refund; the balance stops at 0.
				alreadyTaken: true,
				// The receipt (always sent) and the dispatchers' email, in this batch: a replayed event records neither.
				notify: {
					notices: deps.notices,
					receiptTo: found.contactEmail ? { email: found.contactEmail, contactId: checkout.contactId } : null,
				},
				alsoInBatch: [
					ledgerInsert(db, provider, event, { ...context, outcome: "applied", detail: applied }, now),
					moveTo("paid"),
				],
			},
			now,
		);
	} catch (err) {
		if (!(err instanceof AppError)) throw err;
		// Nothing but another currency is refused, and that was checked above: the invoice changed.
		console.error("payment taken but not recorded", {
			tenantId: tenant.id,
			invoiceId: invoice.id,
			checkoutId: checkout.id,
			providerRef,
			code: err.code,
		});
		return settle("rejected", `${err.code}: ${err.message} (${providerRef}; settle by hand)`, context);
	}
	if (recorded.outcome === "duplicate") {
		const raced = await ledgerOutcome(db, provider, event.id);
		if (raced) return { ...raced, replayed: true, payment: null };
		return settle("ignored", `payment ${providerRef} is recorded already`, context);
	}
	return {
		outcome: "applied",
		detail: applied,
		replayed: false,
		payment: {
			paymentId: recorded.paymentId,
			tenantId: tenant.id,
			invoiceId: invoice.id,
			checkoutId: checkout.id,
			contactId: checkout.contactId,
			amountMinor: s.amountMinor,
			currency: invoice.currency,
			providerRef,
			receivedAt: now,
		},
	};
}
