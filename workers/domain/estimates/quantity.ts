/**
 * Quantities are decimals ("1.5" hours, "0.25" m³) stored as integer thousandths (1.5 → 1500).
 * An integer keeps every sum and product exact in SQLite and in JS, where a float 0.1 + 0.2 is
 * not 0.3; three decimals is what quotes use (litres, hours to the minute, metres to the mm).
 */
export const QUANTITY_SCALE = 1000;
/** The largest quantity a line may carry: 100,000 units. */
export const MAX_QUANTITY_MILLI = 100_000 * QUANTITY_SCALE;

const DECIMAL = /^(\d{1,6})(?:\.(\d{1,3}))?$/;

/**
 * Thousandths of a quantity typed as a number or a decimal string ("2", "1.5", 0.25); null for
 * anything else (more than three decimals, negative, exponent notation, not a number).
 */
export function parseQuantityMilli(value: number | string): number | null {
	const text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : value.trim();
	const m = DECIMAL.exec(text);
	if (!m) return null;
	const milli = Number(m[1]) * QUANTITY_SCALE + Number((m[2] ?? "").padEnd(3, "0"));
	return milli > 0 && milli <= MAX_QUANTITY_MILLI ? milli : null;
}

/** The quantity as a number again (1500 → 1.5): exact, since thousandths print back as typed. */
export const quantityOf = (milli: number): number => milli / QUANTITY_SCALE;
