import {
	CalendarCheck,
	CircleCheck,
	CircleX,
	FilePen,
	Hourglass,
	type IconNode,
	MessagesSquare,
	TimerOff,
} from "lucide";
import { t } from "../i18n/i18n";
import { Icon } from "../ui/Icon";
import type { EstimateStatus } from "./estimateTypes";
import "./estimates.css";

type Tone = "neutral" | "info" | "active" | "warning" | "success" | "danger";

/** Each status's icon and colour group; the word always shows with them. */
const LOOK: Record<EstimateStatus, { icon: IconNode; tone: Tone }> = {
	draft: { icon: FilePen, tone: "neutral" },
	sent: { icon: Hourglass, tone: "info" },
	changes_requested: { icon: MessagesSquare, tone: "warning" },
	approved: { icon: CircleCheck, tone: "success" },
	rejected: { icon: CircleX, tone: "danger" },
	expired: { icon: TimerOff, tone: "neutral" },
	booked: { icon: CalendarCheck, tone: "active" },
};

type Props = {
	status: EstimateStatus;
	/** Whose words: the customer reads "sent" as "Awaiting you", the dispatcher as "Sent". */
	audience: "customer" | "staff";
};

/** An estimate's status as icon, colour and word together: never colour alone. */
export function EstimateStatusChip({ status, audience }: Props) {
	const look = LOOK[status];
	const word =
		audience === "customer" ? t("estimate.status", { status }) : t("estimate.staffStatus", { status });
	return (
		<span class={`ui-chip ui-chip-${look.tone}`} data-status={status}>
			<Icon icon={look.icon} size={14} />
			<span>{word}</span>
		</span>
	);
}
