/**
 * Dates and times in the tenant's time zone — never the browser's. Instants come from the API
 * as ISO strings; booking inputs hold the zone's wall clock ("YYYY-MM-DDTHH:mm", "YYYY-MM-DD").
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One cached formatter per zone and style: building them is the slow part. */
function formatter(timeZone: string, style: string, options: Intl.DateTimeFormatOptions) {
	const key = `${timeZone}|${style}`;
	let format = formatters.get(key);
	if (!format) {
		format = new Intl.DateTimeFormat(style === "parts" ? "en-US" : undefined, { timeZone, ...options });
		formatters.set(key, format);
	}
	return format;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The zone's wall clock at an instant. */
function wallClock(at: number, timeZone: string) {
	const parts = formatter(timeZone, "parts", {
		hourCycle: "h23",
		year: "numeric",
		month: "2-digit",
		day: "2-digit",
		hour: "2-digit",
		minute: "2-digit",
	}).formatToParts(at);
	const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
	return {
		year: get("year"),
		month: get("month"),
		day: get("day"),
		hour: get("hour"),
		minute: get("minute"),
	};
}

/** The instant's date in the zone, "YYYY-MM-DD" (what a date input holds). */
export function localDate(at: number, timeZone: string): string {
	const c = wallClock(at, timeZone);
	return `${c.year}-${pad(c.month)}-${pad(c.day)}`;
}

/** The instant as the zone's wall clock, "YYYY-MM-DDTHH:mm" (what a datetime-local input holds). */
export function localDateTime(at: number, timeZone: string): string {
	const c = wallClock(at, timeZone);
	return `${c.year}-${pad(c.month)}-${pad(c.day)}T${pad(c.hour)}:${pad(c.minute)}`;
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
	if (start) return `From ${formatDateTime(start, timeZone)}`;
	if (end) return `By ${formatDateTime(end, timeZone)}`;
	return null;
}
