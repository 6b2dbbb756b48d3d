import type { JobStatus } from "../../../schema/job-values";

/**
 * Whether a job is late: its window has ended and it is not done. Derived from the window and the
 * status at the moment asked, never stored, so it turns on by itself as the clock passes the window.
 */
export function isLate(
	job: { status: JobStatus; windowEnd: string | null },
	now: number = Date.now(),
): boolean {
	if (!job.windowEnd || job.status === "completed" || job.status === "cancelled") return false;
	const end = Date.parse(job.windowEnd);
	return Number.isFinite(end) && end < now;
}
