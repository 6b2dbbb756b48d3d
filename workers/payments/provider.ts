import type { OnlinePaymentMethod, PaymentProvider as ProviderName } from "../../schema/invoice-values";

/** What a checkout is for: the invoice, the amount, and where the payer comes back to. */
export type CheckoutRequest = {
	invoice: { id: string; number: number; tenantId: string };
	/** Our `checkout_sessions` row, echoed back in the provider's events as metadata. */
	checkoutId: string;
	amountMinor: number;
	/** ISO 4217, as the invoice stores it. */
	currency: string;
	/** The same for every retry of one checkout, so the provider opens one session whatever happens. */
	idempotencyKey: string;
	successUrl: string;
	cancelUrl: string;
	methods: OnlinePaymentMethod[];
	/** A tenant's Stripe Connect account (`acct_…`): the session is a direct charge on it. */
	connectAccountId: string | null;
	customerEmail?: string | null;
};

/** The provider's hosted checkout: where the payer goes, and the id its events will name. */
export type ProviderCheckout = { providerSessionId: string; url: string };

/** The checkout session an event is about, as every provider reports it (Stripe's shape). */
export type CheckoutSessionFacts = {
	providerSessionId: string;
	/** From the metadata we set when the session was made; null when absent (not one of ours). */
	tenantId: string | null;
	invoiceId: string | null;
	checkoutId: string | null;
	paymentStatus: "paid" | "unpaid" | "no_payment_required";
	amountMinor: number | null;
	/** Upper-case ISO 4217 (Stripe sends lower case). */
	currency: string | null;
	/** The payment intent: the payment's reference, unique per provider. */
	paymentRef: string | null;
	/** The Connect account the event came from, if any. */
	account: string | null;
};

/** A verified provider event: its id (each applied once) and, for checkout events, the session. */
export type PaymentEvent = {
	id: string;
	type: string;
	session: CheckoutSessionFacts | null;
};

/**
 * A payment provider behind one interface: Stripe in a deploy, the local stand-in in development.
 * `verifyWebhook` throws `WebhookSignatureError` for a bad, stale or missing signature.
 */
export interface PaymentProvider {
	readonly name: Extract<ProviderName, "stripe" | "local">;
	createCheckout(request: CheckoutRequest): Promise<ProviderCheckout>;
	verifyWebhook(rawBody: string, headers: Headers): Promise<PaymentEvent>;
}

/** The webhook's signature is missing, wrong or too old: answer 400 and record nothing. */
export class WebhookSignatureError extends Error {
	override name = "WebhookSignatureError";
}

/** The provider refused or could not be reached while opening a checkout. */
export class PaymentProviderError extends Error {
	override name = "PaymentProviderError";
}
