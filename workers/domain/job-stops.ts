import type { jobStops, StopSummary } from "../../schema/tables/jobs";
import { iso } from "./time";

type StopRow = typeof jobStops.$inferSelect;

/** Where a stop is and who meets the driver there: what an edit compares and every view shows. */
export const stopDetails = (
	s: Pick<
		StopRow,
		| "line1"
		| "line2"
		| "city"
		| "region"
		| "postalCode"
		| "country"
		| "contactName"
		| "contactPhone"
		| "instructions"
	>,
) => ({
	line1: s.line1,
	line2: s.line2,
	city: s.city,
	region: s.region,
	postalCode: s.postalCode,
	country: s.country,
	contactName: s.contactName,
	contactPhone: s.contactPhone,
	instructions: s.instructions,
});

/** A stop as a job's detail shows it, its window as ISO instants. */
export const jobStopView = (s: StopRow) => ({
	seq: s.seq,
	kind: s.kind,
	...stopDetails(s),
	windowStart: iso(s.windowStart),
	windowEnd: iso(s.windowEnd),
});

/** What a job keeps of its stops so lists need no second read (`jobs.stopsSummary`). */
export const stopsSummaryOf = (stops: Array<Pick<StopSummary, "kind" | "line1" | "city">>): StopSummary[] =>
	stops.map(({ kind, line1, city }) => ({ kind, line1, city }));
