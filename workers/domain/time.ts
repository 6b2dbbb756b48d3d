import { dateTimeFormat } from "./intl-formats.ts";

/** Wall-clock parts of an instant in a time zone. */
function partsIn(timeZone: string, at: number) {
	const parts = dateTimeFormat("en-US", {
		timeZone,
		hourCycle: "h23",
		year: "numeric",
		month: "2-digit",
		day: "2-digit",
		hour: "2-digit",
		minute: "2-digit",
		second: "2-digit",
	}).formatToParts(at);
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	return {
		year: get("year"),
		month: get("month"),
		day: get("day"),
		hour: get("hour"),
		minute: get("minute"),
		second: get("second"),
	};
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(timeZone: string, at: number): number {
	const p = partsIn(timeZone, at);
	return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(at / 1000) * 1000;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/;

/** Whether a string is an IANA time zone this runtime knows. */
export function isTimeZone(value: string): boolean {
	try {
		new Intl.DateTimeFormat("en-US", { timeZone: value });
		return true;
	} catch {
		return false;
	}
}

/**
 * The UTC instant of a wall-clock time ("2026-11-25T09:30" or a date, taken as midnight)
 * in a time zone, or null when it is malformed or does not exist there (a DST gap).
 */
export function zonedToUtc(local: string, timeZone: string): number | null {
	const m = LOCAL.exec(local);
	if (!m) return null;
	const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4] ?? "0", m[5] ?? "0"].map(Number) as [
		number,
		number,
		number,
		number,
		number,
	];
	const asUtc = Date.UTC(year, month - 1, day, hour, minute);
	const check = new Date(asUtc);
	// Date.UTC reads years below 100 as 19xx; a shifted year is as malformed as a 13th month.
	if (
		check.getUTCFullYear() !== year ||
		check.getUTCMonth() !== month - 1 ||
		check.getUTCDate() !== day ||
		hour > 23 ||
		minute > 59
	)
		return null;
	// Two passes settle the offset on either side of a DST change.
	let guess = asUtc - offsetAt(timeZone, asUtc);
	guess = asUtc - offsetAt(timeZone, guess);
	const back = partsIn(timeZone, guess);
	if (back.hour !== hour || back.minute !== minute || back.day !== day) return null;
	return guess;
}

/** The day after a calendar date, "YYYY-MM-DD". */
export function nextDate(date: string): string {
	return addDays(date, 1);
}

/** The calendar day `days` after "YYYY-MM-DD" (before, when negative). */
export function addDays(date: string, days: number): string {
	const [year, month, day] = date.split("-").map(Number) as [number, number, number];
	return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/**
 * The first instant of a calendar day in a time zone: its midnight, or where a zone skips
 * midnight for daylight saving, the end of that gap. Null for a malformed date.
 */
export function startOfLocalDay(date: string, timeZone: string): number | null {
	for (const time of ["00:00", "01:00", "02:00"]) {
		const at = zonedToUtc(`${date}T${time}`, timeZone);
		if (at !== null) return at;
	}
	return null;
}

/**
 * Whole days in a time zone as UTC bounds: `from` the first day's start, `to` the end of the
 * last day (exclusive). A day not given leaves its bound open.
 */
export function localDayBounds(days: { from?: string; to?: string }, timeZone: string) {
	return {
		from: days.from ? (startOfLocalDay(days.from, timeZone) ?? undefined) : undefined,
		to: days.to ? (startOfLocalDay(nextDate(days.to), timeZone) ?? undefined) : undefined,
	};
}

/** The instant's date in a time zone, "YYYY-MM-DD". */
export function localDate(at: number, timeZone: string): string {
	const p = partsIn(timeZone, at);
	return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

/** The instant as the zone's wall clock, "YYYY-MM-DDTHH:mm" (what a datetime-local input shows). */
export function localDateTime(at: number, timeZone: string): string {
	const p = partsIn(timeZone, at);
	return `${localDate(at, timeZone)}T${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`;
}

/** A stored instant as the API answers it: ISO 8601 in UTC, null when unset. */
export const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
