/** Amounts as people type and read them in a form, in a currency's minor units. */

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
