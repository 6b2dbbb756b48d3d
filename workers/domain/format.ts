import type { Locale } from "../../schema/locales";
import { dateTimeFormat, numberFormat } from "./intl-formats";

/**
 * A time window as people read it in the tenant's zone and their language:
 * "Tue, Nov 25, 9:30 AM – 12:30 PM EST", "mar, 25 nov, 9:30 – 12:30 EST"; null when unscheduled.
 */
export function formatWindow(
	start: number | null,
	end: number | null,
	timeZone: string,
	locale: Locale,
): string | null {
	const full = dateTimeFormat(locale, {
		timeZone,
		weekday: "short",
		month: "short",
		day: "numeric",
		hour: "numeric",
		minute: "2-digit",
		timeZoneName: "short",
	});
	if (start === null && end === null) return null;
	if (start === null || end === null) return full.format(start ?? end ?? 0);
	const sameDay =
		dateTimeFormat("en-CA", { timeZone }).format(start) === dateTimeFormat("en-CA", { timeZone }).format(end);
	if (!sameDay) return `${full.format(start)} – ${full.format(end)}`;
	const day = dateTimeFormat(locale, { timeZone, weekday: "short", month: "short", day: "numeric" });
	const from = dateTimeFormat(locale, { timeZone, hour: "numeric", minute: "2-digit" });
	const to = dateTimeFormat(locale, {
		timeZone,
		hour: "numeric",
		minute: "2-digit",
		timeZoneName: "short",
	});
	return `${day.format(start)}, ${from.format(start)} – ${to.format(end)}`;
}

/** An amount in minor units as people read it in a currency and language: "$1,234.50", "1234,50 US$". */
export function formatMoney(minor: number, currency: string, locale: Locale): string {
	const format = numberFormat(locale, { style: "currency", currency });
	const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
	return format.format(minor / 10 ** digits);
}

/** A calendar day ("YYYY-MM-DD", no zone) as people read it in a language: "December 16, 2026". */
export function formatCalendarDay(day: string, locale: Locale): string {
	return dateTimeFormat(locale, { timeZone: "UTC", dateStyle: "long" }).format(
		Date.parse(`${day}T12:00:00Z`),
	);
}
