import { activeLocale } from "./i18n";

/** Numbers, money and lists through `Intl` in the language shown. */

// A formatter costs far more to build than to use, and the live view formats every second.
const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(options?: Intl.NumberFormatOptions): Intl.NumberFormat {
	const locale = activeLocale();
	const key = `${locale}|${JSON.stringify(options ?? {})}`;
	let format = numberFormats.get(key);
	if (!format) {
		format = new Intl.NumberFormat(locale, options);
		numberFormats.set(key, format);
	}
	return format;
}

export const formatNumber = (value: number, options?: Intl.NumberFormatOptions): string =>
	numberFormat(options).format(value);

/** An amount in integer minor units (cents) of an ISO 4217 currency: "$1,234.50", "1234,50 US$". */
export function formatMoney(minor: number, currency: string): string {
	const format = numberFormat({ style: "currency", currency });
	const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
	return format.format(minor / 10 ** digits);
}
