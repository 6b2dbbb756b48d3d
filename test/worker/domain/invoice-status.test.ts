import { describe, expect, it } from "vitest";
import { isAllowedAmount, payOptionsOf } from "../../../workers/domain/invoices/pay-options";
import { balanceMinor, type InvoiceFacts, invoiceStatus } from "../../../workers/domain/invoices/status";

const DUE = "2026-12-15";
const base: InvoiceFacts = {
	totalMinor: 10_000,
	paidMinor: 0,
	depositAppliedMinor: 0,
	dueAt: DUE,
	sharedAt: 1,
	voidedAt: null,
};

describe("invoiceStatus", () => {
	const table: Array<[string, Partial<InvoiceFacts>, string, string]> = [
		["a draft until shared", { sharedAt: null }, "2026-12-01", "draft"],
		["a draft past its due date is still a draft", { sharedAt: null }, "2026-12-20", "draft"],
		["void wins over everything", { voidedAt: 5, paidMinor: 10_000 }, "2026-12-01", "void"],
		["a voided draft is void", { voidedAt: 5, sharedAt: null }, "2026-12-01", "void"],
		["open: shared, nothing paid, not due", {}, "2026-12-01", "open"],
		["open on its due date", {}, DUE, "open"],
		["overdue the day after its due date", {}, "2026-12-16", "overdue"],
		["partially paid before the due date", { paidMinor: 3_000 }, "2026-12-01", "partially_paid"],
		["a partial payment is not overdue on the due date", { paidMinor: 3_000 }, DUE, "partially_paid"],
		["a partial payment is overdue once the due date passed", { paidMinor: 3_000 }, "2026-12-16", "overdue"],
		["a deposit carried over counts as paid", { depositAppliedMinor: 3_000 }, "2026-12-01", "partially_paid"],
		["paid in full", { paidMinor: 10_000 }, "2026-12-01", "paid"],
		["paid in full after the due date is paid, not overdue", { paidMinor: 10_000 }, "2027-01-30", "paid"],
		["paid by deposit and payment together", { paidMinor: 7_000, depositAppliedMinor: 3_000 }, DUE, "paid"],
		["a zero invoice is paid once shared", { totalMinor: 0 }, "2026-12-01", "paid"],
	];
	for (const [name, facts, today, status] of table) {
		it(name, () => {
			expect(invoiceStatus({ ...base, ...facts }, today)).toBe(status);
		});
	}

	it("never answers a negative balance", () => {
		expect(balanceMinor({ totalMinor: 10_000, paidMinor: 8_000, depositAppliedMinor: 3_000 })).toBe(0);
		expect(balanceMinor({ totalMinor: 10_000, paidMinor: 2_500, depositAppliedMinor: 1_000 })).toBe(6_500);
	});
});

describe("payOptionsOf", () => {
	const settings = {
		methods: ["card" as const],
		allowPartial: true,
		allowDeposits: true,
		depositPercent: 30,
		minPartialMinor: 100,
		stripeAccountId: null,
	};
	const today = "2026-12-01";

	it("offers the balance, a deposit on an estimate's invoice and any partial amount in range", () => {
		const options = payOptionsOf({ ...base, estimateId: "est_1" }, settings, true, today);
		expect(options).toEqual({
			canPay: true,
			full: 10_000,
			deposit: 3_000,
			partial: { minMinor: 100, maxMinor: 10_000 },
			methods: ["card"],
		});
		expect(isAllowedAmount(options, 3_000)).toBe(true);
		expect(isAllowedAmount(options, 99)).toBe(false);
		expect(isAllowedAmount(options, 10_001)).toBe(false);
	});

	it("offers no deposit once something was paid, and only the balance without partial payments", () => {
		const options = payOptionsOf(
			{ ...base, estimateId: "est_1", paidMinor: 3_000 },
			{ ...settings, allowPartial: false },
			true,
			today,
		);
		expect(options).toEqual({ canPay: true, full: 7_000, methods: ["card"] });
		expect(isAllowedAmount(options, 5_000)).toBe(false);
	});

	it("lets viewers, void and paid invoices pay nothing", () => {
		expect(payOptionsOf({ ...base, estimateId: null }, settings, false, today).canPay).toBe(false);
		expect(payOptionsOf({ ...base, estimateId: null, voidedAt: 1 }, settings, true, today).canPay).toBe(
			false,
		);
		const paid = payOptionsOf({ ...base, estimateId: null, paidMinor: 10_000 }, settings, true, today);
		expect(paid).toEqual({ canPay: false, full: 0, methods: ["card"] });
	});
});
