import { useMemo } from "preact/hooks";
import { type EstimateTotals, liveTotals } from "../../shared/estimates/liveTotals";
import { parseMoneyMinor } from "../../shared/money";
import { type LineDraft, liveLines, parseRateBps } from "./lineDraft";

/**
 * The totals of a form's lines as typed, by the server's arithmetic, and the tax rate they were
 * taken at (null while the typed rate does not parse): the estimate and invoice forms both.
 */
export function useDraftTotals(
	draft: { lines: readonly LineDraft[]; discount: string; taxRate: string },
	digits: number,
): { totals: EstimateTotals; rateBps: number | null } {
	const rateBps = parseRateBps(draft.taxRate);
	const totals = useMemo(
		() =>
			liveTotals(liveLines(draft.lines, digits), {
				discountMinor: parseMoneyMinor(draft.discount, digits) ?? 0,
				taxRateBps: rateBps ?? 0,
			}),
		[draft.lines, draft.discount, rateBps, digits],
	);
	return { totals, rateBps };
}
