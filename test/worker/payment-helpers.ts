import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import Stripe from "stripe";
import * as schema from "../../schema";
import type { Bindings } from "../../workers/bindings";
import { newId } from "../../workers/domain/ids";
import worker from "../../workers/index";
import { LOCAL_WEBHOOK_SECRET } from "../../workers/payments/local";
import { awaitEmail } from "./auth-helpers";
import { type EstimateFixture, estimateSetup } from "./estimate-helpers";
import { db } from "./fixtures";
import { BASE } from "./helpers";

/** Per-test timeout: sign-ins and D1 on a loaded machine. */
export const SLOW = 20_000;

/**
 * A request through the Worker's handler with this test's own execution context and, if given,
 * other bindings (Stripe secrets, another ENVIRONMENT); resolves once the work it left running
 * after its answer (emails, board updates) has finished.
 */
export async function fetchApp(path: string, init: RequestInit = {}, bindings: Partial<Bindings> = {}) {
	const ctx = createExecutionContext();
	const res = await worker.fetch(new Request(`${BASE}${path}`, init), { ...env, ...bindings }, ctx);
	await waitOnExecutionContext(ctx);
	return res;
}

/** The estimate fixture's tenant and people, and a shared invoice of $250.00 for the account. */
export async function paymentSetup(settings: Record<string, unknown> = {}) {
	const fx = await estimateSetup(settings);
	const invoice = await makeInvoice(fx);
	return { ...fx, invoice };
}

export type PaymentFixture = Awaited<ReturnType<typeof paymentSetup>>;

/** An invoice written straight to D1: shared, due in two weeks, nothing paid unless said. */
export async function makeInvoice(
	fx: Pick<EstimateFixture, "tenant" | "account">,
	over: Partial<typeof schema.invoices.$inferInsert> = {},
) {
	const now = Date.now();
	const earlier = await env.DB.prepare("SELECT count(*) AS n FROM invoices WHERE tenant_id = ?")
		.bind(fx.tenant.id)
		.first<{ n: number }>();
	const values = {
		id: newId("inv"),
		tenantId: fx.tenant.id,
		number: 1001 + (earlier?.n ?? 0),
		accountId: fx.account.id,
		currency: "USD",
		subtotalMinor: 25_000,
		discountMinor: 0,
		taxRateBps: 0,
		taxMinor: 0,
		totalMinor: 25_000,
		paidMinor: 0,
		depositAppliedMinor: 0,
		dueAt: new Date(now + 14 * 86_400_000).toISOString().slice(0, 10),
		sharedAt: now,
		createdAt: now,
		updatedAt: now,
		...over,
	};
	await db.insert(schema.invoices).values(values);
	return values;
}

/** `POST …/invoices/:id/checkout` as `cookie`, with `key` (none when null). */
export function postCheckout(
	slug: string,
	cookie: string,
	invoiceId: string,
	key: string | null,
	body: Record<string, unknown> = {},
	bindings: Partial<Bindings> = {},
) {
	return fetchApp(
		`/api/c/${slug}/invoices/${invoiceId}/checkout`,
		{
			method: "POST",
			headers: {
				Cookie: cookie,
				"Content-Type": "application/json",
				...(key === null ? {} : { "Idempotency-Key": key }),
			},
			body: JSON.stringify(body),
		},
		bindings,
	);
}

export const newKey = () => `key-${crypto.randomUUID()}`;

export async function checkoutRow(checkoutId: string) {
	const row = await env.DB.prepare("SELECT * FROM checkout_sessions WHERE id = ?").bind(checkoutId).first<{
		id: string;
		status: string;
		amount_minor: number;
		currency: string;
		provider: string;
		provider_session_id: string | null;
		url: string | null;
	}>();
	if (!row) throw new Error(`no checkout ${checkoutId}`);
	return row;
}

export async function paymentsOf(invoiceId: string) {
	const { results } = await env.DB.prepare(
		"SELECT amount_minor, currency, method, provider, provider_ref, checkout_id FROM payments WHERE invoice_id = ?",
	)
		.bind(invoiceId)
		.all<{
			amount_minor: number;
			method: string;
			provider: string;
			provider_ref: string;
			checkout_id: string;
		}>();
	return results;
}

export async function paidMinorOf(invoiceId: string) {
	const row = await env.DB.prepare("SELECT paid_minor FROM invoices WHERE id = ?")
		.bind(invoiceId)
		.first<{ paid_minor: number }>();
	return row?.paid_minor;
}

export async function ledgerOf(eventId: string) {
	const { results } = await env.DB.prepare(
		"SELECT outcome, detail, tenant_id, checkout_id FROM payment_events WHERE provider_event_id = ?",
	)
		.bind(eventId)
		.all<{ outcome: string; detail: string | null; tenant_id: string | null; checkout_id: string | null }>();
	return results;
}

type SessionOver = {
	amount_total?: number;
	currency?: string;
	payment_status?: "paid" | "unpaid";
	payment_intent?: string;
	id?: string;
};

/** A Stripe-shaped `checkout.session.*` event about one of our checkouts. */
export async function sessionEvent(type: string, checkoutId: string, over: SessionOver = {}) {
	const row = await env.DB.prepare(
		"SELECT id, tenant_id, invoice_id, amount_minor, currency, provider_session_id FROM checkout_sessions WHERE id = ?",
	)
		.bind(checkoutId)
		.first<{
			id: string;
			tenant_id: string;
			invoice_id: string;
			amount_minor: number;
			currency: string;
			provider_session_id: string;
		}>();
	if (!row) throw new Error(`no checkout ${checkoutId}`);
	return {
		id: `evt_${crypto.randomUUID().replaceAll("-", "")}`,
		object: "event",
		created: Math.floor(Date.now() / 1000),
		livemode: false,
		type,
		data: {
			object: {
				id: over.id ?? row.provider_session_id,
				object: "checkout.session",
				mode: "payment",
				payment_status: over.payment_status ?? "paid",
				amount_total: over.amount_total ?? row.amount_minor,
				currency: over.currency ?? row.currency.toLowerCase(),
				payment_intent: over.payment_intent ?? `pi_${row.id}`,
				metadata: { tenantId: row.tenant_id, invoiceId: row.invoice_id, checkoutId: row.id },
			},
		},
	};
}

/** The Stripe-Signature header for `payload`, made by stripe's own test helper. */
export function stripeSignature(payload: string, opts: { secret?: string; timestamp?: number } = {}) {
	return Stripe.webhooks.generateTestHeaderStringAsync({
		payload,
		secret: opts.secret ?? LOCAL_WEBHOOK_SECRET,
		timestamp: opts.timestamp,
		cryptoProvider: Stripe.createSubtleCryptoProvider(),
	});
}

/** Posts a raw body with a signature header to the webhook endpoint. */
export function postWebhook(body: string, signature: string | null, bindings: Partial<Bindings> = {}) {
	return fetchApp(
		"/api/webhooks/payments",
		{
			method: "POST",
			headers: {
				"Content-Type": "application/json; charset=utf-8",
				...(signature === null ? {} : { "Stripe-Signature": signature }),
			},
			body,
		},
		bindings,
	);
}

/** Signs `event` (stripe's test helper) and delivers it; `opts` sign it otherwise. */
export async function deliver(event: unknown, opts: { secret?: string; timestamp?: number } = {}) {
	const body = JSON.stringify(event);
	return postWebhook(body, await stripeSignature(body, opts));
}

/** Opens a checkout for the whole balance as the account admin and answers its id. */
export async function openedCheckout(fx: PaymentFixture, body: Record<string, unknown> = {}) {
	const res = await postCheckout(fx.tenant.slug, fx.cookies.admin, fx.invoice.id, newKey(), body);
	if (res.status !== 201) throw new Error(`checkout answered ${res.status}: ${await res.text()}`);
	return ((await res.json()) as { checkoutId: string; url: string }).checkoutId;
}

export async function alertsOf(tenantId: string) {
	const { results } = await env.DB.prepare(
		"SELECT title, body, invoice_id FROM inbox_alerts WHERE tenant_id = ? AND kind IN ('invoice_paid', 'payment_received')",
	)
		.bind(tenantId)
		.all<{ title: string; body: string; invoice_id: string }>();
	return results;
}

/** The emails one tenant sent to `to`, newest first (the outbox is shared by the file's tests), with their headers. */
export async function mailOf(tenantId: string, to: string) {
	const { results } = await env.DB.prepare(
		'SELECT subject, text, headers FROM outbox_emails WHERE tenant_id = ? AND "to" = ? ORDER BY sent_at DESC, rowid DESC',
	)
		.bind(tenantId, to)
		.all<{ subject: string; text: string; headers: string }>();
	return results.map((r) => ({ ...r, headers: JSON.parse(r.headers || "{}") as Record<string, string> }));
}

/** The notifications a payment of the invoice recorded, with the recipients named in them. */
export async function paymentNotificationsOf(invoiceId: string) {
	const { results } = await env.DB.prepare(
		"SELECT kind, data FROM notifications WHERE invoice_id = ? AND kind IN ('receipt', 'staff_payment') ORDER BY kind",
	)
		.bind(invoiceId)
		.all<{ kind: string; data: string }>();
	return results.map((r) => ({
		kind: r.kind,
		to: ((JSON.parse(r.data) as { recipients?: Array<{ email: string }> }).recipients ?? []).map(
			(x) => x.email,
		),
	}));
}

/** Waits for the notification queue to deliver an email to `to` whose subject starts with `subject`, and answers it. */
export const awaitMail = (tenantId: string, to: string, subject: string) => awaitEmail(to, subject, tenantId);
