import type { JobStatus } from "../../../schema/tables/jobs";

/** Where a technician may move a job from each status. */
export const TECHNICIAN_TRANSITIONS: Partial<Record<JobStatus, JobStatus[]>> = {
	assigned: ["en_route"],
	en_route: ["in_progress", "paused"],
	in_progress: ["paused", "completed"],
	paused: ["en_route", "in_progress"],
};

export function canTechnicianMove(from: JobStatus, to: JobStatus): boolean {
	return TECHNICIAN_TRANSITIONS[from]?.includes(to) ?? false;
}

/** The line the customer reads on the job's timeline. */
export function statusEventMessage(
	to: JobStatus,
	technicianName: string,
	pausedMessage: string | null,
): string {
	switch (to) {
		case "en_route":
			return `${technicianName} is on the way`;
		case "in_progress":
			return `${technicianName} arrived and started`;
		case "paused":
			return pausedMessage ? `Paused: ${pausedMessage}` : "Paused";
		case "completed":
			return "Completed";
		default:
			return to.replace("_", " ");
	}
}
