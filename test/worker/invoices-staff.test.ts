import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import * as schema from "../../schema";
import type { InvoiceDraft, StaffInvoice } from "../../workers/contracts/invoices";
import { recordPayment } from "../../workers/domain/invoices/record-payment";
import { resolveTenantSettings } from "../../workers/domain/tenant/tenant-settings";
import { localDate } from "../../workers/domain/time";
import { outboxFor, signIn, waitForEmail } from "./auth-helpers";
import { db } from "./fixtures";
import type { Envelope } from "./helpers";
import {
	approvedEstimate,
	completedJob,
	createInvoice,
	invoiceSetup,
	payOffline,
	sharedInvoice,
} from "./invoice-helpers";
import { auditEntries, send } from "./staff-helpers";

// Many sign-ins per fixture: generous on a loaded machine.
const slow = { timeout: 30_000 };

const addDays = (day: string, n: number) => {
	const d = new Date(`${day}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() + n);
	return d.toISOString().slice(0, 10);
};
const today = () => localDate(Date.now(), "America/New_York");

async function alerts(tenantId: string, invoiceId: string) {
	const { results } = await env.DB.prepare(
		"SELECT kind, title FROM inbox_alerts WHERE tenant_id = ? AND invoice_id = ? ORDER BY created_at",
	)
		.bind(tenantId, invoiceId)
		.all<{ kind: string; title: string }>();
	return results;
}

describe("POST /api/d/:slug/invoices", slow, () => {
	it("creates a draft with totals computed on the server and the next number of the tenant", async () => {
		const s = await invoiceSetup();
		const first = await createInvoice(s, { discountMinor: 1_000, notes: "Thanks" });
		const second = await createInvoice(s);
		expect(first.number).toBe(101);
		expect(second.number).toBe(102);
		expect(first.status).toBe("draft");
		// 2 × 50.00 + 1.5 × 20.00 = 130.00; − 10.00 = 120.00; 8.25 % = 9.90
		expect(first.lines.map((l) => l.amountMinor)).toEqual([10_000, 3_000]);
		expect(first.lines[1]?.quantity).toBe(1.5);
		expect(first).toMatchObject({
			subtotalMinor: 13_000,
			discountMinor: 1_000,
			taxRateBps: 825,
			taxMinor: 990,
			totalMinor: 12_990,
			paidMinor: 0,
			balanceMinor: 12_990,
			currency: "USD",
			accountName: "Harbor Clinic",
			dueAt: addDays(today(), 14),
			sharedAt: null,
		});
		const [audit] = await auditEntries(s.tenant.id, "invoice.created");
		expect(audit?.target_id).toBe(second.id);
	});

	it("numbers each tenant's invoices on its own", async () => {
		const a = await invoiceSetup();
		const b = await invoiceSetup();
		await createInvoice(a);
		expect((await createInvoice(b)).number).toBe(101);
	});

	it("refuses bad input with the field named, and another account's or tenant's ids", async () => {
		const s = await invoiceSetup();
		const other = await invoiceSetup();
		const cases: Array<[Record<string, unknown>, string]> = [
			[{ lines: [{ description: "x", quantity: "1.2345", unitPriceMinor: 100 }] }, "lines.0.quantity"],
			[{ lines: [{ description: "", quantity: 1, unitPriceMinor: 100 }] }, "lines.0.description"],
			[{ lines: [] }, "lines"],
			[{ dueAt: "2026-02-30" }, "dueAt"],
			[{ taxRateBps: 10_001 }, "taxRateBps"],
			[{ discountMinor: 999_999 }, "discountMinor"],
			[{ accountId: other.account.id }, "accountId"],
			[{ contactId: s.contacts.outsider.id }, "contactId"],
			[{ jobId: "job_nothing" }, "jobId"],
		];
		for (const [body, field] of cases) {
			const res = await send(`/api/d/${s.tenant.slug}/invoices`, s.staff, "POST", {
				accountId: s.account.id,
				lines: [{ description: "Labour", quantity: 1, unitPriceMinor: 1_000 }],
				...body,
			});
			expect(res.status, field).toBe(400);
			const { error } = await res.json<Envelope>();
			expect(error.code).toBe("validation_failed");
			expect(error.issues?.map((i) => i.field)).toContain(field);
		}
	});
});

describe("GET /api/d/:slug/invoices/draft-from-job/:jobId", slow, () => {
	it("pre-fills the approved estimate's lines as approved, and the tenant's defaults for a dispatcher", async () => {
		const s = await invoiceSetup({ invoiceDueDays: 30, invoiceTermsDefault: "Net 30" });
		const estimate = await approvedEstimate(s);
		const job = await completedJob(s, { estimateId: estimate.id, contactId: s.contacts.admin.id });
		const res = await send(`/api/d/${s.tenant.slug}/invoices/draft-from-job/${job.id}`, s.staff);
		expect(res.status).toBe(200);
		const draft = await res.json<InvoiceDraft>();
		expect(draft).toMatchObject({
			accountId: s.account.id,
			jobId: job.id,
			jobNumber: job.number,
			estimateId: estimate.id,
			estimateNumber: estimate.number,
			contactId: s.contacts.admin.id,
			depositAppliedMinor: 0,
			taxRateBps: 825,
			terms: "Net 30",
			dueAt: addDays(today(), 30),
			currency: "USD",
		});
		// The optional line was ticked on approval, so it is in.
		expect(draft.lines.map((l) => l.description)).toEqual(["Labour", "Valve (brass)", "Descale the boiler"]);
		expect(draft.lines[0]).toEqual({ description: "Labour", quantity: 2.5, unitPriceMinor: 8_000 });

		const defaults = await send(`/api/d/${s.tenant.slug}/invoices/defaults`, s.staff);
		expect(await defaults.json()).toEqual({
			currency: "USD",
			taxRateBps: 825,
			invoiceDueDays: 30,
			dueAt: addDays(today(), 30),
			terms: "Net 30",
		});
	});

	it("makes one line of a job without an estimate; refuses an unfinished job and another tenant's", async () => {
		const s = await invoiceSetup();
		const other = await invoiceSetup();
		const job = await completedJob(s, { description: "Fix the door" });
		const draft = await (
			await send(`/api/d/${s.tenant.slug}/invoices/draft-from-job/${job.id}`, s.staff)
		).json<InvoiceDraft>();
		expect(draft.lines).toEqual([{ description: "Fix the door", quantity: 1, unitPriceMinor: 0 }]);
		expect(draft.estimateId).toBeNull();

		await env.DB.prepare("UPDATE jobs SET status = 'in_progress' WHERE id = ?").bind(job.id).run();
		expect((await send(`/api/d/${s.tenant.slug}/invoices/draft-from-job/${job.id}`, s.staff)).status).toBe(
			409,
		);
		const theirs = await completedJob(other);
		expect((await send(`/api/d/${s.tenant.slug}/invoices/draft-from-job/${theirs.id}`, s.staff)).status).toBe(
			404,
		);
	});

	it("carries over what an earlier invoice of the same estimate took, as paid", async () => {
		const s = await invoiceSetup();
		const estimate = await approvedEstimate(s);
		const job = await completedJob(s, { estimateId: estimate.id });
		const deposit = await sharedInvoice(s, {
			estimateId: estimate.id,
			lines: [{ description: "Deposit", quantity: 1, unitPriceMinor: 9_239 }],
			taxRateBps: 0,
		});
		expect((await payOffline(s, deposit.id, 9_239, "CHQ-1")).status).toBe(200);

		const draft = await (
			await send(`/api/d/${s.tenant.slug}/invoices/draft-from-job/${job.id}`, s.staff)
		).json<InvoiceDraft>();
		expect(draft.depositAppliedMinor).toBe(9_239);
		const final = await createInvoice(s, {
			jobId: job.id,
			lines: draft.lines,
			discountMinor: draft.discountMinor,
		});
		expect(final.estimateId).toBe(estimate.id);
		expect(final.jobId).toBe(job.id);
		expect(final.depositAppliedMinor).toBe(9_239);
		// 2.5 × 80.00 + 45.99 + 120.00 = 365.99; 8.25 % = 30.19; 396.18 − 92.39
		expect(final.totalMinor).toBe(39_618);
		expect(final.balanceMinor).toBe(39_618 - 9_239);
		const shared = await (
			await send(`/api/d/${s.tenant.slug}/invoices/${final.id}/share`, s.staff, "POST")
		).json<StaffInvoice>();
		expect(shared.status).toBe("partially_paid");
	});
});

describe("POST /api/d/:slug/invoices/:id/share", slow, () => {
	it("shares to the portal and emails everyone who may see it a deep link", async () => {
		const s = await invoiceSetup();
		const invoice = await createInvoice(s, { locationId: s.location.id });
		const who = ["admin", "booker", "billing", "viewer", "loner", "outsider"] as const;
		const before = Object.fromEntries(
			await Promise.all(who.map(async (w) => [w, (await outboxFor(s.contacts[w].email)).length] as const)),
		);
		const res = await send(`/api/d/${s.tenant.slug}/invoices/${invoice.id}/share`, s.staff, "POST");
		expect(res.status).toBe(200);
		const shared = await res.json<StaffInvoice>();
		expect(shared.status).toBe("open");
		expect(shared.sharedAt).not.toBeNull();
		for (const who of ["admin", "booker", "billing", "viewer"] as const) {
			const mail = await waitForEmail(s.contacts[who].email, (before[who] ?? 0) + 1);
			expect(mail.subject).toContain(`Invoice #${invoice.number}`);
			expect(mail.text).toContain(`/c/${s.tenant.slug}/invoices/${invoice.id}`);
			expect(mail.html).toContain(`/c/${s.tenant.slug}/invoices/${invoice.id}`);
			expect(mail.text).toContain("$140.73");
		}
		// A booker of no location, and another account's admin, get nothing.
		await send(`/api/d/${s.tenant.slug}/invoices/${invoice.id}`, s.staff);
		expect((await outboxFor(s.contacts.loner.email)).length).toBe(before.loner);
		expect((await outboxFor(s.contacts.outsider.email)).length).toBe(before.outsider);
		const [audit] = await auditEntries(s.tenant.id, "invoice.shared");
		expect(audit?.target_id).toBe(invoice.id);
	});
});

describe("POST /api/d/:slug/invoices/:id/void", slow, () => {
	it("voids with the reason, once; a void invoice is not shared again", async () => {
		const s = await invoiceSetup();
		const invoice = await sharedInvoice(s);
		const res = await send(`/api/d/${s.tenant.slug}/invoices/${invoice.id}/void`, s.staff, "POST", {
			reason: "Billed twice",
		});
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ status: "void", voidReason: "Billed twice" });
		const again = await send(`/api/d/${s.tenant.slug}/invoices/${invoice.id}/void`, s.staff, "POST", {
			reason: "Again",
		});
		expect(again.status).toBe(409);
		expect((await again.json<Envelope>()).error.code).toBe("invoice_void");
		expect((await send(`/api/d/${s.tenant.slug}/invoices/${invoice.id}/share`, s.staff, "POST")).status).toBe(
			409,
		);
		const noReason = await send(`/api/d/${s.tenant.slug}/invoices/${invoice.id}/void`, s.staff, "POST", {
			reason: " ",
		});
		expect(noReason.status).toBe(400);
		expect((await noReason.json<Envelope>()).error.issues?.[0]?.field).toBe("reason");
		const [audit] = await auditEntries(s.tenant.id, "invoice.voided");
		expect(JSON.parse(audit?.data ?? "{}")).toMatchObject({ reason: "Billed twice" });
	});
});

describe("POST /api/d/:slug/invoices/:id/payments", slow, () => {
	it("records offline payments with their reference: partly paid, then paid, audited and alerted", async () => {
		const s = await invoiceSetup();
		const invoice = await sharedInvoice(s);
		const part = await payOffline(s, invoice.id, 4_073, "CHQ-1001");
		expect(part.status).toBe(200);
		expect(await part.json()).toMatchObject({
			status: "partially_paid",
			paidMinor: 4_073,
			balanceMinor: 10_000,
			payments: [{ amountMinor: 4_073, method: "cheque", provider: "offline", reference: "CHQ-1001" }],
		});
		const rest = await (await payOffline(s, invoice.id, 10_000, "CHQ-1002")).json<StaffInvoice>();
		expect(rest.status).toBe("paid");
		expect(rest.balanceMinor).toBe(0);
		expect(rest.payments.map((p) => p.reference)).toEqual(["CHQ-1001", "CHQ-1002"]);

		expect((await alerts(s.tenant.id, invoice.id)).map((a) => a.kind)).toEqual([
			"payment_received",
			"invoice_paid",
		]);
		const audits = await auditEntries(s.tenant.id, "invoice.payment_recorded");
		expect(audits.map((a) => JSON.parse(a.data ?? "{}").providerRef).sort()).toEqual([
			"CHQ-1001",
			"CHQ-1002",
		]);
		expect(audits[0]?.actor_type).toBe("staff");
	});

	it("refuses more than the balance, a reference twice, a draft and a void invoice", async () => {
		const s = await invoiceSetup();
		const invoice = await sharedInvoice(s);
		const over = await payOffline(s, invoice.id, invoice.totalMinor + 1, "CHQ-1");
		expect(over.status).toBe(422);
		expect((await over.json<Envelope>()).error.code).toBe("amount_over_balance");
		expect((await payOffline(s, invoice.id, 1_000, "CHQ-2")).status).toBe(200);
		const twice = await payOffline(s, invoice.id, 1_000, "CHQ-2");
		expect(twice.status).toBe(409);
		expect((await twice.json<Envelope>()).error.issues?.[0]?.field).toBe("reference");
		const after = await (
			await send(`/api/d/${s.tenant.slug}/invoices/${invoice.id}`, s.staff)
		).json<StaffInvoice>();
		expect(after.paidMinor).toBe(1_000);

		const draft = await createInvoice(s);
		const refused = await payOffline(s, draft.id, 1_000, "CHQ-3");
		expect(refused.status).toBe(409);
		expect((await refused.json<Envelope>()).error.code).toBe("not_shared");
		await send(`/api/d/${s.tenant.slug}/invoices/${invoice.id}/void`, s.staff, "POST", { reason: "Wrong" });
		expect((await payOffline(s, invoice.id, 1_000, "CHQ-4")).status).toBe(409);

		const bad = await send(`/api/d/${s.tenant.slug}/invoices/${draft.id}/payments`, s.staff, "POST", {
			amountMinor: 10.5,
			method: "card",
			reference: "x",
		});
		expect(bad.status).toBe(400);
		expect((await bad.json<Envelope>()).error.issues?.map((i) => i.field).sort()).toEqual([
			"amountMinor",
			"method",
		]);
	});

	it("never pays past the total when payments race", async () => {
		const s = await invoiceSetup();
		const invoice = await sharedInvoice(s);
		const results = await Promise.all(
			[1, 2, 3, 4].map((n) => payOffline(s, invoice.id, Math.floor(invoice.totalMinor / 2) + 1, `RACE-${n}`)),
		);
		expect(results.filter((r) => r.status === 200)).toHaveLength(1);
		const after = await (
			await send(`/api/d/${s.tenant.slug}/invoices/${invoice.id}`, s.staff)
		).json<StaffInvoice>();
		expect(after.paidMinor).toBe(Math.floor(invoice.totalMinor / 2) + 1);
	});
});

describe("GET /api/d/:slug/invoices", slow, () => {
	it("lists newest first by derived status and account, with a cursor, and 404s another tenant's invoice", async () => {
		const s = await invoiceSetup();
		const other = await invoiceSetup();
		const draft = await createInvoice(s);
		const open = await sharedInvoice(s);
		const overdue = await sharedInvoice(s, { dueAt: addDays(today(), -3) });
		const partial = await sharedInvoice(s);
		await payOffline(s, partial.id, 100, "P-1");
		const list = (q: string) =>
			send(`/api/d/${s.tenant.slug}/invoices${q}`, s.staff).then((r) =>
				r.json<{ items: Array<{ id: string; status: string }>; nextCursor: string | null }>(),
			);
		expect((await list("")).items.map((i) => i.id)).toEqual([partial.id, overdue.id, open.id, draft.id]);
		expect((await list("?status=overdue")).items.map((i) => i.id)).toEqual([overdue.id]);
		expect((await list("?status=draft")).items.map((i) => i.id)).toEqual([draft.id]);
		expect((await list("?status=open")).items.map((i) => i.id)).toEqual([open.id]);
		expect((await list("?status=partially_paid")).items.map((i) => i.id)).toEqual([partial.id]);
		expect((await list(`?accountId=${s.other.id}`)).items).toEqual([]);
		const first = await list("?limit=3");
		expect(first.items).toHaveLength(3);
		const next = await list(`?limit=3&cursor=${first.nextCursor}`);
		expect(next.items.map((i) => i.id)).toEqual([draft.id]);
		expect(next.nextCursor).toBeNull();
		const badCursor = await send(`/api/d/${s.tenant.slug}/invoices?cursor=nope`, s.staff);
		expect(badCursor.status).toBe(400);
		expect((await badCursor.json<Envelope>()).error.issues?.[0]?.field).toBe("cursor");

		const theirs = await createInvoice(other);
		for (const path of ["", "/pdf"]) {
			expect((await send(`/api/d/${s.tenant.slug}/invoices/${theirs.id}${path}`, s.staff)).status).toBe(404);
		}
		expect(
			(await send(`/api/d/${s.tenant.slug}/invoices/${theirs.id}/void`, s.staff, "POST", { reason: "x" }))
				.status,
		).toBe(404);
		expect((await payOffline(s, theirs.id, 100, "X")).status).toBe(404);
	});
});

describe("PATCH /api/d/:slug/settings (payments and invoices)", slow, () => {
	it("changes only the payment fields sent, with invoice defaults; a bad Connect account id is 400", async () => {
		const s = await invoiceSetup();
		const admin = await signIn(s.tenant.slug, "boss@fleet.example", "d");
		const before = await (await send(`/api/d/${s.tenant.slug}/settings`, admin)).json<
			Record<string, unknown>
		>();
		expect(before).toMatchObject({
			payments: {
				methods: ["card"],
				allowPartial: true,
				allowDeposits: true,
				depositPercent: 30,
				minPartialMinor: 100,
				stripeAccountId: null,
			},
			invoiceDueDays: 14,
			invoiceTermsDefault: null,
		});
		const res = await send(`/api/d/${s.tenant.slug}/settings`, admin, "PATCH", {
			payments: { methods: ["card", "bank_debit"], allowDeposits: false, stripeAccountId: "acct_1AbCdEfGh" },
			invoiceDueDays: 30,
			invoiceTermsDefault: "Net 30",
		});
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({
			payments: {
				methods: ["card", "bank_debit"],
				allowPartial: true,
				allowDeposits: false,
				depositPercent: 30,
				stripeAccountId: "acct_1AbCdEfGh",
			},
			invoiceDueDays: 30,
			invoiceTermsDefault: "Net 30",
		});
		const bad = await send(`/api/d/${s.tenant.slug}/settings`, admin, "PATCH", {
			payments: { stripeAccountId: "sk_live_oops", methods: [] },
		});
		expect(bad.status).toBe(400);
		expect((await bad.json<Envelope>()).error.issues?.map((i) => i.field).sort()).toEqual([
			"payments.methods",
			"payments.stripeAccountId",
		]);
		// Dispatchers cannot change them.
		expect(
			(await send(`/api/d/${s.tenant.slug}/settings`, s.staff, "PATCH", { invoiceDueDays: 1 })).status,
		).toBe(403);
	});
});

describe("recordPayment (the one way payments are recorded)", slow, () => {
	it("records a provider's payment once per reference, with the caller's statements in the same batch", async () => {
		const s = await invoiceSetup();
		const invoice = await sharedInvoice(s);
		const tenant = { id: s.tenant.id, settings: resolveTenantSettings({}) };
		const card = {
			invoiceId: invoice.id,
			amountMinor: 5_000,
			currency: "usd",
			method: "card" as const,
			provider: "stripe" as const,
			providerRef: "pi_123",
			checkoutId: "chk_1",
			receivedAt: Date.now(),
			actor: null,
			alreadyTaken: true,
		};
		const ledger = (id: string) =>
			db.insert(schema.paymentEvents).values({
				provider: "stripe",
				providerEventId: id,
				tenantId: s.tenant.id,
				type: "checkout.session.completed",
				checkoutId: "chk_1",
				outcome: "applied",
				receivedAt: Date.now(),
			});
		const first = await recordPayment(db, tenant, { ...card, alsoInBatch: [ledger("evt_1")] });
		expect(first).toMatchObject({
			outcome: "recorded",
			balanceMinor: invoice.totalMinor - 5_000,
			paidInFull: false,
		});
		const again = await recordPayment(db, tenant, { ...card, alsoInBatch: [ledger("evt_2")] });
		expect(again).toEqual({ outcome: "duplicate", paymentId: first.paymentId });
		const events = await env.DB.prepare("SELECT provider_event_id FROM payment_events WHERE tenant_id = ?")
			.bind(s.tenant.id)
			.all<{ provider_event_id: string }>();
		// The duplicate's batch wrote nothing, its ledger entry included.
		expect(events.results.map((e) => e.provider_event_id)).toEqual(["evt_1"]);
		const [audit] = await auditEntries(s.tenant.id, "invoice.payment_recorded");
		expect(audit?.actor_type).toBe("system");
		expect(JSON.parse(audit?.data ?? "{}")).toMatchObject({ providerRef: "pi_123", checkoutId: "chk_1" });

		// Money already taken is recorded past the balance, even on a void invoice; the balance stops at 0.
		await send(`/api/d/${s.tenant.slug}/invoices/${invoice.id}/void`, s.staff, "POST", {
			reason: "Reissued",
		});
		const late = await recordPayment(db, tenant, {
			...card,
			providerRef: "pi_456",
			amountMinor: invoice.totalMinor,
		});
		expect(late).toMatchObject({ outcome: "recorded", balanceMinor: 0, paidInFull: true });
		await expect(
			recordPayment(db, tenant, { ...card, providerRef: "pi_789", currency: "EUR" }),
		).rejects.toMatchObject({
			status: 422,
			code: "currency_mismatch",
		});
		await expect(
			recordPayment(db, tenant, { ...card, providerRef: "pi_000", alreadyTaken: false }),
		).rejects.toMatchObject({ status: 409, code: "invoice_void" });
	});
});
