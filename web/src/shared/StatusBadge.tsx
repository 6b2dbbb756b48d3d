import type { JobStatus } from "../../../schema/job-values";

import { STATUS_LABEL } from "./jobStatus";

export type { JobStatus };

/** Colour groups: waiting, moving, needs attention, done, called off. */
const TONE: Record<JobStatus, string> = {
	unassigned: "waiting",
	assigned: "waiting",
	en_route: "active",
	in_progress: "active",
	paused: "attention",
	completed: "done",
	cancelled: "off",
};

/** A job's status as a word in a coloured pill. */
export function StatusBadge({ status }: { status: JobStatus }) {
	return <span class={`status-badge status-${TONE[status]}`}>{STATUS_LABEL[status] ?? status}</span>;
}
