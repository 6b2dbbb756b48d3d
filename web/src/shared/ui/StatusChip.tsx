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

export type ChipTone = "neutral" | "info" | "active" | "warning" | "success" | "danger";

/** What a status looks like: its icon and its colour group. */
export type ChipLook = { icon: IconNode; tone: ChipTone };

/** A status as icon, colour and word together (never colour alone): jobs, estimates, invoices. */
export function Chip({ look, status, children }: { look: ChipLook; status: string; children: string }) {
	return (
		<span class={`ui-chip ui-chip-${look.tone}`} data-status={status}>
			<Icon icon={look.icon} size={14} />
			<span>{children}</span>
		</span>
	);
}

/** Each status's icon and colour group; the word (the `job.status` message) always shows with them. */
const LOOK: Record<JobStatus, ChipLook> = {
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
	return (
		<Chip look={LOOK[status]} status={status}>
			{t("job.status", { status })}
		</Chip>
	);
}
