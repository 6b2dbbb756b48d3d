import type Stripe from "stripe";
import { z } from "zod";
import { type PaymentEvent, WebhookSignatureError } from "./provider";

/** How old a signed webhook may be (Stripe's own default): a replay captured later is refused. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

type StripeSdk = typeof Stripe;
let sdk: Promise<{ Stripe: StripeSdk; crypto: Stripe.CryptoProvider }> | undefined;

/**
 * The Stripe SDK, imported the first time a payment needs it: the Worker's other requests (and
 * every test that never pays) neither load nor evaluate it.
 */
export function loadStripe(): Promise<{ Stripe: StripeSdk; crypto: Stripe.CryptoProvider }> {
	sdk ??= import("stripe").then(({ default: Sdk }) => ({
		Stripe: Sdk,
		crypto: Sdk.createSubtleCryptoProvider(),
	}));
	return sdk;
}

const SessionObject = z.object({
	id: z.string().min(1),
	object: z.literal("checkout.session"),
	payment_status: z.enum(["paid", "unpaid", "no_payment_required"]),
	amount_total: z.number().int().nullable().optional(),
	currency: z.string().nullable().optional(),
	payment_intent: z
		.union([z.string(), z.object({ id: z.string() })])
		.nullable()
		.optional(),
	metadata: z.record(z.string(), z.string()).nullable().optional(),
});

const EventEnvelope = z.object({
	id: z.string().min(1),
	type: z.string().min(1),
	account: z.string().nullable().optional(),
	data: z.object({ object: z.unknown() }),
});

/**
 * Verifies a Stripe-signed webhook on its raw body (HMAC-SHA256 through SubtleCrypto, timestamp
 * within the tolerance) and reads the checkout session it carries. Stripe's and the local
 * provider's events both come through here, so development exercises the production path.
 */
export async function verifyStripeSignedEvent(
	rawBody: string,
	signature: string | null,
	secret: string,
): Promise<PaymentEvent> {
	if (!signature) throw new WebhookSignatureError("The Stripe-Signature header is missing.");
	const { Stripe: Sdk, crypto } = await loadStripe();
	let verified: unknown;
	try {
		verified = await Sdk.webhooks.constructEventAsync(
			rawBody,
			signature,
			secret,
			WEBHOOK_TOLERANCE_SECONDS,
			crypto,
		);
	} catch (err) {
		throw new WebhookSignatureError(err instanceof Error ? err.message : "The signature does not verify.");
	}
	const event = EventEnvelope.safeParse(verified);
	if (!event.success) throw new WebhookSignatureError("The signed body is not a Stripe event.");
	const { id, type, account, data } = event.data;
	if (!type.startsWith("checkout.session.")) return { id, type, session: null };
	const session = SessionObject.safeParse(data.object);
	if (!session.success) return { id, type, session: null };
	const s = session.data;
	const intent = s.payment_intent;
	return {
		id,
		type,
		session: {
			providerSessionId: s.id,
			tenantId: s.metadata?.tenantId ?? null,
			invoiceId: s.metadata?.invoiceId ?? null,
			checkoutId: s.metadata?.checkoutId ?? null,
			paymentStatus: s.payment_status,
			amountMinor: s.amount_total ?? null,
			currency: s.currency ? s.currency.toUpperCase() : null,
			paymentRef: typeof intent === "string" ? intent : (intent?.id ?? null),
			account: account ?? null,
		},
	};
}

/** The `Stripe-Signature` header Stripe would send for `payload`, signed with `secret`. */
export async function signAsStripe(payload: string, secret: string, timestamp?: number): Promise<string> {
	const { Stripe: Sdk, crypto } = await loadStripe();
	return Sdk.webhooks.generateTestHeaderStringAsync({ payload, secret, timestamp, cryptoProvider: crypto });
}
