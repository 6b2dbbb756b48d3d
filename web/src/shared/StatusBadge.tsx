import type { JobStatus } from "../../../schema/job-values";
import { t } from "./i18n/i18n";

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

/** A job's status as a word in a coloured pill; the colour only repeats the word. */
export function StatusBadge({ status }: { status: JobStatus }) {
	return <span class={`status-badge status-${TONE[status]}`}>{t("job.status", { status })}</span>;
}
