import { CalendarCheck, CircleCheck, CircleX, FilePen, Hourglass, MessagesSquare, TimerOff } from "lucide";
import { t } from "../i18n/i18n";
import { Chip, type ChipLook } from "../ui/StatusChip";
import type { EstimateStatus } from "./estimateTypes";
import "./estimates.css";

/** Each status's icon and colour group; the word always shows with them. */
const LOOK: Record<EstimateStatus, ChipLook> = {
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
	const word =
		audience === "customer" ? t("estimate.status", { status }) : t("estimate.staffStatus", { status });
	return (
		<Chip look={LOOK[status]} status={status}>
			{word}
		</Chip>
	);
}
