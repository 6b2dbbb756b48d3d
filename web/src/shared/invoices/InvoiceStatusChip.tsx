import { AlarmClock, Ban, CircleCheck, CircleDollarSign, FilePen, HandCoins } from "lucide";
import { t } from "../i18n/i18n";
import { Chip, type ChipLook } from "../ui/StatusChip";
import type { InvoiceStatus } from "./invoiceTypes";

/** Each status's icon and colour group; the word always shows with them. */
const LOOK: Record<InvoiceStatus, ChipLook> = {
	draft: { icon: FilePen, tone: "neutral" },
	open: { icon: CircleDollarSign, tone: "info" },
	partially_paid: { icon: HandCoins, tone: "active" },
	overdue: { icon: AlarmClock, tone: "danger" },
	paid: { icon: CircleCheck, tone: "success" },
	void: { icon: Ban, tone: "neutral" },
};

/** An invoice's status as icon, colour and word together: never colour alone. */
export function InvoiceStatusChip({ status }: { status: InvoiceStatus }) {
	return (
		<Chip look={LOOK[status]} status={status}>
			{t("invoice.status", { status })}
		</Chip>
	);
}
