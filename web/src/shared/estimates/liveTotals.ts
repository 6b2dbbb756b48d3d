import { QUANTITY_SCALE } from "../../../../workers/domain/estimates/quantity";
import { type EstimateTotals, estimateTotals } from "../../../../workers/domain/estimates/totals";

export type { EstimateTotals };

/** A line as a form or a page holds it: a decimal quantity and a unit price in minor units. */
export type LiveLine = { id: string; quantity: number; unitPriceMinor: number; optional: boolean };

/**
 * The totals shown while someone types or ticks, by the server's own function (half-up once per
 * line and once for the tax, on the discounted subtotal); the server's figures replace them on save.
 */
export function liveTotals(
	lines: readonly LiveLine[],
	terms: { discountMinor: number; taxRateBps: number },
	selectedOptionalIds: Iterable<string> = [],
): EstimateTotals {
	const priced = lines.map((line) => ({
		id: line.id,
		// Quantities have at most three decimals, so thousandths are whole; rounding only undoes float noise.
		quantityMilli: Math.round(line.quantity * QUANTITY_SCALE),
		unitPriceMinor: line.unitPriceMinor,
		optional: line.optional,
	}));
	return estimateTotals(priced, terms, selectedOptionalIds);
}
