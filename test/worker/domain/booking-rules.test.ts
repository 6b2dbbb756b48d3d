import { describe, expect, it } from "vitest";
import { bookingWindow, type WindowInput } from "../../../workers/domain/jobs/booking-rules";

const NEW_YORK = "America/New_York";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (iso: string) => Date.parse(iso);

const pickup = (readyAt: string, deliverBy: string): WindowInput => ({
	kind: "pickup_delivery",
	readyAt,
	deliverBy,
});
const serviceCall = (preferredFrom: string, preferredTo: string): WindowInput => ({
	kind: "service_call",
	preferredFrom,
	preferredTo,
});

/** The fields and messages of a refused window; fails the test when it is accepted. */
function issuesOf(result: ReturnType<typeof bookingWindow>): Array<[string, string]> {
	if (result.ok) throw new Error(`accepted ${JSON.stringify(result.window)}`);
	return result.issues.map((i) => [i.field, i.message]);
}

describe("bookingWindow for a pickup and delivery", () => {
	// 10:00 in New York (EDT) on a Monday in June.
	const now = at("2026-06-15T14:00:00Z");

	it("answers the window in UTC, read in the tenant's zone", () => {
		expect(bookingWindow(pickup("2026-06-15T11:00", "2026-06-15T15:00"), NEW_YORK, now)).toEqual({
			ok: true,
			window: { start: at("2026-06-15T15:00:00Z"), end: at("2026-06-15T19:00:00Z") },
		});
		expect(bookingWindow(pickup("2026-06-15T11:00", "2026-06-15T15:00"), "Europe/Warsaw", now)).toEqual({
			ok: false,
			issues: [
				{ path: ["readyAt"], field: "readyAt", message: "Ready-at is in the past." },
				{ path: ["deliverBy"], field: "deliverBy", message: "Deliver-by is in the past." },
			],
		});
	});

	it("allows a ready-at up to 30 minutes ago, the time a person may take to fill the form", () => {
		expect(bookingWindow(pickup("2026-06-15T09:30", "2026-06-15T12:00"), NEW_YORK, now).ok).toBe(true);
		expect(issuesOf(bookingWindow(pickup("2026-06-15T09:29", "2026-06-15T12:00"), NEW_YORK, now))).toEqual([
			["readyAt", "Ready-at is in the past."],
		]);
	});

	it("refuses a deliver-by not after the ready-at", () => {
		expect(issuesOf(bookingWindow(pickup("2026-06-15T11:00", "2026-06-15T11:00"), NEW_YORK, now))).toEqual([
			["deliverBy", "Deliver-by must be after ready-at."],
		]);
		expect(issuesOf(bookingWindow(pickup("2026-06-15T11:00", "2026-06-15T10:59"), NEW_YORK, now))).toEqual([
			["deliverBy", "Deliver-by must be after ready-at."],
		]);
	});

	it("refuses a deliver-by already past, even when the ready-at is inside the grace", () => {
		expect(issuesOf(bookingWindow(pickup("2026-06-15T09:40", "2026-06-15T10:00"), NEW_YORK, now))).toEqual([
			["deliverBy", "Deliver-by is in the past."],
		]);
	});

	it("allows a window ending exactly a year ahead and not a minute more, at either end", () => {
		expect(now + 365 * DAY).toBe(at("2027-06-15T14:00:00Z"));
		expect(bookingWindow(pickup("2027-06-15T08:00", "2027-06-15T10:00"), NEW_YORK, now).ok).toBe(true);
		expect(issuesOf(bookingWindow(pickup("2027-06-15T08:00", "2027-06-15T10:01"), NEW_YORK, now))).toEqual([
			["deliverBy", "Book at most a year ahead."],
		]);
		expect(issuesOf(bookingWindow(pickup("2027-06-15T10:01", "2027-06-15T12:00"), NEW_YORK, now))).toEqual([
			["readyAt", "Book at most a year ahead."],
			["deliverBy", "Book at most a year ahead."],
		]);
	});

	it("names each time that falls in the hour skipped when clocks spring forward, and checks nothing else", () => {
		const march = at("2026-03-01T15:00:00Z");
		expect(issuesOf(bookingWindow(pickup("2026-03-08T02:30", "2026-03-08T04:00"), NEW_YORK, march))).toEqual([
			["readyAt", "That time does not exist in this time zone."],
		]);
		expect(issuesOf(bookingWindow(pickup("2026-03-08T02:15", "2026-03-08T02:45"), NEW_YORK, march))).toEqual([
			["readyAt", "That time does not exist in this time zone."],
			["deliverBy", "That time does not exist in this time zone."],
		]);
	});

	it("measures a window across the spring change in real time: 01:30 to 03:30 is one hour", () => {
		const result = bookingWindow(
			pickup("2026-03-08T01:30", "2026-03-08T03:30"),
			NEW_YORK,
			at("2026-03-01T15:00:00Z"),
		);
		expect(result.ok && result.window.end - result.window.start).toBe(HOUR);
	});
});

describe("bookingWindow for a service call", () => {
	// 22:00 on March 1 in New York, already March 2 in Warsaw and Sydney.
	const now = at("2026-03-02T03:00:00Z");

	it("runs from the first day's midnight to the end of the last day, in the tenant's zone", () => {
		expect(bookingWindow(serviceCall("2026-03-03", "2026-03-04"), NEW_YORK, now)).toEqual({
			ok: true,
			window: { start: at("2026-03-03T05:00:00Z"), end: at("2026-03-05T05:00:00Z") },
		});
	});

	it.each([
		["America/New_York", "2026-03-08", 23],
		["America/New_York", "2026-11-01", 25],
		["Europe/Warsaw", "2026-03-29", 23],
		["Europe/Warsaw", "2026-10-25", 25],
		["Australia/Sydney", "2026-10-04", 23],
		["Australia/Sydney", "2026-04-05", 25],
	])("in %s, gives %s a window of %i hours", (zone, day, hours) => {
		const result = bookingWindow(serviceCall(day, day), zone, now);
		expect(result.ok && result.window.end - result.window.start).toBe(hours * HOUR);
	});

	it("allows today as the first day in the tenant's zone, not in UTC's", () => {
		expect(bookingWindow(serviceCall("2026-03-01", "2026-03-01"), NEW_YORK, now).ok).toBe(true);
		expect(issuesOf(bookingWindow(serviceCall("2026-03-01", "2026-03-02"), "Europe/Warsaw", now))).toEqual([
			["preferredFrom", "That date is in the past."],
		]);
	});

	it("refuses a last day before the first, and a first day more than a year ahead", () => {
		expect(issuesOf(bookingWindow(serviceCall("2026-03-05", "2026-03-04"), NEW_YORK, now))).toEqual([
			["preferredTo", "The last day must not be before the first."],
		]);
		expect(issuesOf(bookingWindow(serviceCall("2027-03-03", "2027-03-04"), NEW_YORK, now))).toEqual([
			["preferredFrom", "Book at most a year ahead."],
			["preferredTo", "Book at most a year ahead."],
		]);
	});

	it("names a date that does not exist", () => {
		expect(issuesOf(bookingWindow(serviceCall("2026-02-30", "2026-02-31"), NEW_YORK, now))).toEqual([
			["preferredFrom", "Choose a valid date."],
			["preferredTo", "Choose a valid date."],
		]);
	});
});
