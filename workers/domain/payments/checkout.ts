import { and, eq } from "drizzle-orm";
import { checkoutSessions, invoices } from "../../../schema/tables/invoices";
import { tenants } from "../../../schema/tables/tenants";
import { type CheckoutAnswer, CheckoutAnswerSchema, type CheckoutInput } from "../../contracts/invoices";
import type { Db } from "../../db";
import { AppError, notFound } from "../../errors";
import { type PaymentProvider, PaymentProviderError } from "../../payments/provider";
import { newId } from "../ids";
import { type IdempotencyGate, writeOnce } from "../jobs/create-job-once";
import { canonicalJson } from "../jobs/idempotency";
import { sha256Hex } from "../secrets";
import type { Me } from "../sign-in/audiences";
import { type Tenant, toTenant } from "../tenant/tenant";
import { balanceOf, loadVisibleInvoice, mayPay, payOptionsOf } from "./payable-invoice";

type CheckoutRow = typeof checkoutSessions.$inferSelect;

export type CheckoutDeps = {
	db: Db;
	gate: IdempotencyGate;
	provider: PaymentProvider;
	/** The app's origin, for the success and cancel URLs. */
	origin: string;
	now: number;
};

const amountRefused = (code: "amount_over_balance" | "amount_not_allowed", message: string) =>
	new AppError(422, code, message, [{ path: ["amountMinor"], field: "amountMinor", message }]);

/** Whether `amount` is one the pay options offer: the balance, the deposit, or a partial in range. */
function amountAllowed(amount: number, options: ReturnType<typeof payOptionsOf>): boolean {
	if (amount === options.full || amount === options.deposit) return true;
	return !!options.partial && amount >= options.partial.minMinor && amount <= options.partial.maxMinor;
}

/**
 * Opens a checkout for one invoice exactly once per contact and Idempotency-Key: the key is
 * claimed in the tenant's gate (a concurrent request with it is 409, another body 422, a retry
 * replays the first `{ url, checkoutId }`), then one `checkout_sessions` row is made — unique per
 * (tenant, contact, key), the D1 backstop — and the provider is asked for one session with an
 * idempotency key of its own derived from that row, so even a retry after a lost answer opens
 * no second session. Viewers may not pay (403); the amount must be one the tenant allows.
 */
export async function openCheckout(
	deps: CheckoutDeps,
	tenant: Tenant,
	me: Me,
	invoiceId: string,
	key: string,
	input: CheckoutInput,
): Promise<{ checkout: CheckoutAnswer; replayed: boolean }> {
	if (!mayPay(me)) {
		throw new AppError(403, "forbidden", "Your role on this account can view invoices but not pay them.");
	}
	const body = { invoiceId, amountMinor: input.amountMinor };
	const requestHash = await sha256Hex(canonicalJson(body));
	const { job, replayed } = await writeOnce({
		gate: deps.gate,
		ownerId: me.id,
		key,
		body,
		answer: CheckoutAnswerSchema,
		noun: "checkout",
		status: 201,
		now: deps.now,
		findByKey: async () => undefined,
		write: async () => ({
			job: await createOrResume(deps, tenant, me, invoiceId, key, requestHash, input),
			publish: [],
		}),
	});
	return { checkout: job, replayed };
}

async function createOrResume(
	deps: CheckoutDeps,
	tenant: Tenant,
	me: Me,
	invoiceId: string,
	key: string,
	requestHash: string,
	input: CheckoutInput,
): Promise<CheckoutAnswer> {
	const { db, now } = deps;
	const mine = and(
		eq(checkoutSessions.tenantId, tenant.id),
		eq(checkoutSessions.contactId, me.id),
		eq(checkoutSessions.idempotencyKey, key),
	);
	// The gate forgets keys after two days; the row does not.
	let row: CheckoutRow | undefined = await db.select().from(checkoutSessions).where(mine).get();
	if (row && row.requestHash !== requestHash) {
		throw new AppError(
			422,
			"idempotency_key_reused",
			"This Idempotency-Key was already used for a different checkout. Use a new key for a new checkout.",
		);
	}
	if (row?.url) return { url: row.url, checkoutId: row.id };
	const invoice = await loadVisibleInvoice(db, tenant.id, me, invoiceId);
	if (!invoice) throw notFound("That invoice");
	if (!row) {
		if (invoice.voidedAt !== null)
			throw new AppError(409, "conflict", "This invoice is void: there is nothing to pay.");
		const balance = balanceOf(invoice);
		if (balance <= 0) throw new AppError(409, "already_paid", "This invoice is paid in full.");
		const amount = input.amountMinor ?? balance;
		if (amount > balance) {
			throw amountRefused("amount_over_balance", `The amount is more than the balance (${balance}).`);
		}
		const options = payOptionsOf(invoice, tenant.settings.payments, me);
		if (!options.canPay || !amountAllowed(amount, options)) {
			throw amountRefused(
				"amount_not_allowed",
				"That amount is not one you can pay online: pay the balance, the deposit, or a partial payment in the range offered.",
			);
		}
		row = await db
			.insert(checkoutSessions)
			.values({
				id: newId("chk"),
				tenantId: tenant.id,
				invoiceId,
				contactId: me.id,
				idempotencyKey: key,
				requestHash,
				amountMinor: amount,
				currency: invoice.currency,
				provider: deps.provider.name,
				status: "creating",
				createdAt: now,
				updatedAt: now,
			})
			.returning()
			.get();
	}
	let opened: { providerSessionId: string; url: string };
	try {
		opened = await deps.provider.createCheckout({
			invoice: { id: invoice.id, number: invoice.number, tenantId: tenant.id },
			checkoutId: row.id,
			amountMinor: row.amountMinor,
			currency: row.currency,
			// One row, one provider key: a retry of this checkout gets the provider's first session back.
			idempotencyKey: `checkout/${row.id}`,
			successUrl: `${deps.origin}/c/${tenant.slug}/invoices/${invoice.id}?checkout=${row.id}`,
			cancelUrl: `${deps.origin}/c/${tenant.slug}/invoices/${invoice.id}`,
			methods: tenant.settings.payments.methods,
			connectAccountId: tenant.settings.payments.stripeAccountId,
			customerEmail: me.email,
		});
	} catch (err) {
		if (!(err instanceof PaymentProviderError)) throw err;
		console.error("checkout not opened", { tenantId: tenant.id, checkoutId: row.id, message: err.message });
		// The row stays `creating`: a retry with the same key resumes it with the same provider key.
		throw new AppError(
			502,
			"payment_provider_error",
			"The payment service did not answer. Try again in a moment.",
		);
	}
	await db
		.update(checkoutSessions)
		.set({
			providerSessionId: opened.providerSessionId,
			url: opened.url,
			status: "open",
			updatedAt: Date.now(),
		})
		.where(
			and(
				eq(checkoutSessions.tenantId, tenant.id),
				eq(checkoutSessions.id, row.id),
				eq(checkoutSessions.status, "creating"),
			),
		)
		.run();
	return { url: opened.url, checkoutId: row.id };
}

/** A checkout with its invoice and tenant, for the local provider's page (development only). */
export async function checkoutForPayPage(db: Db, checkoutId: string) {
	const found = await db
		.select({ checkout: checkoutSessions, invoice: invoices, tenant: tenants })
		.from(checkoutSessions)
		.innerJoin(
			invoices,
			and(eq(invoices.tenantId, checkoutSessions.tenantId), eq(invoices.id, checkoutSessions.invoiceId)),
		)
		.innerJoin(tenants, eq(tenants.id, checkoutSessions.tenantId))
		.where(and(eq(checkoutSessions.id, checkoutId), eq(checkoutSessions.provider, "local")))
		.get();
	return found ? { ...found, tenant: toTenant(found.tenant) } : undefined;
}
