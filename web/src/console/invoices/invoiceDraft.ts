import type { StaffEstimate } from "../../shared/estimates/estimateTypes";
import { t } from "../../shared/i18n/i18n";
import type { InvoiceCreateBody, InvoiceDraftFromJob } from "../../shared/invoices/invoiceTypes";
import {
	chargeProblems,
	currencyDigits,
	emptyLine,
	type LineDraft,
	lineDraftFrom,
	lineProblems,
	moneyText,
	parseMoneyMinor,
	parseRateBps,
	rateText,
} from "../lines/lineDraft";

/** The invoice form as typed; figures are strings until sent. */
export type InvoiceDraft = {
	accountId: string;
	contactId: string;
	locationId: string;
	jobId: string;
	estimateId: string;
	lines: LineDraft[];
	/** Percent, as typed ("8.875"); blank: the tenant's rate. */
	taxRate: string;
	/** Major units, as typed ("50.00"). */
	discount: string;
	/** "YYYY-MM-DD", or blank for the tenant's default due days. */
	dueAt: string;
	terms: string;
	notes: string;
	/** Paid already on earlier invoices of the same estimate (a deposit), carried over. */
	depositAppliedMinor: number;
};

export function newInvoiceDraft(accountId: string): InvoiceDraft {
	return {
		accountId,
		contactId: "",
		locationId: "",
		jobId: "",
		estimateId: "",
		lines: [emptyLine()],
		taxRate: "",
		discount: "",
		dueAt: "",
		terms: "",
		notes: "",
		depositAppliedMinor: 0,
	};
}

/** The form pre-filled from `GET /invoices/draft-from-job/:jobId`. */
export function draftFromJob(d: InvoiceDraftFromJob, currency: string): InvoiceDraft {
	const digits = currencyDigits(currency);
	return {
		...newInvoiceDraft(d.accountId),
		contactId: d.contactId ?? "",
		locationId: d.locationId ?? "",
		jobId: d.jobId,
		estimateId: d.estimateId ?? "",
		lines: d.lines.length ? d.lines.map((l) => lineDraftFrom(l, digits, false)) : [emptyLine()],
		taxRate: rateText(d.taxRateBps),
		discount: d.discountMinor ? moneyText(d.discountMinor, digits) : "",
		dueAt: d.dueAt,
		terms: d.terms ?? "",
		depositAppliedMinor: d.depositAppliedMinor,
	};
}

/** An approved estimate not booked yet: its required lines and the optional ones the customer ticked. */
export function draftFromEstimate(e: StaffEstimate): InvoiceDraft {
	const digits = currencyDigits(e.currency);
	const ticked = new Set(e.approval?.optionalItemIds ?? []);
	return {
		...newInvoiceDraft(e.account.id),
		contactId: e.contact?.id ?? "",
		locationId: e.location?.id ?? "",
		estimateId: e.id,
		lines: [...e.lines]
			.sort((a, b) => a.seq - b.seq)
			.filter((l) => !l.optional || ticked.has(l.id))
			.map((l) => lineDraftFrom(l, digits, false)),
		taxRate: rateText(e.taxRateBps),
		discount: e.discountMinor ? moneyText(e.discountMinor, digits) : "",
		terms: e.terms ?? "",
	};
}

/** What the browser can tell before sending; the server checks the rest. */
export function invoiceProblems(d: InvoiceDraft, digits: number): Record<string, string> {
	const problems: Record<string, string> = {};
	if (!d.accountId) problems.accountId = t("console.invoiceForm.problem.account");
	return { ...problems, ...lineProblems(d.lines, digits), ...chargeProblems(d, digits) };
}

const optional = (text: string) => (text.trim() ? text.trim() : undefined);

/** `POST /invoices`; call after `invoiceProblems` found none. */
export function createBody(d: InvoiceDraft, digits: number): InvoiceCreateBody {
	return {
		accountId: d.accountId,
		contactId: optional(d.contactId),
		locationId: optional(d.locationId),
		jobId: optional(d.jobId),
		estimateId: optional(d.estimateId),
		lines: d.lines.map((l) => ({
			description: l.description,
			quantity: l.quantity.trim(),
			unitPriceMinor: parseMoneyMinor(l.unitPrice, digits) ?? 0,
		})),
		taxRateBps: d.taxRate.trim() ? (parseRateBps(d.taxRate) ?? undefined) : undefined,
		discountMinor: d.discount.trim() ? (parseMoneyMinor(d.discount, digits) ?? 0) : 0,
		dueAt: optional(d.dueAt),
		terms: optional(d.terms),
		notes: optional(d.notes),
	};
}
