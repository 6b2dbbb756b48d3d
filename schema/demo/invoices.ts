// Imports name their files: the demo loader runs this module under plain Node as well.
import { estimateTotals, lineTotalMinor } from "../../workers/domain/estimates/totals.ts";
import { addDays, localDate } from "../../workers/domain/time.ts";
import { ACME, ACME_ACCOUNTS, BAYSIDE, BAYSIDE_ACCOUNTS, type DemoAccount } from "./people.ts";
import type { Row } from "./sql.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type DemoLine = { description: string; quantity: number; unitPriceMinor: number };

/**
 * One demo invoice. Its status follows from these, as in the app: `share` false is a draft;
 * `paid` is the share of the total paid offline (1 = in full); `daysAgo` and `dueDays` put the
 * due date before or after the seed's `now` (overdue or not).
 */
type Plan = {
	key: string;
	/** Index into the tenant's completed jobs; null: from scratch for `account`. */
	job: number | null;
	account: number;
	lines: DemoLine[];
	daysAgo: number;
	dueDays: number;
	share: boolean;
	paid?: { share: number; method: "cheque" | "bank_transfer"; reference: string; daysAgo: number };
};

const ACME_PLANS: Plan[] = [
	{
		key: "i1",
		job: 1,
		account: 0,
		lines: [
			{ description: "Same-day courier, sealed legal envelope", quantity: 1, unitPriceMinor: 8_500 },
			{ description: "Waiting time, per hour", quantity: 0.5, unitPriceMinor: 3_800 },
		],
		daysAgo: 2,
		dueDays: 14,
		share: true,
	},
	{
		key: "i2",
		job: 2,
		account: 1,
		lines: [{ description: "Specimen runs to the lab, November", quantity: 40, unitPriceMinor: 3_900 }],
		daysAgo: 6,
		dueDays: 14,
		share: true,
		paid: { share: 0.4, method: "cheque", reference: "Cheque 20417", daysAgo: 3 },
	},
	{
		key: "i3",
		job: 9,
		account: 2,
		lines: [
			{ description: "Parts shuttle, showroom ↔ depot", quantity: 6, unitPriceMinor: 14_500 },
			{ description: "Fuel surcharge", quantity: 6, unitPriceMinor: 1_250 },
		],
		daysAgo: 24,
		dueDays: 14,
		share: true,
		paid: { share: 1, method: "bank_transfer", reference: "ACH 88213-NM", daysAgo: 15 },
	},
	{
		key: "i4",
		job: 12,
		account: 0,
		lines: [{ description: "Court filing run, two stops", quantity: 2, unitPriceMinor: 6_200 }],
		daysAgo: 30,
		dueDays: 14,
		share: true,
	},
	{
		key: "i5",
		job: null,
		account: 1,
		lines: [{ description: "Cooler rental, December", quantity: 1, unitPriceMinor: 7_500 }],
		daysAgo: 0.2,
		dueDays: 14,
		share: false,
	},
];

const BAY_PLANS: Plan[] = [
	{
		key: "i1",
		job: 2,
		account: 0,
		lines: [
			{ description: "Low water pressure: regulator replaced", quantity: 1, unitPriceMinor: 38_500 },
			{ description: "Labour, per hour", quantity: 1.5, unitPriceMinor: 12_000 },
		],
		daysAgo: 3,
		dueDays: 14,
		share: true,
	},
	{
		key: "i2",
		job: 1,
		account: 1,
		lines: [
			{ description: "Kitchen drain clog cleared, hydro-jet", quantity: 1, unitPriceMinor: 42_000 },
			{ description: "Camera check after clearing", quantity: 1, unitPriceMinor: 9_500 },
		],
		daysAgo: 9,
		dueDays: 14,
		share: true,
		paid: { share: 0.5, method: "cheque", reference: "Cheque 5531", daysAgo: 4 },
	},
	{
		key: "i3",
		job: 0,
		account: 0,
		lines: [{ description: "Water heater anode and flush", quantity: 1, unitPriceMinor: 27_500 }],
		daysAgo: 38,
		dueDays: 14,
		share: true,
		paid: { share: 1, method: "bank_transfer", reference: "Wire 7781-BP", daysAgo: 30 },
	},
	{
		key: "i4",
		job: null,
		account: 1,
		lines: [{ description: "Backflow test and certificate", quantity: 6, unitPriceMinor: 9_500 }],
		daysAgo: 28,
		dueDays: 14,
		share: true,
	},
];

type DemoTenant = {
	id: string;
	timezone: string;
	currency: string;
	settings: { taxRateBps?: number; invoiceTermsDefault?: string };
	prefix: string;
};

/** The completed jobs an invoice bills: id, number, account, contact, location. */
type DoneJob = Row & { id: string; account_id: string; contact_id: string | null; location_id: string };

function buildInvoices(
	tenant: DemoTenant,
	accounts: DemoAccount[],
	doneJobs: DoneJob[],
	dispatcherId: string,
	plans: Plan[],
	now: number,
): Record<string, Row[]> {
	const out: Record<string, Row[]> = { invoices: [], invoice_lines: [], payments: [] };
	const taxRateBps = tenant.settings.taxRateBps ?? 0;
	plans.forEach((plan, i) => {
		const job = plan.job === null ? null : (doneJobs[plan.job] ?? null);
		const account = accounts[plan.account] as DemoAccount;
		const id = `inv_${tenant.prefix}_${plan.key}`;
		const createdAt = Math.round(now - plan.daysAgo * DAY);
		const lines = plan.lines.map((l, n) => {
			const quantityMilli = Math.round(l.quantity * 1000);
			return {
				id: `inl_${tenant.prefix}_${plan.key}_${n + 1}`,
				tenant_id: tenant.id,
				invoice_id: id,
				position: n + 1,
				description: l.description,
				quantity_milli: quantityMilli,
				unit_price_minor: l.unitPriceMinor,
				amount_minor: lineTotalMinor({ quantityMilli, unitPriceMinor: l.unitPriceMinor }),
			};
		});
		const totals = estimateTotals(
			lines.map((l) => ({
				id: l.id,
				quantityMilli: l.quantity_milli,
				unitPriceMinor: l.unit_price_minor,
				optional: false,
			})),
			{ discountMinor: 0, taxRateBps },
		);
		const paidMinor = plan.paid ? Math.round(totals.totalMinor * plan.paid.share) : 0;
		out.invoices?.push({
			id,
			tenant_id: tenant.id,
			number: 101 + i,
			account_id: job?.account_id ?? account.id,
			contact_id: job ? job.contact_id : null,
			location_id: job?.location_id ?? account.location.id,
			job_id: job?.id ?? null,
			estimate_id: null,
			currency: tenant.currency,
			subtotal_minor: totals.subtotalMinor,
			discount_minor: totals.discountMinor,
			tax_rate_bps: taxRateBps,
			tax_minor: totals.taxMinor,
			total_minor: totals.totalMinor,
			paid_minor: paidMinor,
			deposit_applied_minor: 0,
			due_at: addDays(localDate(createdAt, tenant.timezone), plan.dueDays),
			terms: tenant.settings.invoiceTermsDefault ?? null,
			notes: null,
			shared_at: plan.share ? createdAt + HOUR : null,
			voided_at: null,
			void_reason: null,
			created_at: createdAt,
			updated_at: plan.paid ? Math.round(now - plan.paid.daysAgo * DAY) : createdAt + HOUR,
			created_by: dispatcherId,
		});
		out.invoice_lines?.push(...lines);
		if (plan.paid) {
			out.payments?.push({
				id: `pay_${tenant.prefix}_${plan.key}`,
				tenant_id: tenant.id,
				invoice_id: id,
				amount_minor: paidMinor,
				currency: tenant.currency,
				method: plan.paid.method,
				provider: "offline",
				provider_ref: plan.paid.reference,
				checkout_id: null,
				received_at: Math.round(now - plan.paid.daysAgo * DAY),
				recorded_by: dispatcherId,
			});
		}
	});
	return out;
}

const completedOf = (jobs: Row[], tenantId: string) =>
	jobs.filter((j) => j.tenant_id === tenantId && j.status === "completed" && j.account_id) as DoneJob[];

/**
 * Both demo tenants' invoices, by table: open, partly paid (a cheque), paid (a transfer) and
 * overdue, and a draft, around `now`; most bill one of the completed demo `jobs`.
 */
export function demoInvoices(now: number, jobs: Row[]): Array<Record<string, Row[]>> {
	return [
		buildInvoices(
			{ ...ACME, prefix: "acme" },
			ACME_ACCOUNTS,
			completedOf(jobs, ACME.id),
			"stf_acme_morgan",
			ACME_PLANS,
			now,
		),
		buildInvoices(
			{ ...BAYSIDE, prefix: "bay" },
			BAYSIDE_ACCOUNTS,
			completedOf(jobs, BAYSIDE.id),
			"stf_bay_lee",
			BAY_PLANS,
			now,
		),
	];
}
