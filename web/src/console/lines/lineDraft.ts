import { MAX_TAX_RATE_BPS } from "../../../../schema/estimate-values";
import { parseQuantityMilli, QUANTITY_SCALE } from "../../../../workers/domain/estimates/quantity";
import type { LiveLine } from "../../shared/estimates/liveTotals";
import { t } from "../../shared/i18n/i18n";
import { currencyDigits, moneyText, parseMoneyMinor } from "../../shared/money";

export { currencyDigits, moneyText, parseMoneyMinor };

/** One line of an estimate or an invoice as the form holds it: every figure a string, as typed. */
export type LineDraft = {
	/** Keys the row across reorders; new lines get one of their own. */
	key: string;
	/** The id of the saved line it revises; absent for a new line. */
	id?: string;
	description: string;
	quantity: string;
	unitPrice: string;
	/** Estimates only: the customer may tick it in or out. */
	optional: boolean;
};

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

/** A saved line (decimal quantity, price in minor units) as the form holds it. */
export function lineDraftFrom(
	line: { id?: string; description: string; quantity: number; unitPriceMinor: number; optional?: boolean },
	digits: number,
	keepId: boolean,
): LineDraft {
	return {
		key: line.id && keepId ? line.id : newLineKey(),
		id: keepId ? line.id : undefined,
		description: line.description,
		quantity: String(line.quantity),
		unitPrice: moneyText(line.unitPriceMinor, digits),
		optional: line.optional ?? false,
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

/** Messages for what the browser can tell about the lines before sending, by `lines.2.quantity` path. */
export function lineProblems(lines: readonly LineDraft[], digits: number): Record<string, string> {
	const problems: Record<string, string> = {};
	lines.forEach((l, i) => {
		if (!l.description.trim()) problems[`lines.${i}.description`] = t("lines.problem.description");
		if (parseQuantityMilli(l.quantity) === null)
			problems[`lines.${i}.quantity`] = t("lines.problem.quantity");
		if (parseMoneyMinor(l.unitPrice, digits) === null)
			problems[`lines.${i}.unitPriceMinor`] = t("lines.problem.price", {
				example: digits ? `125.${"0".repeat(digits)}` : "none",
			});
	});
	return problems;
}

/** Discount and tax rate as typed: the messages for what is not an amount or a rate. */
export function chargeProblems(
	d: { discount: string; taxRate: string },
	digits: number,
): Record<string, string> {
	const problems: Record<string, string> = {};
	if (d.taxRate.trim() && parseRateBps(d.taxRate) === null) problems.taxRateBps = t("lines.problem.taxRate");
	if (d.discount.trim() && parseMoneyMinor(d.discount, digits) === null)
		problems.discountMinor = t("lines.problem.discount");
	return problems;
}
