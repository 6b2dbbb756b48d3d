import type { StaffEstimate } from "../../shared/estimates/estimateTypes";
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
import type { EstimateCreateBody } from "./estimateApi";

export type EstimateDraft = {
	accountId: string;
	contactId: string;
	locationId: string;
	quoteRequestId: string;
	title: string;
	lines: LineDraft[];
	/** Percent, as typed ("8.875"). */
	taxRate: string;
	/** Major units, as typed ("50.00"). */
	discount: string;
	/** "YYYY-MM-DD" or "". */
	expiresAt: string;
	notes: string;
	terms: string;
};

export function newEstimateDraft(defaultTaxRateBps: number | null): EstimateDraft {
	return {
		accountId: "",
		contactId: "",
		locationId: "",
		quoteRequestId: "",
		title: "",
		lines: [emptyLine()],
		taxRate: defaultTaxRateBps === null ? "" : rateText(defaultTaxRateBps),
		discount: "",
		expiresAt: "",
		notes: "",
		terms: "",
	};
}

/** The form for revising an estimate: its current version, each line keeping its id. */
export function draftFromEstimate(e: StaffEstimate, expiresOn: string | null): EstimateDraft {
	const digits = currencyDigits(e.currency);
	return {
		accountId: e.account.id,
		contactId: e.contact?.id ?? "",
		locationId: e.location?.id ?? "",
		quoteRequestId: e.quoteRequestId ?? "",
		title: e.title,
		lines: [...e.lines].sort((a, b) => a.seq - b.seq).map((l) => lineDraftFrom(l, digits, true)),
		taxRate: rateText(e.taxRateBps),
		discount: e.discountMinor ? moneyText(e.discountMinor, digits) : "",
		expiresAt: expiresOn ?? "",
		notes: e.notes ?? "",
		terms: e.terms ?? "",
	};
}

/** The form's field names: the dotted paths the API names in its issues. */
export type DraftField = string;

/** What the browser can tell before sending: figures that are not numbers. The server checks the rest. */
export function draftProblems(d: EstimateDraft, digits: number): Record<DraftField, string> {
	const problems: Record<DraftField, string> = {};
	if (!d.accountId) problems.accountId = "Choose the account the estimate is for.";
	if (!d.title.trim()) problems.title = "Give the estimate a title.";
	return { ...problems, ...lineProblems(d.lines, digits), ...chargeProblems(d, digits) };
}

const optional = (text: string) => (text.trim() ? text.trim() : undefined);

/** The content both `POST` and `PUT` send; call after `draftProblems` found none. */
export function contentBody(d: EstimateDraft, digits: number) {
	return {
		title: d.title,
		lines: d.lines.map((l) => ({
			id: l.id,
			description: l.description,
			quantity: l.quantity.trim(),
			unitPriceMinor: parseMoneyMinor(l.unitPrice, digits) ?? 0,
			optional: l.optional,
		})),
		taxRateBps: d.taxRate.trim() ? (parseRateBps(d.taxRate) ?? undefined) : undefined,
		discountMinor: d.discount.trim() ? (parseMoneyMinor(d.discount, digits) ?? undefined) : 0,
		expiresAt: optional(d.expiresAt),
		notes: optional(d.notes),
		terms: optional(d.terms),
	};
}

export function createBody(d: EstimateDraft, digits: number): EstimateCreateBody {
	return {
		accountId: d.accountId,
		contactId: optional(d.contactId),
		locationId: optional(d.locationId),
		quoteRequestId: optional(d.quoteRequestId),
		...contentBody(d, digits),
	};
}
