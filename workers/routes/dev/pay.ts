import type { Context } from "hono";
import type { AppEnv } from "../../app-env";
import { formatMoney } from "../../domain/format";
import { checkoutForPayPage } from "../../domain/payments/checkout";
import { notFound } from "../../errors";
import { LOCAL_WEBHOOK_SECRET, localCheckoutEvent } from "../../payments/local";
import { signAsStripe } from "../../payments/stripe-events";
import { createRouter } from "../router";
import { PAY_PAGE_CSP, renderPayPage } from "./pay-page";

async function loadCheckout(c: Context<AppEnv>) {
	const found = await checkoutForPayPage(c.var.db, c.req.param("checkoutId") ?? "");
	if (!found?.checkout.providerSessionId) throw notFound("That checkout");
	return { ...found, providerSessionId: found.checkout.providerSessionId };
}

function payPage(c: Context<AppEnv>, found: Awaited<ReturnType<typeof loadCheckout>>, problem?: string) {
	const { checkout, invoice, tenant } = found;
	c.header("Cache-Control", "no-store");
	c.header("Content-Security-Policy", PAY_PAGE_CSP);
	return c.html(
		renderPayPage({
			checkoutId: checkout.id,
			tenantName: tenant.name,
			colors: { primary: tenant.colorPrimary, text: tenant.colorText },
			invoiceNumber: invoice.number,
			amount: formatMoney(checkout.amountMinor, checkout.currency, tenant.settings.defaultLocale),
			status: checkout.status,
			problem,
		}),
		problem ? 502 : 200,
	);
}

/**
 * Pay or Decline: builds the event Stripe would send, signs it exactly as Stripe signs (its own
 * test-header helper, the local webhook secret) and hands it to the real webhook endpoint through
 * the app's own fetch. Only once that endpoint has answered does the payer go back to the portal,
 * whose page waits for the checkout's status: the redirect itself marks nothing paid.
 */
async function complete(c: Context<AppEnv>, outcome: "paid" | "declined") {
	const found = await loadCheckout(c);
	const { checkout, invoice, tenant } = found;
	const back = `/c/${tenant.slug}/invoices/${invoice.id}`;
	if (checkout.status !== "open" && checkout.status !== "creating") return payPage(c, found);
	const payload = JSON.stringify(
		localCheckoutEvent(
			{
				checkoutId: checkout.id,
				tenantId: tenant.id,
				invoiceId: invoice.id,
				providerSessionId: found.providerSessionId,
				amountMinor: checkout.amountMinor,
				currency: checkout.currency,
			},
			outcome,
		),
	);
	const delivered = await c.var.loopback(
		new Request(new URL("/api/webhooks/payments", c.req.url), {
			method: "POST",
			headers: {
				"Content-Type": "application/json; charset=utf-8",
				"Stripe-Signature": await signAsStripe(payload, LOCAL_WEBHOOK_SECRET),
			},
			body: payload,
		}),
	);
	if (!delivered.ok) {
		const answer = await delivered.text();
		return payPage(c, found, `The webhook answered ${delivered.status}: ${answer.slice(0, 300)}`);
	}
	await delivered.body?.cancel();
	return c.redirect(outcome === "paid" ? `${back}?checkout=${encodeURIComponent(checkout.id)}` : back, 303);
}

/** `/dev/pay/:checkoutId`: the local payment provider's hosted checkout. */
export const devPayRoutes = createRouter()
	.get("/pay/:checkoutId", async (c) => payPage(c, await loadCheckout(c)))
	.post("/pay/:checkoutId/pay", (c) => complete(c, "paid"))
	.post("/pay/:checkoutId/decline", (c) => complete(c, "declined"));
