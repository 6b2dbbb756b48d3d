import { type PaymentProvider, WebhookSignatureError } from "./provider";
import { verifyStripeSignedEvent } from "./stripe-events";

/**
 * The local provider's webhook signing secret. Fixed and public on purpose: it exists only where
 * ENVIRONMENT is development, and lets the dev pay page sign events exactly as Stripe signs them.
 */
export const LOCAL_WEBHOOK_SECRET = "whsec_local_development_only_not_a_secret";

/** The session id the local provider gives a checkout: derived, so a retry gets the same one. */
export const localSessionIdOf = (checkoutId: string) => `cs_local_${checkoutId}`;

/**
 * The development stand-in for Stripe (no key set, ENVIRONMENT=development): its checkout is the
 * page at /dev/pay/:checkoutId on this origin, whose Pay and Decline post Stripe-shaped events,
 * signed as Stripe signs them, to the real webhook endpoint.
 */
export function localProvider(origin: string): PaymentProvider {
	return {
		name: "local",
		async createCheckout(r) {
			return {
				providerSessionId: localSessionIdOf(r.checkoutId),
				url: new URL(`/dev/pay/${encodeURIComponent(r.checkoutId)}`, origin).toString(),
			};
		},
		async verifyWebhook(rawBody, headers) {
			const event = await verifyStripeSignedEvent(
				rawBody,
				headers.get("Stripe-Signature"),
				LOCAL_WEBHOOK_SECRET,
			);
			if (event.session && !event.session.providerSessionId.startsWith("cs_local_")) {
				throw new WebhookSignatureError("Not an event of the local provider.");
			}
			return event;
		},
	};
}

/** What the local pay page knows of the checkout it completes. */
export type LocalCheckout = {
	checkoutId: string;
	tenantId: string;
	invoiceId: string;
	providerSessionId: string;
	amountMinor: number;
	currency: string;
};

/**
 * The event Stripe would send when the payer finishes: `checkout.session.completed` with
 * `payment_status: "paid"` for Pay, `checkout.session.async_payment_failed` for Decline. The
 * payment intent is derived from the checkout, as Stripe's is one per session.
 */
export function localCheckoutEvent(checkout: LocalCheckout, outcome: "paid" | "declined", now = Date.now()) {
	const paid = outcome === "paid";
	return {
		id: `evt_local_${crypto.randomUUID().replaceAll("-", "")}`,
		object: "event",
		api_version: null,
		created: Math.floor(now / 1000),
		livemode: false,
		type: paid ? "checkout.session.completed" : "checkout.session.async_payment_failed",
		data: {
			object: {
				id: checkout.providerSessionId,
				object: "checkout.session",
				mode: "payment",
				status: paid ? "complete" : "expired",
				payment_status: paid ? "paid" : "unpaid",
				amount_total: checkout.amountMinor,
				currency: checkout.currency.toLowerCase(),
				payment_intent: `pi_local_${checkout.checkoutId.replace(/^chk_/, "")}`,
				client_reference_id: checkout.checkoutId,
				metadata: {
					tenantId: checkout.tenantId,
					invoiceId: checkout.invoiceId,
					checkoutId: checkout.checkoutId,
				},
			},
		},
	};
}
