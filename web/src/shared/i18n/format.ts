import { activeLocale } from "./i18n";

/** Numbers, money and lists through `Intl` in the language shown. */

export const formatNumber = (value: number, options?: Intl.NumberFormatOptions): string =>
	new Intl.NumberFormat(activeLocale(), options).format(value);

/** An amount in integer minor units (cents) of an ISO 4217 currency: "$1,234.50", "1234,50 US$". */
export function formatMoney(minor: number, currency: string): string {
	const format = new Intl.NumberFormat(activeLocale(), { style: "currency", currency });
	const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
	return format.format(minor / 10 ** digits);
}
