import type { JobStatus } from "../../../../schema/job-values";
import { isFinished } from "../../shared/jobStatus";
import type { BoardJob } from "./boardFeed";

/** One lane per open status, and one for every job that is over. */
export type LaneId = Exclude<JobStatus, "completed" | "cancelled"> | "done";

export const LANES: Array<{ id: LaneId; title: string }> = [
	{ id: "unassigned", title: "Unassigned" },
	{ id: "assigned", title: "Assigned" },
	{ id: "en_route", title: "En route" },
	{ id: "in_progress", title: "In progress" },
	{ id: "paused", title: "Paused" },
	{ id: "done", title: "Done today" },
];

/** The lane a job sits in; completed and cancelled ones share "Done today" (the board only has today's). */
function laneOf(job: BoardJob): LaneId {
	return isFinished(job.status) ? "done" : job.status;
}

/** Open lanes oldest first (who has waited longest); done newest first. */
export function groupByLane(jobs: Iterable<BoardJob>): Record<LaneId, BoardJob[]> {
	const lanes: Record<LaneId, BoardJob[]> = {
		unassigned: [],
		assigned: [],
		en_route: [],
		in_progress: [],
		paused: [],
		done: [],
	};
	for (const job of jobs) lanes[laneOf(job)].push(job);
	for (const [id, list] of Object.entries(lanes)) {
		list.sort((a, b) => (id === "done" ? b.updatedAt.localeCompare(a.updatedAt) : a.number - b.number));
	}
	return lanes;
}

/** Statuses in which a dispatcher may assign or reassign (the server enforces the same). */
export const ASSIGNABLE = new Set<BoardJob["status"]>(["unassigned", "assigned", "paused"]);
