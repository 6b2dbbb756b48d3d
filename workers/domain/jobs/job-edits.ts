import type { jobStops, jobs } from "../../../schema/tables/jobs";
import type { FieldIssue } from "../../errors";
import type { ChangeSet } from "../change-set";
import { bookingWindow, type WindowInput } from "./booking-rules";
import { stopDetails, stopsSummaryOf } from "./job-stops";
import type { JobEditInput, StopEditInput } from "./staff-job-input";

type JobRow = typeof jobs.$inferSelect;
type StopRow = typeof jobStops.$inferSelect;

/** Jobs that are over: nothing about them changes any more. */
export const FINISHED_STATUSES = new Set<JobRow["status"]>(["completed", "cancelled"]);

export type JobEditPlan = {
	job: Partial<JobRow>;
	stops: Array<{ id: string; set: Partial<StopRow> }>;
	change: ChangeSet;
	/** The fields that changed, for the timeline: "reference, window, pickup". */
	changed: string[];
};

const issue = (field: string, message: string): FieldIssue => ({ path: [field], field, message });

/** How the timeline names each part of a job an edit can change. */
const CHANGE_LABEL: Record<string, string> = {
	reference: "reference",
	description: "work description",
	packageDescription: "package",
	window: "time window",
	pickup: "pickup",
	dropoff: "drop-off",
	service: "service address",
	pickupInstructions: "pickup instructions",
	dropoffInstructions: "drop-off instructions",
	serviceInstructions: "instructions",
};

/** How the timeline names one changed part: "drop-off", "pickup instructions". */
export const changeLabel = (name: string) => CHANGE_LABEL[name] ?? name;

/** "Details changed: reference, drop-off" — the timeline's words for an edit. */
export const describeChanges = (changed: readonly string[]) =>
	`Details changed: ${changed.map(changeLabel).join(", ")}`;

const KIND_FIELDS = {
	pickup_delivery: ["readyAt", "deliverBy", "pickup", "dropoff", "packageDescription"],
	service_call: ["preferredFrom", "preferredTo", "service", "description"],
} as const;

function stopSet(edit: StopEditInput): Partial<StopRow> {
	return {
		line1: edit.address.line1,
		line2: edit.address.line2 ?? null,
		city: edit.address.city,
		region: edit.address.region ?? null,
		postalCode: edit.address.postalCode ?? null,
		country: edit.address.country,
		contactName: edit.contactName ?? null,
		contactPhone: edit.contactPhone ?? null,
		instructions: edit.instructions ?? null,
		// A moved stop is geocoded afresh when its job goes live.
		lat: null,
		lng: null,
	};
}

/**
 * What an edit changes on a job and its stops, checked against the job's kind and, for a new
 * window, the booking rules in the tenant's zone; issues name each field.
 */
export function planJobEdit(
	job: JobRow,
	stops: StopRow[],
	input: JobEditInput,
	timeZone: string,
	now: number,
): { ok: true; plan: JobEditPlan } | { ok: false; issues: FieldIssue[] } {
	const issues: FieldIssue[] = [];
	const other = job.kind === "pickup_delivery" ? "service_call" : "pickup_delivery";
	for (const field of KIND_FIELDS[other]) {
		if (input[field] !== undefined)
			issues.push(issue(field, "This field does not apply to this kind of job."));
	}
	const plan: JobEditPlan = { job: {}, stops: [], change: { before: {}, after: {} }, changed: [] };
	const record = (name: string, before: unknown, after: unknown) => {
		if (JSON.stringify(before) === JSON.stringify(after)) return;
		plan.change.before[name] = before;
		plan.change.after[name] = after;
		if (!plan.changed.includes(name)) plan.changed.push(name);
	};
	if (input.reference !== undefined) {
		record("reference", job.reference, input.reference);
		plan.job.reference = input.reference;
	}
	if (job.kind === "service_call" && input.description !== undefined) {
		record("description", job.description, input.description);
		plan.job.description = input.description;
	}
	if (job.kind === "pickup_delivery" && input.packageDescription !== undefined) {
		record("packageDescription", job.packageDescription, input.packageDescription);
		plan.job.packageDescription = input.packageDescription;
	}
	const windowInput = windowOf(job.kind, input, issues);
	const first = stops[0];
	const last = stops[stops.length - 1];
	if (windowInput) {
		const window = bookingWindow(windowInput, timeZone, now);
		if (!window.ok) issues.push(...window.issues);
		else {
			record("window", { start: job.windowStart, end: job.windowEnd }, window.window);
			plan.job.windowStart = window.window.start;
			plan.job.windowEnd = window.window.end;
			if (first) plan.stops.push({ id: first.id, set: { windowStart: window.window.start } });
			if (last) plan.stops.push({ id: last.id, set: { windowEnd: window.window.end } });
		}
	}
	if (issues.length) return { ok: false, issues };
	let summaryChanged = false;
	const summary = stopsSummaryOf(stops);
	stops.forEach((stop, i) => {
		const edit = input[stop.kind];
		if (!edit) return;
		const set = stopSet(edit);
		const before = stopDetails(stop);
		const after = stopDetails({ ...stop, ...set } as StopRow);
		if (JSON.stringify(before) === JSON.stringify(after)) return;
		record(stop.kind, before, after);
		plan.stops.push({ id: stop.id, set });
		summary[i] = { kind: stop.kind, line1: edit.address.line1, city: edit.address.city };
		summaryChanged = true;
	});
	if (summaryChanged) plan.job.stopsSummary = summary;
	return { ok: true, plan };
}

/** The new window an edit asks for, if any; one end without the other is an issue. */
function windowOf(kind: JobRow["kind"], input: JobEditInput, issues: FieldIssue[]): WindowInput | null {
	const [from, to] =
		kind === "pickup_delivery"
			? (["readyAt", "deliverBy"] as const)
			: (["preferredFrom", "preferredTo"] as const);
	const start = input[from];
	const end = input[to];
	if (start === undefined && end === undefined) return null;
	if (start === undefined || end === undefined) {
		issues.push(issue(start === undefined ? from : to, "Send both ends of the window."));
		return null;
	}
	return kind === "pickup_delivery"
		? { kind, readyAt: start, deliverBy: end }
		: { kind, preferredFrom: start, preferredTo: end };
}
