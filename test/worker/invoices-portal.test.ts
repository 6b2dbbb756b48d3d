import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { CustomerInvoice, InvoiceSummary } from "../../workers/contracts/invoices";
import { localDate } from "../../workers/domain/time";
import type { Envelope } from "./helpers";
import { completedJob, createInvoice, invoiceSetup, payOffline, sharedInvoice } from "./invoice-helpers";
import { send } from "./staff-helpers";

// Many sign-ins per fixture: generous on a loaded machine.
const slow = { timeout: 30_000 };

type Page = {
	items: InvoiceSummary[];
	nextCursor: string | null;
	outstandingMinor: number;
	currency: string;
};

const today = () => localDate(Date.now(), "America/New_York");
const dayBefore = (n: number) => {
	const d = new Date(`${today()}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() - n);
	return d.toISOString().slice(0, 10);
};

describe("GET /api/c/:slug/invoices", slow, () => {
	it("has open and paid tabs, the outstanding balance of what the contact sees, and never drafts", async () => {
		const s = await invoiceSetup();
		const open = await sharedInvoice(s);
		const partial = await sharedInvoice(s);
		await payOffline(s, partial.id, 4_073, "CHQ-1");
		const paid = await sharedInvoice(s);
		await payOffline(s, paid.id, paid.totalMinor, "CHQ-2");
		const voided = await sharedInvoice(s);
		await send(`/api/d/${s.tenant.slug}/invoices/${voided.id}/void`, s.staff, "POST", { reason: "Twice" });
		const draft = await createInvoice(s);
		const theirs = await sharedInvoice(s, { accountId: s.other.id });

		const page = (q = "") =>
			send(`/api/c/${s.tenant.slug}/invoices${q}`, s.cookies.billing).then((r) => r.json<Page>());
		const openTab = await page();
		expect(openTab.items.map((i) => [i.id, i.status])).toEqual([
			[partial.id, "partially_paid"],
			[open.id, "open"],
		]);
		expect(openTab.outstandingMinor).toBe(open.totalMinor + partial.totalMinor - 4_073);
		expect(openTab.currency).toBe("USD");
		const paidTab = await page("?tab=paid");
		expect(paidTab.items.map((i) => [i.id, i.status])).toEqual([
			[voided.id, "void"],
			[paid.id, "paid"],
		]);
		expect(paidTab.outstandingMinor).toBe(openTab.outstandingMinor);
		const all = [...openTab.items, ...paidTab.items].map((i) => i.id);
		expect(all).not.toContain(draft.id);
		expect(all).not.toContain(theirs.id);

		const first = await page("?limit=1");
		const second = await page(`?limit=1&cursor=${first.nextCursor}`);
		expect(second.items.map((i) => i.id)).toEqual([open.id]);
		expect(second.nextCursor).toBeNull();
		const bad = await send(`/api/c/${s.tenant.slug}/invoices?tab=unpaid&from=2026-13-01`, s.cookies.billing);
		expect(bad.status).toBe(400);
		expect((await bad.json<Envelope>()).error.issues?.map((i) => i.field).sort()).toEqual(["from", "tab"]);
	});

	it("filters by day of creation and location", async () => {
		const s = await invoiceSetup();
		const atBranch = await sharedInvoice(s, { locationId: s.location.id });
		const older = await sharedInvoice(s);
		await env.DB.prepare("UPDATE invoices SET created_at = created_at - 10 * 86400000 WHERE id = ?")
			.bind(older.id)
			.run();
		const ids = (q: string) =>
			send(`/api/c/${s.tenant.slug}/invoices${q}`, s.cookies.admin)
				.then((r) => r.json<Page>())
				.then((p) => p.items.map((i) => i.id));
		expect(await ids(`?locationId=${s.location.id}`)).toEqual([atBranch.id]);
		expect(await ids(`?from=${dayBefore(2)}`)).toEqual([atBranch.id]);
		expect(await ids(`?to=${dayBefore(5)}`)).toEqual([older.id]);
	});

	it("shows bookers their location's, their own and their jobs' invoices only", async () => {
		const s = await invoiceSetup();
		const branch = await sharedInvoice(s, { locationId: s.location.id });
		const addressed = await sharedInvoice(s, { contactId: s.contacts.loner.id });
		const job = await completedJob(s, { contactId: s.contacts.loner.id });
		const ofJob = await sharedInvoice(s, { jobId: job.id, contactId: s.contacts.admin.id });
		const wholeAccount = await sharedInvoice(s);
		const ids = (cookie: string) =>
			send(`/api/c/${s.tenant.slug}/invoices`, cookie)
				.then((r) => r.json<Page>())
				.then((p) => p.items.map((i) => i.id).sort());
		expect(await ids(s.cookies.booker)).toEqual([branch.id]);
		expect(await ids(s.cookies.loner)).toEqual([addressed.id, ofJob.id].sort());
		for (const who of ["admin", "billing", "viewer"] as const) {
			expect(await ids(s.cookies[who]), who).toEqual(
				[branch.id, addressed.id, ofJob.id, wholeAccount.id].sort(),
			);
		}
		expect(await ids(s.cookies.outsider)).toEqual([]);
	});
});

describe("GET /api/c/:slug/invoices/:id", slow, () => {
	it("answers lines, payments, balance and what each role may pay", async () => {
		const s = await invoiceSetup({ payments: { depositPercent: 25, minPartialMinor: 500 } });
		const invoice = await sharedInvoice(s, { locationId: s.location.id, terms: "Net 14" });
		await payOffline(s, invoice.id, 4_073, "CHQ-9");
		const matrix = { admin: true, billing: true, booker: true, viewer: false } as const;
		for (const [who, canPay] of Object.entries(matrix) as Array<[keyof typeof matrix, boolean]>) {
			const res = await send(`/api/c/${s.tenant.slug}/invoices/${invoice.id}`, s.cookies[who]);
			expect(res.status, who).toBe(200);
			const seen = await res.json<CustomerInvoice>();
			expect(seen.payOptions.canPay, who).toBe(canPay);
			expect(seen).toMatchObject({
				status: "partially_paid",
				balanceMinor: 10_000,
				terms: "Net 14",
				lines: [{ description: "Labour", quantity: 2, amountMinor: 10_000 }, { quantity: 1.5 }],
				payments: [{ amountMinor: 4_073, method: "cheque", reference: "CHQ-9" }],
				checkouts: [],
			});
			if (canPay) {
				expect(seen.payOptions).toEqual({
					canPay: true,
					full: 10_000,
					partial: { minMinor: 500, maxMinor: 10_000 },
					methods: ["card"],
				});
			}
		}
	});

	it("lists the contact's own checkouts only", async () => {
		const s = await invoiceSetup();
		const invoice = await sharedInvoice(s);
		const now = Date.now();
		for (const [id, contactId] of [
			["chk_mine", s.contacts.admin.id],
			["chk_theirs", s.contacts.billing.id],
		] as const) {
			await env.DB.prepare(
				"INSERT INTO checkout_sessions (id, tenant_id, invoice_id, contact_id, idempotency_key, request_hash, amount_minor, currency, provider, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'h', 500, 'USD', 'local', 'open', ?, ?)",
			)
				.bind(id, s.tenant.id, invoice.id, contactId, id, now, now)
				.run();
		}
		const seen = await (
			await send(`/api/c/${s.tenant.slug}/invoices/${invoice.id}`, s.cookies.admin)
		).json<CustomerInvoice>();
		expect(seen.checkouts).toEqual([
			{ id: "chk_mine", amountMinor: 500, status: "open", createdAt: new Date(now).toISOString() },
		]);
	});

	it("is 404 for drafts, another account's, another tenant's, and a booker's other locations", async () => {
		const s = await invoiceSetup();
		const other = await invoiceSetup();
		const draft = await createInvoice(s);
		const theirs = await sharedInvoice(s, { accountId: s.other.id });
		const elsewhere = await sharedInvoice(other);
		const wholeAccount = await sharedInvoice(s);
		const cases: Array<[string, string]> = [
			[draft.id, s.cookies.admin],
			[theirs.id, s.cookies.admin],
			[elsewhere.id, s.cookies.admin],
			[wholeAccount.id, s.cookies.booker],
			[wholeAccount.id, s.cookies.outsider],
		];
		for (const [id, cookie] of cases) {
			for (const path of ["", "/pdf"]) {
				const res = await send(`/api/c/${s.tenant.slug}/invoices/${id}${path}`, cookie);
				expect(res.status, `${id}${path}`).toBe(404);
				expect((await res.json<Envelope>()).error.code).toBe("not_found");
			}
		}
	});

	it("marks an unpaid invoice overdue only after its due date, partial payment or not", async () => {
		const s = await invoiceSetup();
		const dueToday = await sharedInvoice(s, { dueAt: today() });
		await payOffline(s, dueToday.id, 100, "P-1");
		const late = await sharedInvoice(s, { dueAt: dayBefore(1) });
		await payOffline(s, late.id, 100, "P-2");
		const status = (id: string) =>
			send(`/api/c/${s.tenant.slug}/invoices/${id}`, s.cookies.admin)
				.then((r) => r.json<CustomerInvoice>())
				.then((i) => i.status);
		expect(await status(dueToday.id)).toBe("partially_paid");
		expect(await status(late.id)).toBe("overdue");
	});
});
