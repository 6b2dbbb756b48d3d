import type { JobStatus } from "../../../schema/job-values";

/** Jobs that are over (done or called off): nothing more happens to them, live views end. */
export const isFinished = (status: JobStatus | null): status is "completed" | "cancelled" =>
	status === "completed" || status === "cancelled";

/** What customers read for each status; colour and icon only repeat it. */
export const STATUS_LABEL: Record<JobStatus, string> = {
	unassigned: "Booked",
	assigned: "Assigned",
	en_route: "On the way",
	in_progress: "In progress",
	paused: "Paused",
	completed: "Completed",
	cancelled: "Cancelled",
};
