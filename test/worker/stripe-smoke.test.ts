import Stripe from "stripe";
import { describe, expect, it } from "vitest";

describe("stripe in workerd", () => {
	it("signs, verifies and creates a session through a fetch edge", async () => {
		const calls: Array<{ url: string; headers: Headers; body: string }> = [];
		const fake: typeof fetch = async (input, init) => {
			calls.push({ url: String(input), headers: new Headers(init?.headers), body: String(init?.body) });
			return Response.json({
				id: "cs_test_1",
				object: "checkout.session",
				url: "https://checkout.stripe.com/c/pay/cs_test_1",
			});
		};
		const stripe = new Stripe("sk_test_x", {
			httpClient: Stripe.createFetchHttpClient(fake),
			maxNetworkRetries: 0,
		});
		const session = await stripe.checkout.sessions.create(
			{
				mode: "payment",
				line_items: [
					{
						quantity: 1,
						price_data: { currency: "usd", unit_amount: 100, product_data: { name: "Invoice #1" } },
					},
				],
				success_url: "https://x/s",
				cancel_url: "https://x/c",
			},
			{ idempotencyKey: "k-12345678", stripeAccount: "acct_1" },
		);
		expect(session.id).toBe("cs_test_1");
		expect(calls[0]?.headers.get("idempotency-key")).toBe("k-12345678");
		expect(calls[0]?.headers.get("stripe-account")).toBe("acct_1");
		const crypto = Stripe.createSubtleCryptoProvider();
		const payload = JSON.stringify({ id: "evt_1", object: "event", type: "checkout.session.completed" });
		const header = await stripe.webhooks.generateTestHeaderStringAsync({
			payload,
			secret: "whsec_x",
			cryptoProvider: crypto,
		});
		const event = await stripe.webhooks.constructEventAsync(payload, header, "whsec_x", 300, crypto);
		expect(event.id).toBe("evt_1");
		await expect(
			stripe.webhooks.constructEventAsync(`${payload} `, header, "whsec_x", 300, crypto),
		).rejects.toThrow();
	});
});
