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
