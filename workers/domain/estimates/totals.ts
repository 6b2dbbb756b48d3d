// Imports name their files: the demo loader runs this module under plain Node as well.
import { QUANTITY_SCALE } from "./quantity.ts";

/** A line as the totals see it: thousandths of a quantity, a unit price in minor units. */
export type PricedLine = { id: string; quantityMilli: number; unitPriceMinor: number; optional: boolean };

export type EstimateTotals = {
	/** Lines in the total (every required one and the selected optional ones). */
	subtotalMinor: number;
	/** The discount applied: as asked, but never more than the subtotal. */
	discountMinor: number;
	taxRateBps: number;
	/** Tax on the discounted subtotal. */
	taxMinor: number;
	totalMinor: number;
	/** What the optional lines left out would add, before discount and tax. */
	optionalMinor: number;
};

/** a × b ÷ d rounded half-up, for non-negative integers; in BigInt so no product loses a cent. */
function mulDivHalfUp(a: number, b: number, d: number): number {
	const product = BigInt(a) * BigInt(b);
	const divisor = BigInt(d);
	return Number((product * 2n + divisor) / (2n * divisor));
}

/** A line's total: quantity × unit price, rounded half-up to the minor unit (2.5 cents → 3). */
export function lineTotalMinor(line: Pick<PricedLine, "quantityMilli" | "unitPriceMinor">): number {
	return mulDivHalfUp(line.quantityMilli, line.unitPriceMinor, QUANTITY_SCALE);
}

/**
 * The totals of a version: the sum of the line totals (optional lines only when selected), less
 * the discount, plus tax at `taxRateBps` of that discounted subtotal rounded half-up once. The
 * portal and the console compute what they show live with this same function.
 */
export function estimateTotals(
	lines: readonly PricedLine[],
	terms: { discountMinor: number; taxRateBps: number },
	selectedOptionalIds: Iterable<string> = [],
): EstimateTotals {
	const selected = new Set(selectedOptionalIds);
	let subtotalMinor = 0;
	let optionalMinor = 0;
	for (const line of lines) {
		const total = lineTotalMinor(line);
		if (!line.optional || selected.has(line.id)) subtotalMinor += total;
		else optionalMinor += total;
	}
	const discountMinor = Math.min(Math.max(terms.discountMinor, 0), subtotalMinor);
	const taxable = subtotalMinor - discountMinor;
	const taxMinor = mulDivHalfUp(taxable, terms.taxRateBps, 10_000);
	return {
		subtotalMinor,
		discountMinor,
		taxRateBps: terms.taxRateBps,
		taxMinor,
		totalMinor: taxable + taxMinor,
		optionalMinor,
	};
}
