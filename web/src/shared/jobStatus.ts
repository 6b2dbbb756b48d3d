import type { JobStatus } from "../../../schema/job-values";

/** Jobs that are over (done or called off): nothing more happens to them, live views end. */
export const isFinished = (status: JobStatus | null): status is "completed" | "cancelled" =>
	status === "completed" || status === "cancelled";
