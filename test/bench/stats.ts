// Order statistics for latency samples and the median across runs.

/** The q-quantile (0..1) of `values` by nearest rank; NaN when there are none. */
export function quantile(values: number[], q: number): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
	return sorted[rank] ?? Number.NaN;
}

export const median = (values: number[]) => quantile(values, 0.5);

/** Rounded for the table and the JSON: enough digits to compare, no noise. */
export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
