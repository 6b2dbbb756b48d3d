import type { jobStops, jobs, StopSummary } from "../../../schema/tables/jobs";
import { iso } from "../time";

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

type JobRow = typeof jobs.$inferSelect;

/** What every view of a job says of the job itself: which it is, what kind, where it stands, when. */
export const jobFacts = (job: JobRow) => ({
	id: job.id,
	number: job.number,
	kind: job.kind,
	status: job.status,
	source: job.source,
	reference: job.reference,
	windowStart: iso(job.windowStart),
	windowEnd: iso(job.windowEnd),
});

/** The facts and what a job's own page adds: what it is about, and when it was booked. */
export const jobDetails = (job: JobRow) => ({
	...jobFacts(job),
	description: job.description,
	packageDescription: job.packageDescription,
	createdAt: new Date(job.createdAt).toISOString(),
});
