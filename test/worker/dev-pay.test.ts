import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
	alertsOf,
	awaitMail,
	checkoutRow,
	fetchApp,
	openedCheckout,
	paidMinorOf,
	paymentSetup,
	paymentsOf,
	SLOW,
} from "./payment-helpers";

const submit = (checkoutId: string, what: "pay" | "decline", bindings = {}) =>
	fetchApp(
		`/dev/pay/${checkoutId}/${what}`,
		{
			method: "POST",
			headers: { "Content-Type": "application/x-www-form-urlencoded" },
			body: "",
			redirect: "manual",
		},
		bindings,
	);

async function eventsOf(checkoutId: string) {
	const { results } = await env.DB.prepare(
		"SELECT provider, provider_event_id, type, outcome FROM payment_events WHERE checkout_id = ?",
	)
		.bind(checkoutId)
		.all<{ provider: string; provider_event_id: string; type: string; outcome: string }>();
	return results;
}

describe("/dev/pay/:checkoutId (the local payment provider)", () => {
	it(
		"shows the tenant, the invoice number and the exact amount, with Pay and Decline, and changes nothing by being read",
		async () => {
			const fx = await paymentSetup();
			const checkoutId = await openedCheckout(fx, { amountMinor: 12_345 });
			const res = await fetchApp(`/dev/pay/${checkoutId}`);
			expect(res.status).toBe(200);
			expect(res.headers.get("Content-Security-Policy")).toContain("form-action 'self'");
			const html = await res.text();
			expect(html).toContain(fx.tenant.name);
			expect(html).toContain(`Invoice #${fx.invoice.number}`);
			expect(html).toContain("$123.45");
			expect(html).toContain(`action="/dev/pay/${checkoutId}/pay"`);
			expect(html).toContain(`action="/dev/pay/${checkoutId}/decline"`);
			expect((await checkoutRow(checkoutId)).status).toBe("open");
			expect(await paymentsOf(fx.invoice.id)).toEqual([]);
		},
		SLOW,
	);

	it(
		"Pay posts a Stripe-signed event to the real webhook, records the payment once, then sends the payer back",
		async () => {
			const fx = await paymentSetup();
			const checkoutId = await openedCheckout(fx);
			const res = await submit(checkoutId, "pay");
			expect(res.status).toBe(303);
			expect(res.headers.get("Location")).toBe(
				`/c/${fx.tenant.slug}/invoices/${fx.invoice.id}?checkout=${checkoutId}`,
			);
			const [event, ...more] = await eventsOf(checkoutId);
			expect(more).toEqual([]);
			expect(event).toMatchObject({
				provider: "local",
				type: "checkout.session.completed",
				outcome: "applied",
			});
			expect(event?.provider_event_id).toMatch(/^evt_local_/);
			expect(await paymentsOf(fx.invoice.id)).toEqual([
				expect.objectContaining({
					amount_minor: 25_000,
					method: "card",
					provider: "local",
					checkout_id: checkoutId,
				}),
			]);
			expect((await checkoutRow(checkoutId)).status).toBe("paid");
			expect(await alertsOf(fx.tenant.id)).toHaveLength(1);
			await awaitMail(fx.tenant.id, "ana.admin@clinic.example", "Receipt: invoice #");
			expect((await awaitMail(fx.tenant.id, "desk@fleet.example", "Invoice #")).subject).toBe(
				`Invoice #${fx.invoice.number} paid: $250.00`,
			);

			// Pressing Pay again (back button, double submit) pays nothing more.
			const twice = await submit(checkoutId, "pay");
			expect(twice.status).toBe(200);
			expect(await twice.text()).toContain("This checkout is paid");
			expect(await paymentsOf(fx.invoice.id)).toHaveLength(1);
			expect(await paidMinorOf(fx.invoice.id)).toBe(25_000);
			expect(await alertsOf(fx.tenant.id)).toHaveLength(1);
		},
		SLOW,
	);

	it(
		"Decline marks the checkout failed through the webhook and returns to the invoice, paying nothing",
		async () => {
			const fx = await paymentSetup();
			const checkoutId = await openedCheckout(fx);
			const res = await submit(checkoutId, "decline");
			expect(res.status).toBe(303);
			expect(res.headers.get("Location")).toBe(`/c/${fx.tenant.slug}/invoices/${fx.invoice.id}`);
			expect(await eventsOf(checkoutId)).toEqual([
				expect.objectContaining({ type: "checkout.session.async_payment_failed", outcome: "applied" }),
			]);
			expect((await checkoutRow(checkoutId)).status).toBe("failed");
			expect(await paymentsOf(fx.invoice.id)).toEqual([]);
			expect(await alertsOf(fx.tenant.id)).toEqual([]);
		},
		SLOW,
	);

	it(
		"marks nothing paid on the return address: only the webhook does",
		async () => {
			const fx = await paymentSetup();
			const checkoutId = await openedCheckout(fx);
			const back = await fetchApp(`/c/${fx.tenant.slug}/invoices/${fx.invoice.id}?checkout=${checkoutId}`);
			await back.body?.cancel();
			const invoice = await fetchApp(
				`/api/c/${fx.tenant.slug}/invoices/${fx.invoice.id}?checkout=${checkoutId}`,
				{
					headers: { Cookie: fx.cookies.admin },
				},
			);
			await invoice.body?.cancel();
			expect((await checkoutRow(checkoutId)).status).toBe("open");
			expect(await paymentsOf(fx.invoice.id)).toEqual([]);
			expect(await eventsOf(checkoutId)).toEqual([]);
		},
		SLOW,
	);

	it(
		"is a 404 outside development, and for an unknown checkout",
		async () => {
			const fx = await paymentSetup();
			const checkoutId = await openedCheckout(fx);
			const production = { ENVIRONMENT: "production" };
			expect((await fetchApp(`/dev/pay/${checkoutId}`, {}, production)).status).toBe(404);
			expect((await submit(checkoutId, "pay", production)).status).toBe(404);
			expect((await fetchApp("/dev/pay/chk_nothing")).status).toBe(404);
			expect((await checkoutRow(checkoutId)).status).toBe("open");
			expect(await paymentsOf(fx.invoice.id)).toEqual([]);
		},
		SLOW,
	);
});
