import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Envelope } from "./helpers";
import {
	checkoutRow,
	deliver,
	makeInvoice,
	newKey,
	paidMinorOf,
	paymentSetup,
	postCheckout,
	postWebhook,
	SLOW,
	sessionEvent,
	stripeSignature,
} from "./payment-helpers";

type Checkout = { url: string; checkoutId: string };

const STRIPE = { STRIPE_SECRET_KEY: "sk_test_platform", STRIPE_WEBHOOK_SECRET: "whsec_test_endpoint" };

type StripeCall = { path: string; headers: Headers; form: URLSearchParams };

/**
 * Stripe at the network edge: the SDK's fetch client reaches this instead of api.stripe.com, and
 * gets Stripe-shaped JSON back. One session per idempotency key, as Stripe does; `hold` keeps
 * each answer back until released.
 */
function fakeStripe(opts: { hold?: Promise<void> } = {}) {
	const calls: StripeCall[] = [];
	const sessions = new Map<string, string>();
	let reached: () => void = () => undefined;
	const firstCall = new Promise<void>((resolve) => {
		reached = resolve;
	});
	const real = globalThis.fetch;
	vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
		const request = new Request(input, init);
		const url = new URL(request.url);
		if (url.hostname !== "api.stripe.com") return real(input, init);
		const form = new URLSearchParams(await request.text());
		calls.push({ path: url.pathname, headers: request.headers, form });
		reached();
		await opts.hold;
		const key = request.headers.get("Idempotency-Key") ?? crypto.randomUUID();
		const id = sessions.get(key) ?? `cs_test_${sessions.size + 1}`;
		sessions.set(key, id);
		return Response.json({
			id,
			object: "checkout.session",
			mode: "payment",
			status: "open",
			payment_status: "unpaid",
			amount_total: Number(form.get("line_items[0][price_data][unit_amount]")),
			currency: form.get("line_items[0][price_data][currency]"),
			metadata: {},
			url: `https://checkout.stripe.com/c/pay/${id}`,
		});
	});
	return { calls, sessions, firstCall };
}

afterEach(() => {
	vi.restoreAllMocks();
});

describe("POST /api/c/:slug/invoices/:id/checkout", () => {
	it(
		"needs an Idempotency-Key, naming the header",
		async () => {
			const fx = await paymentSetup();
			const res = await postCheckout(fx.tenant.slug, fx.cookies.admin, fx.invoice.id, null);
			expect(res.status).toBe(400);
			const { error } = (await res.json()) as Envelope;
			expect(error.code).toBe("idempotency_key_required");
			expect(error.message).toContain("Idempotency-Key");
		},
		SLOW,
	);

	it(
		"opens a checkout for the whole balance, and replays it for the same key",
		async () => {
			const fx = await paymentSetup();
			const key = newKey();
			const res = await postCheckout(fx.tenant.slug, fx.cookies.admin, fx.invoice.id, key);
			expect(res.status).toBe(201);
			const first = (await res.json()) as Checkout;
			expect(first.url).toBe(`https://portal.test/dev/pay/${first.checkoutId}`);
			expect(await checkoutRow(first.checkoutId)).toMatchObject({
				status: "open",
				amount_minor: 25_000,
				currency: "USD",
				provider: "local",
				provider_session_id: `cs_local_${first.checkoutId}`,
			});
			const again = await postCheckout(fx.tenant.slug, fx.cookies.admin, fx.invoice.id, key);
			expect(again.status).toBe(201);
			expect(again.headers.get("Idempotent-Replayed")).toBe("true");
			expect(await again.json()).toEqual(first);
			const other = await postCheckout(fx.tenant.slug, fx.cookies.admin, fx.invoice.id, key, {
				amountMinor: 5_000,
			});
			expect(other.status).toBe(422);
			expect(((await other.json()) as Envelope).error.code).toBe("idempotency_key_reused");
		},
		SLOW,
	);

	it(
		"opens one session for 10 concurrent requests with one key (local provider)",
		async () => {
			const fx = await paymentSetup();
			const key = newKey();
			const answers = await Promise.all(
				Array.from({ length: 10 }, () => postCheckout(fx.tenant.slug, fx.cookies.admin, fx.invoice.id, key)),
			);
			const statuses = answers.map((r) => r.status);
			expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
			const ids = new Set<string>();
			for (const res of answers) {
				const body = (await res.json()) as Checkout | Envelope;
				if (res.status === 201) ids.add((body as Checkout).checkoutId);
				else expect((body as Envelope).error.code).toBe("in_flight");
			}
			const replay = await postCheckout(fx.tenant.slug, fx.cookies.admin, fx.invoice.id, key);
			expect(replay.status).toBe(201);
			ids.add(((await replay.json()) as Checkout).checkoutId);
			expect(ids.size).toBe(1);
			const { results } = await env.DB.prepare(
				"SELECT count(*) AS n FROM checkout_sessions WHERE invoice_id = ?",
			)
				.bind(fx.invoice.id)
				.all<{ n: number }>();
			expect(results[0]?.n).toBe(1);
		},
		SLOW,
	);

	it(
		"asks Stripe once for 10 concurrent requests with one key, passing the idempotency key, the line, the metadata and the methods",
		async () => {
			const fx = await paymentSetup({ payments: { methods: ["card", "bank_debit"] } });
			const stripe = fakeStripe();
			const key = newKey();
			const answers = await Promise.all(
				Array.from({ length: 10 }, () =>
					postCheckout(fx.tenant.slug, fx.cookies.admin, fx.invoice.id, key, {}, STRIPE),
				),
			);
			expect(answers.map((r) => r.status).every((s) => s === 201 || s === 409)).toBe(true);
			const replay = await postCheckout(fx.tenant.slug, fx.cookies.admin, fx.invoice.id, key, {}, STRIPE);
			const { checkoutId, url } = (await replay.json()) as Checkout;
			expect(url).toBe("https://checkout.stripe.com/c/pay/cs_test_1");
			expect(stripe.calls).toHaveLength(1);
			const [call] = stripe.calls;
			expect(call?.path).toBe("/v1/checkout/sessions");
			expect(call?.headers.get("Idempotency-Key")).toBe(`checkout/${checkoutId}`);
			expect(call?.headers.get("Authorization")).toBe("Bearer sk_test_platform");
			expect(call?.headers.get("Stripe-Account")).toBeNull();
			const form = call?.form;
			expect(form?.get("mode")).toBe("payment");
			expect(form?.get("line_items[0][price_data][product_data][name]")).toBe(
				`Invoice #${fx.invoice.number}`,
			);
			expect(form?.get("line_items[0][price_data][unit_amount]")).toBe("25000");
			expect(form?.get("line_items[0][price_data][currency]")).toBe("usd");
			expect(form?.getAll("allowed_payment_method_types[0]")).toEqual(["card"]);
			expect(form?.getAll("allowed_payment_method_types[1]")).toEqual(["us_bank_account"]);
			expect(form?.get("metadata[checkoutId]")).toBe(checkoutId);
			expect(form?.get("metadata[tenantId]")).toBe(fx.tenant.id);
			expect(form?.get("metadata[invoiceId]")).toBe(fx.invoice.id);
			expect(form?.get("success_url")).toBe(
				`https://portal.test/c/${fx.tenant.slug}/invoices/${fx.invoice.id}?checkout=${checkoutId}`,
			);
			expect(await checkoutRow(checkoutId)).toMatchObject({
				provider: "stripe",
				provider_session_id: "cs_test_1",
			});
		},
		SLOW,
	);

	it(
		"answers 409 while the first request is still opening the session, then the first answer",
		async () => {
			const fx = await paymentSetup();
			let release: () => void = () => undefined;
			const hold = new Promise<void>((resolve) => {
				release = resolve;
			});
			const stripe = fakeStripe({ hold });
			const key = newKey();
			const first = postCheckout(fx.tenant.slug, fx.cookies.admin, fx.invoice.id, key, {}, STRIPE);
			await stripe.firstCall;
			const during = await postCheckout(fx.tenant.slug, fx.cookies.admin, fx.invoice.id, key, {}, STRIPE);
			expect(during.status).toBe(409);
			expect(((await during.json()) as Envelope).error.code).toBe("in_flight");
			release();
			const done = await first;
			expect(done.status).toBe(201);
			const after = await postCheckout(fx.tenant.slug, fx.cookies.admin, fx.invoice.id, key, {}, STRIPE);
			expect(await after.json()).toEqual(await done.json());
			expect(stripe.calls).toHaveLength(1);
		},
		SLOW,
	);

	it(
		"opens a direct charge on the tenant's Connect account, and takes its events signed with the Connect endpoint's secret",
		async () => {
			const fx = await paymentSetup({ payments: { stripeAccountId: "acct_1TenantAbc" } });
			const stripe = fakeStripe();
			const res = await postCheckout(fx.tenant.slug, fx.cookies.billing, fx.invoice.id, newKey(), {}, STRIPE);
			expect(res.status).toBe(201);
			const { checkoutId } = (await res.json()) as Checkout;
			expect(stripe.calls[0]?.headers.get("Stripe-Account")).toBe("acct_1TenantAbc");
			const event = {
				...(await sessionEvent("checkout.session.completed", checkoutId)),
				account: "acct_1TenantAbc",
			};
			const body = JSON.stringify(event);
			// The local development secret means nothing once Stripe is configured.
			const local = await postWebhook(body, await stripeSignature(body), STRIPE);
			expect(local.status).toBe(400);
			const connect = { ...STRIPE, STRIPE_CONNECT_WEBHOOK_SECRET: "whsec_test_connect_endpoint" };
			const signed = await postWebhook(
				body,
				await stripeSignature(body, { secret: connect.STRIPE_CONNECT_WEBHOOK_SECRET }),
				connect,
			);
			expect(signed.status).toBe(200);
			expect(await signed.json()).toEqual({ received: true, outcome: "applied" });
			expect(await paidMinorOf(fx.invoice.id)).toBe(25_000);
		},
		SLOW,
	);

	it(
		"answers 502 when Stripe fails, and the same key succeeds later with the same provider key",
		async () => {
			const fx = await paymentSetup();
			const real = globalThis.fetch;
			const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
				const url = new URL(new Request(input, init).url);
				if (url.hostname !== "api.stripe.com") return real(input, init);
				return Response.json({ error: { type: "api_error", message: "down" } }, { status: 400 });
			});
			const key = newKey();
			const failed = await postCheckout(fx.tenant.slug, fx.cookies.admin, fx.invoice.id, key, {}, STRIPE);
			expect(failed.status).toBe(502);
			expect(((await failed.json()) as Envelope).error.code).toBe("payment_provider_error");
			spy.mockRestore();
			const stripe = fakeStripe();
			const retried = await postCheckout(fx.tenant.slug, fx.cookies.admin, fx.invoice.id, key, {}, STRIPE);
			expect(retried.status).toBe(201);
			const { checkoutId } = (await retried.json()) as Checkout;
			expect(stripe.calls[0]?.headers.get("Idempotency-Key")).toBe(`checkout/${checkoutId}`);
			expect((await checkoutRow(checkoutId)).status).toBe("open");
		},
		SLOW,
	);

	it(
		"lets admins, billing and bookers pay, refuses viewers with 403, and hides other accounts', tenants' and draft invoices",
		async () => {
			const fx = await paymentSetup();
			const elsewhere = await paymentSetup();
			const draft = await makeInvoice(fx, { sharedAt: null });
			const theirs = await makeInvoice({ tenant: fx.tenant, account: fx.other });
			const pay = (cookie: string, invoiceId = fx.invoice.id) =>
				postCheckout(fx.tenant.slug, cookie, invoiceId, newKey(), { amountMinor: 1_000 });
			const branch = await makeInvoice(fx, { locationId: fx.location.id });
			expect((await pay(fx.cookies.billing)).status).toBe(201);
			expect((await pay(fx.cookies.booker, branch.id)).status).toBe(201);
			// A booker of no location sees the invoices of their own jobs and location only.
			expect((await pay(fx.cookies.loner)).status).toBe(404);
			const viewer = await pay(fx.cookies.viewer);
			expect(viewer.status).toBe(403);
			expect(((await viewer.json()) as Envelope).error.code).toBe("forbidden");
			expect((await pay(fx.cookies.outsider)).status).toBe(404);
			expect((await pay(fx.cookies.admin, theirs.id)).status).toBe(404);
			expect((await pay(fx.cookies.admin, elsewhere.invoice.id)).status).toBe(404);
			expect((await pay(fx.cookies.admin, draft.id)).status).toBe(404);
		},
		SLOW,
	);

	it(
		"refuses an amount over the balance, and amounts the tenant does not allow",
		async () => {
			const fx = await paymentSetup({ payments: { minPartialMinor: 2_000 } });
			const pay = (amountMinor: number, invoiceId = fx.invoice.id, cookie = fx.cookies.admin) =>
				postCheckout(fx.tenant.slug, cookie, invoiceId, newKey(), { amountMinor });
			const over = await pay(25_001);
			expect(over.status).toBe(422);
			const overError = ((await over.json()) as Envelope).error;
			expect(overError.code).toBe("amount_over_balance");
			expect(overError.issues?.[0]?.field).toBe("amountMinor");
			const small = await pay(1_999);
			expect(small.status).toBe(422);
			expect(((await small.json()) as Envelope).error.code).toBe("amount_not_allowed");
			expect((await pay(2_000)).status).toBe(201);

			const strict = await paymentSetup({ payments: { allowPartial: false, allowDeposits: true } });
			const deposit = await makeInvoice(strict, {
				estimateId: "est_deposit",
				totalMinor: 10_000,
				subtotalMinor: 10_000,
			});
			const strictPay = (amountMinor: number) =>
				postCheckout(strict.tenant.slug, strict.cookies.admin, deposit.id, newKey(), { amountMinor });
			expect((await strictPay(5_000)).status).toBe(422);
			expect((await strictPay(3_000)).status).toBe(201);
			expect((await strictPay(10_000)).status).toBe(201);

			const paid = await makeInvoice(fx, { paidMinor: 25_000 });
			const settled = await postCheckout(fx.tenant.slug, fx.cookies.admin, paid.id, newKey());
			expect(settled.status).toBe(409);
			expect(((await settled.json()) as Envelope).error.code).toBe("already_paid");
			const voided = await makeInvoice(fx, { voidedAt: Date.now(), voidReason: "duplicate" });
			const refused = await postCheckout(fx.tenant.slug, fx.cookies.admin, voided.id, newKey());
			expect(refused.status).toBe(409);
			expect(((await refused.json()) as Envelope).error.code).toBe("invoice_void");
		},
		SLOW,
	);

	it(
		"charges only what is left once part is paid",
		async () => {
			const fx = await paymentSetup();
			const first = await postCheckout(fx.tenant.slug, fx.cookies.admin, fx.invoice.id, newKey(), {
				amountMinor: 20_000,
			});
			const { checkoutId } = (await first.json()) as Checkout;
			await deliver(await sessionEvent("checkout.session.completed", checkoutId));
			expect(
				(
					await postCheckout(fx.tenant.slug, fx.cookies.admin, fx.invoice.id, newKey(), {
						amountMinor: 5_001,
					})
				).status,
			).toBe(422);
			const rest = await postCheckout(fx.tenant.slug, fx.cookies.admin, fx.invoice.id, newKey());
			expect((await checkoutRow(((await rest.json()) as Checkout).checkoutId)).amount_minor).toBe(5_000);
		},
		SLOW,
	);
});
