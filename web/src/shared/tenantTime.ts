import { localDate, localDateTime } from "../../../workers/domain/time";
import { activeLocale, t } from "./i18n/i18n";

/**
 * Dates and times in the tenant's time zone — never the browser's — and the language shown. Instants come from the API
 * as ISO strings; booking inputs hold the zone's wall clock ("YYYY-MM-DDTHH:mm", "YYYY-MM-DD"),
 * converted by the same functions the server reads them back with.
 */

export { localDate, localDateTime };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One cached formatter per language, zone and style: building them is the slow part. */
function formatter(timeZone: string, style: string, options: Intl.DateTimeFormatOptions) {
	const locale = style === "parts" ? "en-US" : activeLocale();
	const key = `${locale}|${timeZone}|${style}`;
	let format = formatters.get(key);
	if (!format) {
		format = new Intl.DateTimeFormat(locale, { timeZone, ...options });
		formatters.set(key, format);
	}
	return format;
}

/** A "YYYY-MM-DD" date `days` later. */
export function addDays(date: string, days: number): string {
	return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/**
 * Default pickup times: ready now rounded up to the next quarter hour, deliver by three hours
 * later, both as the zone's wall clock (every zone's offset is a whole number of quarter hours).
 */
export function defaultPickupTimes(now: number, timeZone: string): { readyAt: string; deliverBy: string } {
	const quarter = 15 * MINUTE;
	const ready = Math.ceil(now / quarter) * quarter;
	return { readyAt: localDateTime(ready, timeZone), deliverBy: localDateTime(ready + 3 * HOUR, timeZone) };
}

/** "Eastern Time (America/New_York)": how the booking form names the zone its times are in. */
export function timeZoneLabel(timeZone: string): string {
	const name = formatter(timeZone, "zone", { timeZoneName: "longGeneric" })
		.formatToParts(Date.now())
		.find((p) => p.type === "timeZoneName")?.value;
	return name && name !== timeZone ? `${name} (${timeZone})` : timeZone;
}

const dateTimeOptions: Intl.DateTimeFormatOptions = {
	weekday: "short",
	month: "short",
	day: "numeric",
	hour: "numeric",
	minute: "2-digit",
};

/** "Tue, Nov 25, 9:30 AM" in the zone. */
export function formatDateTime(iso: string, timeZone: string): string {
	return formatter(timeZone, "dateTime", dateTimeOptions).format(Date.parse(iso));
}

/** "9:30:05 AM" in the zone: for positions that arrive every few seconds, where seconds matter. */
export function formatClockTime(at: number, timeZone: string): string {
	return formatter(timeZone, "clock", { hour: "numeric", minute: "2-digit", second: "2-digit" }).format(at);
}

/** "Wednesday, December 2" in the zone: the day a list is for. */
export function formatDay(at: number, timeZone: string): string {
	return formatter(timeZone, "day", { weekday: "long", month: "long", day: "numeric" }).format(at);
}

/** "3:40 PM" in the zone. */
export function formatTime(at: number, timeZone: string): string {
	return formatter(timeZone, "time", { hour: "numeric", minute: "2-digit" }).format(at);
}

const isMidnight = (at: number, timeZone: string) => localDateTime(at, timeZone).endsWith("T00:00");

/**
 * A time window in the zone: "Tue, Nov 25, 9:30 AM – 12:30 PM", the date repeated only when it
 * differs. A window of whole days (a service call's preferred dates) shows only its dates.
 */
export function formatWindow(start: string | null, end: string | null, timeZone: string): string | null {
	if (start && end) {
		const [from, to] = [Date.parse(start), Date.parse(end)];
		if (isMidnight(from, timeZone) && isMidnight(to, timeZone) && to > from) {
			// The window ends at midnight after its last day.
			const dates = formatter(timeZone, "date", { weekday: "short", month: "short", day: "numeric" });
			return dates.formatRange(from, to - 1);
		}
		return formatter(timeZone, "dateTime", dateTimeOptions).formatRange(from, to);
	}
	if (start) return t("time.window.from", { time: formatDateTime(start, timeZone) });
	if (end) return t("time.window.by", { time: formatDateTime(end, timeZone) });
	return null;
}

/** "Wed, Dec 31, 2026": a calendar day ("YYYY-MM-DD") as it is named everywhere, whatever the zone. */
export function formatCalendarDay(day: string): string {
	return formatter("UTC", "day", {
		weekday: "short",
		month: "short",
		day: "numeric",
		year: "numeric",
	}).format(Date.parse(`${day}T12:00:00Z`));
}

/** "Dec 2, 2026": the day an instant falls on in the zone. */
export function formatDate(iso: string, timeZone: string): string {
	return formatter(timeZone, "date-year", { month: "short", day: "numeric", year: "numeric" }).format(
		Date.parse(iso),
	);
}
