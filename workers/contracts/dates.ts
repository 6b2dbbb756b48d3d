import { z } from "@hono/zod-openapi";

/**
 * Years a date may name. Nothing the app records or books lies outside them, and keeping every
 * day's end before the year 10000 keeps every instant we answer valid RFC 3339.
 */
const FIRST_YEAR = 1970;
const LAST_YEAR = 2999;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** Whether year, month and day name a day that exists (no 2026-02-30, no month 13). */
function isCalendarDay(year: number, month: number, day: number): boolean {
	if (year < FIRST_YEAR || year > LAST_YEAR || month < 1 || month > 12 || day < 1) return false;
	return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A day of the calendar, "YYYY-MM-DD"; read in the tenant's time zone where it bounds instants. */
export const CalendarDate = z
	.string()
	.refine((value) => {
		const m = DATE.exec(value);
		return m !== null && isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]));
	}, "Use a real date, like 2026-11-25.")
	.openapi({ type: "string", format: "date", example: "2026-11-25" });

/** A wall-clock time of a real day, "YYYY-MM-DDTHH:mm", as a datetime-local input sends it. */
export const WallClockTime = z
	.string()
	.refine((value) => {
		const m = DATE_TIME.exec(value);
		return (
			m !== null &&
			isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3])) &&
			Number(m[4]) <= 23 &&
			Number(m[5]) <= 59
		);
	}, "Choose a real date and time, like 2026-11-25T09:30.")
	.openapi({ type: "string", example: "2026-11-25T09:30" });
