import { MAX_TAX_RATE_BPS } from "../../../../workers/contracts/estimates";
import { parseQuantityMilli, QUANTITY_SCALE } from "../../../../workers/domain/estimates/quantity";
import type { StaffEstimate } from "../../shared/estimates/estimateTypes";
import type { LiveLine } from "../../shared/estimates/liveTotals";
import type { EstimateCreateBody } from "./estimateApi";

/** One line as the form holds it: every figure a string, as typed. */
export type LineDraft = {
	/** Keys the row across reorders; new lines get one of their own. */
	key: string;
	/** The id of the line of the current version it revises; absent for a new line. */
	id?: string;
	description: string;
	quantity: string;
	unitPrice: string;
	optional: boolean;
};

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

/** The decimals of a currency's minor unit: 2 for USD, 0 for JPY. */
export function currencyDigits(currency: string): number {
	return (
		new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2
	);
}

/** "1,234.5" → 123450 (2 digits); null for anything that is not an amount with at most `digits` decimals. */
export function parseMoneyMinor(text: string, digits: number): number | null {
	const cleaned = text
		.trim()
		.replace(/^[$€£]/, "")
		.replaceAll(",", "");
	const match = /^(\d{1,9})(?:\.(\d*))?$/.exec(cleaned);
	if (!match) return null;
	const fraction = match[2] ?? "";
	if (fraction.length > digits) return null;
	return Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
}

/** 123450 → "1234.50": how the form shows an amount it was given. */
export const moneyText = (minor: number, digits: number) => (minor / 10 ** digits).toFixed(digits);

/** "8.875" (percent) → 888 basis points, rounded half-up; null for anything else. */
export function parseRateBps(text: string): number | null {
	const match = /^(\d{1,3})(?:\.(\d{1,4}))?$/.exec(text.trim().replace(/\s*%$/, ""));
	if (!match) return null;
	const tenThousandths = Number(match[1]) * 10_000 + Number((match[2] ?? "").padEnd(4, "0"));
	const bps = Math.floor((tenThousandths + 50) / 100);
	return bps <= MAX_TAX_RATE_BPS ? bps : null;
}

/** 888 → "8.88". */
export const rateText = (bps: number) => String(bps / 100);

let keys = 0;
export const newLineKey = () => `new-${++keys}`;

export const emptyLine = (): LineDraft => ({
	key: newLineKey(),
	description: "",
	quantity: "1",
	unitPrice: "",
	optional: false,
});

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
		lines: [...e.lines]
			.sort((a, b) => a.seq - b.seq)
			.map((l) => ({
				key: l.id,
				id: l.id,
				description: l.description,
				quantity: String(l.quantity),
				unitPrice: moneyText(l.unitPriceMinor, digits),
				optional: l.optional,
			})),
		taxRate: rateText(e.taxRateBps),
		discount: e.discountMinor ? moneyText(e.discountMinor, digits) : "",
		expiresAt: expiresOn ?? "",
		notes: e.notes ?? "",
		terms: e.terms ?? "",
	};
}

/** The lines as the totals see them; a figure not typed yet counts as nothing. */
export function liveLines(lines: readonly LineDraft[], digits: number): LiveLine[] {
	return lines.map((l) => ({
		id: l.key,
		quantity: (parseQuantityMilli(l.quantity) ?? 0) / QUANTITY_SCALE,
		unitPriceMinor: parseMoneyMinor(l.unitPrice, digits) ?? 0,
		optional: l.optional,
	}));
}

/** The form's field names: the dotted paths the API names in its issues. */
export type DraftField = string;

/** What the browser can tell before sending: figures that are not numbers. The server checks the rest. */
export function draftProblems(d: EstimateDraft, digits: number): Record<DraftField, string> {
	const problems: Record<DraftField, string> = {};
	if (!d.accountId) problems.accountId = "Choose the account the estimate is for.";
	if (!d.title.trim()) problems.title = "Give the estimate a title.";
	d.lines.forEach((l, i) => {
		if (!l.description.trim()) problems[`lines.${i}.description`] = "Describe the line.";
		if (parseQuantityMilli(l.quantity) === null)
			problems[`lines.${i}.quantity`] = "Enter a quantity above 0 with at most three decimals, like 1.5.";
		if (parseMoneyMinor(l.unitPrice, digits) === null)
			problems[`lines.${i}.unitPriceMinor`] = digits
				? `Enter a price like 125 or 125.${"0".repeat(digits)}.`
				: "Enter a price in whole units, like 125.";
	});
	if (d.taxRate.trim() && parseRateBps(d.taxRate) === null)
		problems.taxRateBps = "Enter a rate in percent between 0 and 100, like 8.875.";
	if (d.discount.trim() && parseMoneyMinor(d.discount, digits) === null)
		problems.discountMinor = "Enter the discount as an amount, like 50.00.";
	return problems;
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
