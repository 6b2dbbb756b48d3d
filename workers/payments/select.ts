import type { Bindings } from "../bindings";
import { localProvider } from "./local";
import type { PaymentProvider } from "./provider";
import { stripeProvider } from "./stripe";

/**
 * The provider this deployment runs: Stripe when both Worker secrets are set, the local stand-in
 * in development without them, and none otherwise (checkout and webhook answer 503).
 * `origin` is where the local provider's pages live.
 */
export function paymentProviderFor(
	env: Pick<Bindings, "ENVIRONMENT" | "STRIPE_SECRET_KEY" | "STRIPE_WEBHOOK_SECRET">,
	origin: string,
	deps: { fetch?: typeof fetch } = {},
): PaymentProvider | null {
	const secretKey = env.STRIPE_SECRET_KEY?.trim();
	const webhookSecret = env.STRIPE_WEBHOOK_SECRET?.trim();
	if (secretKey && webhookSecret) return stripeProvider({ secretKey, webhookSecret, fetch: deps.fetch });
	if (env.ENVIRONMENT === "development") return localProvider(origin);
	return null;
}
