import { describe, expect, it } from "vitest";
import { isTimeZone, localDate, localDateTime, zonedToUtc } from "../../../workers/domain/time";

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

// 2026's changes: New York springs forward on March 8 and falls back on November 1 (at 02:00
// local); Warsaw on March 29 and October 25 (at 02:00 and 03:00 local); Sydney, in the southern
// hemisphere, falls back on April 5 and springs forward on October 4.
describe("zonedToUtc", () => {
	it("reads a wall-clock time in the zone's offset of that date, summer and winter", () => {
		expect(zonedToUtc("2026-01-15T09:30", "America/New_York")).toBe(at("2026-01-15T14:30:00Z"));
		expect(zonedToUtc("2026-07-15T09:30", "America/New_York")).toBe(at("2026-07-15T13:30:00Z"));
		expect(zonedToUtc("2026-01-15T09:30", "Europe/Warsaw")).toBe(at("2026-01-15T08:30:00Z"));
		expect(zonedToUtc("2026-07-15T09:30", "Europe/Warsaw")).toBe(at("2026-07-15T07:30:00Z"));
		expect(zonedToUtc("2026-01-15T09:30", "Australia/Sydney")).toBe(at("2026-01-14T22:30:00Z"));
		expect(zonedToUtc("2026-07-15T09:30", "Australia/Sydney")).toBe(at("2026-07-14T23:30:00Z"));
	});

	it("takes a date alone as that day's midnight", () => {
		expect(zonedToUtc("2026-11-25", "America/New_York")).toBe(at("2026-11-25T05:00:00Z"));
		expect(zonedToUtc("2026-11-25", "Europe/Warsaw")).toBe(at("2026-11-24T23:00:00Z"));
	});

	describe.each([
		{
			zone: "America/New_York",
			date: "2026-03-08",
			before: ["01:59", "2026-03-08T06:59:00Z"],
			after: ["03:00", "2026-03-08T07:00:00Z"],
		},
		{
			zone: "Europe/Warsaw",
			date: "2026-03-29",
			before: ["01:59", "2026-03-29T00:59:00Z"],
			after: ["03:00", "2026-03-29T01:00:00Z"],
		},
		{
			zone: "Australia/Sydney",
			date: "2026-10-04",
			before: ["01:59", "2026-10-03T15:59:00Z"],
			after: ["03:00", "2026-10-03T16:00:00Z"],
		},
	])("when $zone springs forward on $date", ({ zone, date, before, after }) => {
		it("answers null for every minute of the skipped hour", () => {
			for (const time of ["02:00", "02:01", "02:30", "02:59"]) {
				expect(zonedToUtc(`${date}T${time}`, zone), time).toBeNull();
			}
		});

		it("answers the minutes either side of the gap, one minute of real time apart", () => {
			const last = zonedToUtc(`${date}T${before[0]}`, zone);
			const first = zonedToUtc(`${date}T${after[0]}`, zone);
			expect(last).toBe(at(before[1] ?? ""));
			expect(first).toBe(at(after[1] ?? ""));
			expect((first ?? 0) - (last ?? 0)).toBe(60_000);
		});
	});

	describe.each([
		{ zone: "America/New_York", date: "2026-11-01", repeated: "01:30", earlier: "2026-11-01T05:30:00Z" },
		{ zone: "Europe/Warsaw", date: "2026-10-25", repeated: "02:30", earlier: "2026-10-25T00:30:00Z" },
		{ zone: "Australia/Sydney", date: "2026-04-05", repeated: "02:30", earlier: "2026-04-04T15:30:00Z" },
	])("when $zone falls back on $date", ({ zone, date, repeated, earlier }) => {
		it(`answers one of the two instants that read ${repeated}, which reads back as ${repeated}`, () => {
			const local = `${date}T${repeated}`;
			const instant = zonedToUtc(local, zone);
			expect([at(earlier), at(earlier) + HOUR]).toContain(instant);
			expect(localDateTime(instant ?? 0, zone)).toBe(local);
		});

		it("gives the day 25 hours from midnight to midnight", () => {
			const nextDay = new Date(at(`${date}T00:00:00Z`) + 24 * HOUR).toISOString().slice(0, 10);
			const start = zonedToUtc(date, zone);
			const end = zonedToUtc(nextDay, zone);
			expect((end ?? 0) - (start ?? 0)).toBe(25 * HOUR);
		});
	});

	it.each([
		["a day the month lacks", "2026-02-30"],
		["a thirteenth month", "2026-13-01T09:00"],
		["hour 24", "2026-11-25T24:00"],
		["minute 60", "2026-11-25T09:60"],
		["a one-digit hour", "2026-11-25T9:30"],
		["seconds", "2026-11-25T09:30:00"],
		["an offset", "2026-11-25T09:30Z"],
		["an empty string", ""],
	])("answers null for %s", (_, local) => {
		expect(zonedToUtc(local, "America/New_York")).toBeNull();
	});

	it("accepts February 29 only in a leap year", () => {
		expect(zonedToUtc("2028-02-29", "America/New_York")).toBe(at("2028-02-29T05:00:00Z"));
		expect(zonedToUtc("2027-02-29", "America/New_York")).toBeNull();
	});
});

describe("localDate and localDateTime", () => {
	it("show an instant as the zone's calendar, which can be another day than UTC's", () => {
		const lateEvening = at("2026-03-02T03:00:00Z");
		expect(localDate(lateEvening, "America/New_York")).toBe("2026-03-01");
		expect(localDate(lateEvening, "Europe/Warsaw")).toBe("2026-03-02");
		expect(localDateTime(lateEvening, "America/New_York")).toBe("2026-03-01T22:00");
		expect(localDateTime(lateEvening, "Australia/Sydney")).toBe("2026-03-02T14:00");
	});
});

describe("isTimeZone", () => {
	it("knows IANA zones and refuses anything else", () => {
		expect(isTimeZone("Europe/Warsaw")).toBe(true);
		expect(isTimeZone("Australia/Sydney")).toBe(true);
		expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
		expect(isTimeZone("")).toBe(false);
	});
});
