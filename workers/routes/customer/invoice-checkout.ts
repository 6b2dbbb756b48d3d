import { createRoute } from "@hono/zod-openapi";
import { requireLinkOrigin } from "../../app-origin";
import { IdempotencyKeyHeader } from "../../contracts/estimates";
import { CheckoutAnswerSchema, CheckoutInput, InvoiceIdParam } from "../../contracts/invoices";
import { errorResponses } from "../../contracts/openapi";
import { jsonAnswer, jsonBody } from "../../contracts/staff";
import { checkIdempotencyKey } from "../../domain/jobs/create-job-once";
import { openCheckout } from "../../domain/payments/checkout";
import { AppError } from "../../errors";
import { tenantGate } from "../../live/channels";
import { paymentProviderFor } from "../../payments/select";
import { createRouter } from "../router";

/** The portal's pay button: one hosted checkout per Idempotency-Key. */
export const invoiceCheckoutRoutes = createRouter().openapi(
	createRoute({
		method: "post",
		path: "/invoices/{id}/checkout",
		tags: ["customer invoices"],
		summary:
			"Open a checkout for the balance or another amount the tenant allows, exactly once per Idempotency-Key",
		description:
			"`amountMinor` omitted: the whole balance. Answers where to send the customer (Stripe Checkout, or the local provider's page in development); the invoice shows the checkout as processing until the provider's webhook confirms it. The same key replays the first `{ url, checkoutId }` (201, `Idempotent-Replayed: true`); another body with it is 422 `idempotency_key_reused`; while the first is still being opened 409 `idempotency_in_flight`. 422 `amount_over_balance` / `amount_not_allowed`; 403 for viewers; 409 `already_paid`.",
		request: { params: InvoiceIdParam, headers: IdempotencyKeyHeader, body: jsonBody(CheckoutInput) },
		responses: {
			201: jsonAnswer("Where to pay (or the replay of the first answer)", CheckoutAnswerSchema),
			...errorResponses(400, 401, 403, 404, 409, 422),
		},
	}),
	async (c) => {
		const { db, tenant, me } = c.var;
		const key = checkIdempotencyKey(c.req.header("Idempotency-Key"), true, "checkout");
		const origin = requireLinkOrigin(c);
		const provider = paymentProviderFor(c.env, origin);
		if (!provider) {
			throw new AppError(503, "not_configured", "Online payment is not set up for this portal yet.");
		}
		const deps = { db, gate: tenantGate(c.env, tenant.id), provider, origin, now: Date.now() };
		const { checkout, replayed } = await openCheckout(
			deps,
			tenant,
			me,
			c.req.valid("param").id,
			key,
			c.req.valid("json"),
		);
		if (replayed) c.header("Idempotent-Replayed", "true");
		return c.json(checkout, 201);
	},
);
