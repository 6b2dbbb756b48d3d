import type Stripe from "stripe";
import type { OnlinePaymentMethod } from "../../schema/invoice-values";
import { type PaymentProvider, PaymentProviderError } from "./provider";
import { loadStripe, verifyStripeSignedEvent } from "./stripe-events";

/**
 * Stripe Checkout's name for each method a tenant may offer. Passed as
 * `allowed_payment_method_types`, the current API's filter (the older static
 * `payment_method_types` list is gone from this API version's create parameters).
 */
const STRIPE_METHOD: Record<OnlinePaymentMethod, "card" | "us_bank_account"> = {
	card: "card",
	bank_debit: "us_bank_account",
};

export type StripeProviderOptions = {
	secretKey: string;
	/** The signing secrets of the endpoints that deliver here: the account's, and Connect's if set. */
	webhookSecrets: string[];
	/** The network edge, swapped in tests; the global `fetch` otherwise. */
	fetch?: typeof fetch;
};

/**
 * Stripe through its official SDK, on workerd's `fetch` and SubtleCrypto: hosted Checkout in
 * payment mode, one line "Invoice #N", our ids as metadata, the idempotency key passed on (a
 * retry opens no second session), and `stripeAccount` for a tenant's Connect account.
 */
export function stripeProvider(options: StripeProviderOptions): PaymentProvider {
	// Called through a wrapper: workerd refuses a detached `fetch` invoked with another `this`.
	const edge = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
	let client: Promise<Stripe> | undefined;
	const stripeClient = () => {
		client ??= loadStripe().then(
			({ Stripe: Sdk }) =>
				new Sdk(options.secretKey, {
					httpClient: Sdk.createFetchHttpClient(edge),
					// The SDK retries with the same idempotency key, so a retry can never open a second session.
					maxNetworkRetries: 2,
					timeout: 15_000,
				}),
		);
		return client;
	};
	return {
		name: "stripe",
		async createCheckout(r) {
			const metadata = { tenantId: r.invoice.tenantId, invoiceId: r.invoice.id, checkoutId: r.checkoutId };
			let session: Stripe.Checkout.Session;
			try {
				const stripe = await stripeClient();
				session = await stripe.checkout.sessions.create(
					{
						mode: "payment",
						line_items: [
							{
								quantity: 1,
								price_data: {
									currency: r.currency.toLowerCase(),
									unit_amount: r.amountMinor,
									product_data: { name: `Invoice #${r.invoice.number}` },
								},
							},
						],
						allowed_payment_method_types: r.methods.map((m) => STRIPE_METHOD[m]),
						success_url: r.successUrl,
						cancel_url: r.cancelUrl,
						client_reference_id: r.checkoutId,
						customer_email: r.customerEmail ?? undefined,
						metadata,
						payment_intent_data: { metadata },
					},
					{ idempotencyKey: r.idempotencyKey, stripeAccount: r.connectAccountId ?? undefined },
				);
			} catch (err) {
				throw new PaymentProviderError(err instanceof Error ? err.message : String(err));
			}
			if (!session.url) throw new PaymentProviderError("Stripe answered a session without a URL.");
			return { providerSessionId: session.id, url: session.url };
		},
		async verifyWebhook(rawBody, headers) {
			const signature = headers.get("Stripe-Signature");
			let refusal: unknown;
			// A Connect endpoint signs with its own secret; either endpoint may deliver to this URL.
			for (const secret of options.webhookSecrets) {
				try {
					return await verifyStripeSignedEvent(rawBody, signature, secret);
				} catch (err) {
					refusal ??= err;
				}
			}
			throw refusal;
		},
	};
}
