import type { FieldIssue } from "../../errors";
import { localDate, nextDate, startOfLocalDay, zonedToUtc } from "../time";
import type { BookingInput } from "./booking-input";

const DAY = 24 * 3_600_000;
/** Time a person may take to fill the form before "ready now" counts as the past. */
const PAST_GRACE_MS = 30 * 60_000;
const MAX_AHEAD_MS = 365 * DAY;
const AHEAD = "Book at most a year ahead.";

export type BookingWindow = { start: number; end: number };

/** The fields of a booking that say when: a whole booking, or an edit of its window. */
export type WindowInput =
	| Pick<Extract<BookingInput, { kind: "pickup_delivery" }>, "kind" | "readyAt" | "deliverBy">
	| Pick<Extract<BookingInput, { kind: "service_call" }>, "kind" | "preferredFrom" | "preferredTo">;

const issue = (field: string, message: string): FieldIssue => ({ path: field.split("."), field, message });

/**
 * The booking's time window in UTC, checked in the tenant's time zone: the end after the
 * start, nothing in the past, neither end more than a year ahead. Issues name each field.
 */
export function bookingWindow(
	input: WindowInput,
	timeZone: string,
	now: number,
): { ok: true; window: BookingWindow } | { ok: false; issues: FieldIssue[] } {
	const issues: FieldIssue[] = [];
	if (input.kind === "pickup_delivery") {
		const start = zonedToUtc(input.readyAt, timeZone);
		const end = zonedToUtc(input.deliverBy, timeZone);
		if (start === null) issues.push(issue("readyAt", "That time does not exist in this time zone."));
		if (end === null) issues.push(issue("deliverBy", "That time does not exist in this time zone."));
		if (start === null || end === null) return { ok: false, issues };
		if (start < now - PAST_GRACE_MS) issues.push(issue("readyAt", "Ready-at is in the past."));
		if (start > now + MAX_AHEAD_MS) issues.push(issue("readyAt", AHEAD));
		if (end <= start) issues.push(issue("deliverBy", "Deliver-by must be after ready-at."));
		else if (end <= now) issues.push(issue("deliverBy", "Deliver-by is in the past."));
		else if (end > now + MAX_AHEAD_MS) issues.push(issue("deliverBy", AHEAD));
		return issues.length ? { ok: false, issues } : { ok: true, window: { start, end } };
	}
	const start = startOfLocalDay(input.preferredFrom, timeZone);
	const lastDay = startOfLocalDay(input.preferredTo, timeZone);
	if (start === null) issues.push(issue("preferredFrom", "Choose a valid date."));
	if (lastDay === null) issues.push(issue("preferredTo", "Choose a valid date."));
	if (start === null || lastDay === null) return { ok: false, issues };
	if (input.preferredFrom < localDate(now, timeZone))
		issues.push(issue("preferredFrom", "That date is in the past."));
	if (start > now + MAX_AHEAD_MS) issues.push(issue("preferredFrom", AHEAD));
	if (input.preferredTo < input.preferredFrom)
		issues.push(issue("preferredTo", "The last day must not be before the first."));
	else if (lastDay > now + MAX_AHEAD_MS) issues.push(issue("preferredTo", AHEAD));
	// The window ends when the last preferred day does, in the tenant's zone.
	const end = startOfLocalDay(nextDate(input.preferredTo), timeZone) ?? lastDay + DAY;
	return issues.length ? { ok: false, issues } : { ok: true, window: { start, end } };
}
