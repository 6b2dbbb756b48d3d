import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { notifyStages } from "../../schema/tables/notifications";
import type { Envelope } from "./helpers";
import {
	alertsOf,
	awaitMail,
	checkoutRow,
	deliver,
	ledgerOf,
	mailOf,
	openedCheckout,
	paidMinorOf,
	paymentNotificationsOf,
	paymentSetup,
	paymentsOf,
	postWebhook,
	SLOW,
	sessionEvent,
	stripeSignature,
} from "./payment-helpers";
import { auditEntries, send } from "./staff-helpers";

type Answer = { received: true; outcome: string };

describe("POST /api/webhooks/payments", () => {
	it(
		"records a paid checkout once: the payment, the checkout paid, the alert, the audit entry and both emails",
		async () => {
			const fx = await paymentSetup();
			const checkoutId = await openedCheckout(fx, { amountMinor: 10_000 });
			const event = await sessionEvent("checkout.session.completed", checkoutId);
			const res = await deliver(event);
			expect(res.status).toBe(200);
			expect(await res.json()).toEqual({ received: true, outcome: "applied" });
			expect(await paymentsOf(fx.invoice.id)).toEqual([
				{
					amount_minor: 10_000,
					currency: "USD",
					method: "card",
					provider: "local",
					provider_ref: `pi_${checkoutId}`,
					checkout_id: checkoutId,
				},
			]);
			expect(await paidMinorOf(fx.invoice.id)).toBe(10_000);
			expect((await checkoutRow(checkoutId)).status).toBe("paid");
			expect(await ledgerOf(event.id)).toEqual([
				expect.objectContaining({ outcome: "applied", tenant_id: fx.tenant.id, checkout_id: checkoutId }),
			]);
			const [alert] = await alertsOf(fx.tenant.id);
			expect(alert?.title).toBe(`Payment received on invoice #${fx.invoice.number}: $100.00, $150.00 left`);
			expect(alert?.body).toBe("Paid by Ana Admin");
			const [audit] = await auditEntries(fx.tenant.id, "invoice.payment_recorded");
			expect(audit?.target_id).toBe(fx.invoice.id);
			expect(JSON.parse(String(audit?.data))).toMatchObject({
				providerRef: `pi_${checkoutId}`,
				amountMinor: 10_000,
			});
			// Recorded in the payment's batch: one receipt (to the payer) and one dispatchers' email.
			expect(await paymentNotificationsOf(fx.invoice.id)).toEqual([
				{ kind: "receipt", to: ["ana.admin@clinic.example"] },
				{ kind: "staff_payment", to: [] },
			]);
			const receipt = await awaitMail(fx.tenant.id, "ana.admin@clinic.example", "Receipt");
			expect(receipt.subject).toBe(`Receipt: invoice #${fx.invoice.number} from ${fx.tenant.name}`);
			expect(receipt.text).toContain("$100.00");
			expect(receipt.text).toContain("$150.00");
			expect(receipt.text).toContain(`pi_${checkoutId}`);
			expect(receipt.text).toContain(
				`https://portal.test/c/${fx.tenant.slug}/invoices/${fx.invoice.id}?email=ana.admin%40clinic.example`,
			);
			// Essential: no List-Unsubscribe.
			expect(receipt.headers["List-Unsubscribe"]).toBeUndefined();
			expect(receipt.headers["List-Unsubscribe-Post"]).toBeUndefined();
			const notice = await awaitMail(fx.tenant.id, "desk@fleet.example", "Payment received");
			expect(notice.subject).toBe(`Payment received on invoice #${fx.invoice.number}: $100.00`);
			expect(notice.text).toContain(`https://portal.test/d/${fx.tenant.slug}/invoices/${fx.invoice.id}`);
			expect(notice.text).toContain("Ana Admin paid $100.00");
			expect(notice.headers["List-Unsubscribe"]).toBeUndefined();
			await awaitMail(fx.tenant.id, "boss@fleet.example", "Payment received");
			// The deliveries say so, one per recipient.
			await vi.waitFor(
				async () => {
					const { results } = await env.DB.prepare(
						"SELECT d.email, d.state FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id WHERE n.invoice_id = ? ORDER BY d.email",
					)
						.bind(fx.invoice.id)
						.all<{ email: string; state: string }>();
					expect(results).toEqual([
						{ email: "ana.admin@clinic.example", state: "sent" },
						{ email: "boss@fleet.example", state: "sent" },
						{ email: "desk@fleet.example", state: "sent" },
					]);
				},
				{ timeout: 20_000, interval: 100 },
			);
		},
		SLOW,
	);

	it(
		"refuses a tampered body, a stale timestamp, a wrong secret and a missing signature with 400, recording nothing",
		async () => {
			const fx = await paymentSetup();
			const checkoutId = await openedCheckout(fx);
			const event = await sessionEvent("checkout.session.completed", checkoutId);
			const body = JSON.stringify(event);
			const tampered = body.replace('"amount_total":25000', '"amount_total":1');
			expect(tampered).not.toBe(body);
			const stale = Math.floor(Date.now() / 1000) - 600;
			const attempts = [
				postWebhook(tampered, await stripeSignature(body)),
				postWebhook(body, await stripeSignature(body, { timestamp: stale })),
				postWebhook(body, await stripeSignature(body, { secret: "whsec_someone_else" })),
				postWebhook(body, null),
				postWebhook(body, "t=1,v1=00"),
			];
			for (const res of await Promise.all(attempts)) {
				expect(res.status).toBe(400);
				expect(((await res.json()) as Envelope).error.code).toBe("invalid_signature");
			}
			expect(await ledgerOf(event.id)).toEqual([]);
			expect(await paymentsOf(fx.invoice.id)).toEqual([]);
			expect((await checkoutRow(checkoutId)).status).toBe("open");
		},
		SLOW,
	);

	it(
		"applies a replayed or concurrently duplicated event id once",
		async () => {
			const fx = await paymentSetup();
			const checkoutId = await openedCheckout(fx);
			const event = await sessionEvent("checkout.session.completed", checkoutId);
			const body = JSON.stringify(event);
			const signature = await stripeSignature(body);
			const answers = await Promise.all(Array.from({ length: 5 }, () => postWebhook(body, signature)));
			for (const res of answers) {
				expect(res.status).toBe(200);
				expect(((await res.json()) as Answer).outcome).toBe("applied");
			}
			expect(answers.filter((r) => r.headers.get("Idempotent-Replayed") === "true")).toHaveLength(4);
			// Replayed later with a fresh signature: still once.
			const again = await deliver(event);
			expect(again.status).toBe(200);
			expect(again.headers.get("Idempotent-Replayed")).toBe("true");
			expect(await paymentsOf(fx.invoice.id)).toHaveLength(1);
			expect(await paidMinorOf(fx.invoice.id)).toBe(25_000);
			expect(await alertsOf(fx.tenant.id)).toHaveLength(1);
			// The replays' batches failed on the ledger: they recorded no notification.
			expect(await paymentNotificationsOf(fx.invoice.id)).toEqual([
				{ kind: "receipt", to: ["ana.admin@clinic.example"] },
				{ kind: "staff_payment", to: [] },
			]);
			await awaitMail(fx.tenant.id, "ana.admin@clinic.example", "Receipt");
			await new Promise((r) => setTimeout(r, 1000));
			const receipts = (await mailOf(fx.tenant.id, "ana.admin@clinic.example")).filter((m) =>
				m.subject.startsWith("Receipt"),
			);
			expect(receipts).toHaveLength(1);
		},
		SLOW,
	);

	it(
		"records a payment once when two events (new ids) report the same payment intent",
		async () => {
			const fx = await paymentSetup();
			const checkoutId = await openedCheckout(fx);
			const first = await sessionEvent("checkout.session.completed", checkoutId);
			const second = await sessionEvent("checkout.session.async_payment_succeeded", checkoutId);
			expect(((await (await deliver(first)).json()) as Answer).outcome).toBe("applied");
			expect(((await (await deliver(second)).json()) as Answer).outcome).toBe("ignored");
			expect(await paymentsOf(fx.invoice.id)).toHaveLength(1);
			expect(await paidMinorOf(fx.invoice.id)).toBe(25_000);
		},
		SLOW,
	);

	it(
		"records one payment when events of the same payment arrive at once",
		async () => {
			const fx = await paymentSetup();
			const checkoutId = await openedCheckout(fx);
			const events = await Promise.all([
				sessionEvent("checkout.session.completed", checkoutId),
				sessionEvent("checkout.session.async_payment_succeeded", checkoutId),
				sessionEvent("checkout.session.completed", checkoutId),
			]);
			const answers = await Promise.all(events.map((e) => deliver(e)));
			const outcomes = await Promise.all(answers.map(async (r) => ((await r.json()) as Answer).outcome));
			expect(outcomes.filter((o) => o === "applied")).toHaveLength(1);
			expect(outcomes.filter((o) => o === "ignored")).toHaveLength(2);
			expect(await paymentsOf(fx.invoice.id)).toHaveLength(1);
			expect(await paidMinorOf(fx.invoice.id)).toBe(25_000);
			expect(await alertsOf(fx.tenant.id)).toHaveLength(1);
		},
		SLOW,
	);

	it(
		"ends in the right state whatever the order: expired or failed after paid changes nothing",
		async () => {
			const fx = await paymentSetup();
			const checkoutId = await openedCheckout(fx);
			await deliver(await sessionEvent("checkout.session.completed", checkoutId));
			const expired = await deliver(
				await sessionEvent("checkout.session.expired", checkoutId, { payment_status: "unpaid" }),
			);
			expect(((await expired.json()) as Answer).outcome).toBe("ignored");
			const failed = await deliver(
				await sessionEvent("checkout.session.async_payment_failed", checkoutId, { payment_status: "unpaid" }),
			);
			expect(((await failed.json()) as Answer).outcome).toBe("ignored");
			expect((await checkoutRow(checkoutId)).status).toBe("paid");
			expect(await paidMinorOf(fx.invoice.id)).toBe(25_000);
		},
		SLOW,
	);

	it(
		"keeps a bank debit processing after completed-unpaid, and records it on async_payment_succeeded",
		async () => {
			const fx = await paymentSetup({ payments: { methods: ["card", "bank_debit"] } });
			const checkoutId = await openedCheckout(fx);
			const completed = await deliver(
				await sessionEvent("checkout.session.completed", checkoutId, { payment_status: "unpaid" }),
			);
			expect(((await completed.json()) as Answer).outcome).toBe("ignored");
			expect((await checkoutRow(checkoutId)).status).toBe("open");
			expect(await paymentsOf(fx.invoice.id)).toEqual([]);
			const succeeded = await deliver(
				await sessionEvent("checkout.session.async_payment_succeeded", checkoutId),
			);
			expect(((await succeeded.json()) as Answer).outcome).toBe("applied");
			expect((await checkoutRow(checkoutId)).status).toBe("paid");
			expect((await paymentsOf(fx.invoice.id)).map((p) => p.method)).toEqual(["bank_debit"]);
		},
		SLOW,
	);

	it(
		"records money that arrives after the checkout expired, and marks a failed debit failed",
		async () => {
			const fx = await paymentSetup();
			const late = await openedCheckout(fx, { amountMinor: 5_000 });
			await deliver(await sessionEvent("checkout.session.expired", late, { payment_status: "unpaid" }));
			expect((await checkoutRow(late)).status).toBe("expired");
			await deliver(await sessionEvent("checkout.session.async_payment_succeeded", late));
			expect((await checkoutRow(late)).status).toBe("paid");
			expect(await paidMinorOf(fx.invoice.id)).toBe(5_000);

			const declined = await openedCheckout(fx, { amountMinor: 5_000 });
			const res = await deliver(
				await sessionEvent("checkout.session.async_payment_failed", declined, { payment_status: "unpaid" }),
			);
			expect(((await res.json()) as Answer).outcome).toBe("applied");
			expect((await checkoutRow(declined)).status).toBe("failed");
			expect(await paidMinorOf(fx.invoice.id)).toBe(5_000);
		},
		SLOW,
	);

	it(
		"rejects an amount or a currency other than the checkout's, recording why and no payment",
		async () => {
			const fx = await paymentSetup();
			const checkoutId = await openedCheckout(fx);
			const cheap = await sessionEvent("checkout.session.completed", checkoutId, { amount_total: 100 });
			const euros = await sessionEvent("checkout.session.completed", checkoutId, { currency: "eur" });
			for (const event of [cheap, euros]) {
				const res = await deliver(event);
				expect(res.status).toBe(200);
				expect(((await res.json()) as Answer).outcome).toBe("rejected");
			}
			expect((await ledgerOf(cheap.id))[0]?.detail).toContain("amount 100");
			expect((await ledgerOf(euros.id))[0]?.detail).toContain("currency EUR");
			expect(await paymentsOf(fx.invoice.id)).toEqual([]);
			expect((await checkoutRow(checkoutId)).status).toBe("open");
			expect(await alertsOf(fx.tenant.id)).toEqual([]);
		},
		SLOW,
	);

	it(
		"rejects an event naming a checkout of another tenant or another session, and ignores other event types",
		async () => {
			const fx = await paymentSetup();
			const other = await paymentSetup();
			const checkoutId = await openedCheckout(fx);
			const forged = await sessionEvent("checkout.session.completed", checkoutId);
			forged.data.object.metadata.tenantId = other.tenant.id;
			expect(((await (await deliver(forged)).json()) as Answer).outcome).toBe("rejected");
			const swapped = await sessionEvent("checkout.session.completed", checkoutId, {
				id: "cs_local_chk_other",
			});
			expect(((await (await deliver(swapped)).json()) as Answer).outcome).toBe("rejected");
			const unrelated = {
				id: `evt_${crypto.randomUUID()}`,
				object: "event",
				type: "charge.refunded",
				data: { object: {} },
			};
			expect(((await (await deliver(unrelated)).json()) as Answer).outcome).toBe("ignored");
			expect(await paymentsOf(fx.invoice.id)).toEqual([]);
			const { results } = await env.DB.prepare("SELECT count(*) AS n FROM payments WHERE tenant_id = ?")
				.bind(other.tenant.id)
				.all<{ n: number }>();
			expect(results[0]?.n).toBe(0);
		},
		SLOW,
	);

	it(
		"records a second checkout's money even once the invoice is settled: it was taken, and the balance stops at 0",
		async () => {
			const fx = await paymentSetup();
			const first = await openedCheckout(fx);
			const second = await openedCheckout(fx);
			await deliver(await sessionEvent("checkout.session.completed", first));
			const late = await deliver(await sessionEvent("checkout.session.completed", second));
			expect(late.status).toBe(200);
			expect(((await late.json()) as Answer).outcome).toBe("applied");
			expect(await paymentsOf(fx.invoice.id)).toHaveLength(2);
			expect(await paidMinorOf(fx.invoice.id)).toBe(50_000);
			expect((await checkoutRow(second)).status).toBe("paid");
		},
		SLOW,
	);
});

describe("a payment's emails, through the notification pipeline", () => {
	it(
		"sends the receipt even when the payer turned every stage email off (essential)",
		async () => {
			const fx = await paymentSetup();
			const off = Object.fromEntries(notifyStages.map((k) => [k, false]));
			await env.DB.prepare("UPDATE contacts SET notify_prefs = ? WHERE tenant_id = ? AND email = ?")
				.bind(JSON.stringify(off), fx.tenant.id, "ana.admin@clinic.example")
				.run();
			const checkoutId = await openedCheckout(fx, { amountMinor: 10_000 });
			expect((await deliver(await sessionEvent("checkout.session.completed", checkoutId))).status).toBe(200);
			const receipt = await awaitMail(fx.tenant.id, "ana.admin@clinic.example", "Receipt");
			expect(receipt.subject).toBe(`Receipt: invoice #${fx.invoice.number} from ${fx.tenant.name}`);
		},
		SLOW,
	);

	it(
		"a dispatcher who turned payment emails off gets none; the others do",
		async () => {
			const fx = await paymentSetup();
			const turnedOff = await send(`/api/d/${fx.tenant.slug}/me/preferences`, fx.staff, "PUT", {
				email: { payment: false },
			});
			expect(turnedOff.status).toBe(200);
			const checkoutId = await openedCheckout(fx, { amountMinor: 10_000 });
			expect((await deliver(await sessionEvent("checkout.session.completed", checkoutId))).status).toBe(200);
			await awaitMail(fx.tenant.id, "boss@fleet.example", "Payment received");
			await awaitMail(fx.tenant.id, "ana.admin@clinic.example", "Receipt");
			const { results } = await env.DB.prepare(
				"SELECT d.email FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id WHERE n.invoice_id = ? AND n.kind = 'staff_payment'",
			)
				.bind(fx.invoice.id)
				.all<{ email: string }>();
			expect(results.map((r) => r.email)).toEqual(["boss@fleet.example"]);
			const toDesk = (await mailOf(fx.tenant.id, "desk@fleet.example")).filter((m) =>
				m.subject.includes("invoice #"),
			);
			expect(toDesk).toHaveLength(0);
		},
		SLOW,
	);
});
