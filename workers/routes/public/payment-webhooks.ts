import { createRoute, z } from "@hono/zod-openapi";
import { linkOrigin } from "../../app-origin";
import { WebhookAnswerSchema } from "../../contracts/invoices";
import { errorResponses } from "../../contracts/openapi";
import { jsonAnswer } from "../../contracts/staff";
import { applyPaymentEvent } from "../../domain/payments/payment-events";
import { AppError } from "../../errors";
import { useShard } from "../../middleware/database";
import { WebhookSignatureError } from "../../payments/provider";
import { paymentProviderFor } from "../../payments/select";
import { shardOfTenant } from "../../shards";
import { createRouter } from "../router";

/** The payment provider's events: verified on the raw body, each applied once. */
export const paymentWebhookRoutes = createRouter().openapi(
	createRoute({
		method: "post",
		path: "/webhooks/payments",
		tags: ["webhooks"],
		summary: "Payment provider events (Stripe format), signed with the endpoint's secret",
		description:
			"Verifies `Stripe-Signature` over the raw body with a 5-minute tolerance; a bad, stale or missing signature is 400 `invalid_signature` and nothing is recorded. Each event id is applied once: a replay answers 200 with the first outcome and `Idempotent-Replayed: true`. `checkout.session.completed` (paid) and `checkout.session.async_payment_succeeded` record the payment; `async_payment_failed` and `expired` close the checkout unless it is paid. Amounts and currencies not matching the checkout are `rejected`.",
		request: {
			headers: z.object({ "stripe-signature": z.string().optional().openapi({ example: "t=…,v1=…" }) }),
		},
		responses: { 200: jsonAnswer("Received", WebhookAnswerSchema), ...errorResponses(400) },
	}),
	async (c) => {
		// Read the raw body before anything parses it: the signature is over these exact bytes.
		const rawBody = await c.req.text();
		const origin = linkOrigin(c.env, c.req.url);
		const provider = paymentProviderFor(c.env, origin ?? new URL(c.req.url).origin);
		if (!provider) throw new AppError(503, "not_configured", "No payment provider is configured.");
		let event: Awaited<ReturnType<typeof provider.verifyWebhook>>;
		try {
			event = await provider.verifyWebhook(rawBody, c.req.raw.headers);
		} catch (err) {
			if (!(err instanceof WebhookSignatureError)) throw err;
			throw new AppError(400, "invalid_signature", `The webhook signature does not verify: ${err.message}`);
		}
		// The event's metadata names our tenant, and so the shard its checkout and ledger are on.
		const tenantId = event.session?.tenantId;
		if (tenantId) useShard(c, await shardOfTenant(c.env, tenantId));
		const { db, notices } = c.var;
		const answer = await applyPaymentEvent({ db, now: Date.now(), provider: provider.name, notices }, event);
		if (answer.replayed) c.header("Idempotent-Replayed", "true");
		const { payment } = answer;
		if (payment) {
			// The receipt and the dispatchers' email were recorded with the payment; the queue delivers them.
			c.executionCtx.waitUntil(
				c.var.live
					.publishUnreadAlerts(payment.tenantId)
					.catch((err: unknown) =>
						console.error("payment alert not published", { paymentId: payment.paymentId, err: String(err) }),
					),
			);
		}
		return c.json({ received: true as const, outcome: answer.outcome }, 200);
	},
);
