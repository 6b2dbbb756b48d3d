import { RRule, type Weekday } from "rrule";
import { addDays, localDateTime, zonedToUtc } from "../time";

export const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type WeekdayCode = (typeof WEEKDAYS)[number];

/**
 * How a series repeats, as people say it: every weekday, on some days of each week, or on one
 * day of each month; always at one wall-clock time of the tenant's zone.
 */
export type Repeat =
	| { every: "weekday"; time: string }
	| { every: "week"; days: WeekdayCode[]; time: string }
	| { every: "month"; dayOfMonth: number; time: string };

const WORK_WEEK: WeekdayCode[] = ["MO", "TU", "WE", "TH", "FR"];

/** The RRULE line of a repeat (no DTSTART: a series starts on its own first day). */
export function toRRule(repeat: Repeat): string {
	const [hour, minute] = repeat.time.split(":").map(Number) as [number, number];
	const at = `BYHOUR=${hour};BYMINUTE=${minute};BYSECOND=0`;
	if (repeat.every === "month") return `FREQ=MONTHLY;BYMONTHDAY=${repeat.dayOfMonth};${at}`;
	const days = repeat.every === "weekday" ? WORK_WEEK : WEEKDAYS.filter((d) => repeat.days.includes(d));
	return `FREQ=WEEKLY;BYDAY=${days.join(",")};${at}`;
}

/** The repeat a stored RRULE line says, for the pages to put in words. */
export function repeatOf(rrule: string): Repeat {
	const options = RRule.parseString(rrule);
	const hour = Number([options.byhour].flat()[0] ?? 0);
	const minute = Number([options.byminute].flat()[0] ?? 0);
	const time = `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
	if (options.freq === RRule.MONTHLY) {
		return { every: "month", dayOfMonth: Number([options.bymonthday].flat()[0] ?? 1), time };
	}
	const days = [options.byweekday ?? []]
		.flat()
		.map((d) => WEEKDAYS[typeof d === "number" ? d : (d as Weekday).weekday] as WeekdayCode);
	if (days.length === 5 && WORK_WEEK.every((d) => days.includes(d))) return { every: "weekday", time };
	return { every: "week", days, time };
}

/** A series as the rule reads it: the RRULE line from its first day, up to its last day if any. */
export type RuleSeries = { rrule: string; startsOn: string; endsOn: string | null };

export type Occurrence = {
	/** The wall-clock time in the tenant's zone, "YYYY-MM-DDTHH:mm": the occurrence's name. */
	local: string;
	/** The instant that wall-clock time is there. */
	at: number;
};

/** A "floating" instant: the wall-clock time's fields read as UTC. */
const floating = (local: string) => Date.parse(`${local}:00Z`);
const fromFloating = (ms: number) => new Date(ms).toISOString().slice(0, 16);

/**
 * The occurrences of a series whose instants fall in [from, to), in order. The rule runs on
 * wall-clock times ("floating", as RRULE without TZID means) and each is then placed in the
 * tenant's zone, so 9:00 stays 9:00 local across a DST change. A time a spring-forward gap
 * skips (2:30 on the change day) happens an hour later, as clocks read then.
 */
export function occurrencesBetween(
	series: RuleSeries,
	timeZone: string,
	from: number,
	to: number,
): Occurrence[] {
	const rule = new RRule({
		...RRule.parseString(series.rrule),
		dtstart: new Date(floating(`${series.startsOn}T00:00`)),
		until: series.endsOn ? new Date(floating(`${series.endsOn}T23:59`)) : null,
	});
	// Widen by a day each way: a zone's offset is under a day, the exact filter is below.
	const start = floating(`${addDays(localDateTime(from, timeZone).slice(0, 10), -1)}T00:00`);
	const end = floating(`${addDays(localDateTime(to, timeZone).slice(0, 10), 1)}T23:59`);
	const found: Occurrence[] = [];
	for (const date of rule.between(new Date(start), new Date(end), true)) {
		const local = fromFloating(date.getTime());
		const at = zonedToUtc(local, timeZone) ?? zonedToUtc(fromFloating(date.getTime() + 3_600_000), timeZone);
		if (at !== null && at >= from && at < to) found.push({ local, at });
	}
	return found;
}

/** Whether `local` ("YYYY-MM-DDTHH:mm") is an occurrence of the series. */
export function isOccurrence(series: RuleSeries, local: string, timeZone: string): Occurrence | undefined {
	const rule = new RRule({
		...RRule.parseString(series.rrule),
		dtstart: new Date(floating(`${series.startsOn}T00:00`)),
		until: series.endsOn ? new Date(floating(`${series.endsOn}T23:59`)) : null,
	});
	const ms = floating(local);
	if (Number.isNaN(ms)) return undefined;
	const hit = rule.between(new Date(ms - 1), new Date(ms + 1), true)[0];
	if (!hit || hit.getTime() !== ms) return undefined;
	const at = zonedToUtc(local, timeZone) ?? zonedToUtc(fromFloating(ms + 3_600_000), timeZone);
	return at === null ? undefined : { local, at };
}
