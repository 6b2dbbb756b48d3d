import type { z } from "zod";
import type { RecurringListSchema, RecurringSeriesSchema } from "../../../../workers/contracts/recurring";
import { apiFetch } from "../../shared/api";
import { activeLocale, t } from "../../shared/i18n/i18n";
import { customerPath } from "../customerApi";

export type Series = z.infer<typeof RecurringSeriesSchema>;
export type SeriesList = z.infer<typeof RecurringListSchema>;
export type Repeat = Series["repeat"];
export type WeekdayCode = "MO" | "TU" | "WE" | "TH" | "FR" | "SA" | "SU";
export const WEEKDAY_CODES: WeekdayCode[] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

export const recurringPath = (slug: string, rest = "") => customerPath(slug, `/recurring${rest}`);

export const createSeries = (slug: string, body: unknown) =>
	apiFetch<Series>(recurringPath(slug), { method: "POST", body: JSON.stringify(body) });

export const setPaused = (slug: string, id: string, paused: boolean) =>
	apiFetch<Series>(recurringPath(slug, `/${encodeURIComponent(id)}`), {
		method: "PATCH",
		body: JSON.stringify({ paused }),
	});

export const skipOccurrence = (slug: string, id: string, occurrence: string) =>
	apiFetch<Series>(recurringPath(slug, `/${encodeURIComponent(id)}/skip`), {
		method: "POST",
		body: JSON.stringify({ occurrence }),
	});

/** "9:00 AM" for a wall-clock "09:00", in the language shown. */
export function clockInWords(time: string): string {
	const [h, m] = time.split(":").map(Number) as [number, number];
	return new Intl.DateTimeFormat(activeLocale(), {
		hour: "numeric",
		minute: "2-digit",
		timeZone: "UTC",
	}).format(Date.UTC(2024, 0, 1, h, m));
}

/** "Monday" for "MO", in the language shown (Jan 1, 2024 was a Monday). */
export function weekdayName(code: WeekdayCode): string {
	const offset = WEEKDAY_CODES.indexOf(code);
	return new Intl.DateTimeFormat(activeLocale(), { weekday: "long", timeZone: "UTC" }).format(
		Date.UTC(2024, 0, 1 + offset),
	);
}

/** "Every weekday at 9:00 AM", "Every Monday and Thursday at 9:00 AM", "On the 1st of every month at 9:00 AM". */
export function repeatInWords(repeat: Repeat): string {
	const time = clockInWords(repeat.time);
	if (repeat.every === "weekday") return t("portal.recurring.every.weekday", { time });
	if (repeat.every === "month") return t("portal.recurring.every.month", { day: repeat.dayOfMonth, time });
	const days = new Intl.ListFormat(activeLocale(), { type: "conjunction" }).format(
		repeat.days.map((d) => weekdayName(d as WeekdayCode)),
	);
	return t("portal.recurring.every.week", { days, time });
}
