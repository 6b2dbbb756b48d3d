import {
	CalendarCheck,
	CircleCheck,
	CirclePause,
	CirclePlay,
	CircleX,
	type IconNode,
	Truck,
	UserCheck,
} from "lucide";
import type { JobStatus } from "../../../../schema/job-values";
import { t } from "../i18n/i18n";
import { Icon } from "./Icon";

type Tone = "neutral" | "info" | "active" | "warning" | "success" | "danger";

/** Each status's icon and colour group; the word (the `job.status` message) always shows with them. */
const LOOK: Record<JobStatus, { icon: IconNode; tone: Tone }> = {
	unassigned: { icon: CalendarCheck, tone: "neutral" },
	assigned: { icon: UserCheck, tone: "info" },
	en_route: { icon: Truck, tone: "active" },
	in_progress: { icon: CirclePlay, tone: "active" },
	paused: { icon: CirclePause, tone: "warning" },
	completed: { icon: CircleCheck, tone: "success" },
	cancelled: { icon: CircleX, tone: "danger" },
};

/** A job's status as icon, colour and word together: never colour alone. */
export function StatusChip({ status }: { status: JobStatus }) {
	const look = LOOK[status];
	return (
		<span class={`ui-chip ui-chip-${look.tone}`} data-status={status}>
			<Icon icon={look.icon} size={14} />
			<span>{t("job.status", { status })}</span>
		</span>
	);
}
