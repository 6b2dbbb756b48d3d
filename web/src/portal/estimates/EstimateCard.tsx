import { CalendarCheck, CalendarClock } from "lucide";
import { EstimateStatusChip } from "../../shared/estimates/EstimateStatusChip";
import type { EstimateListItem } from "../../shared/estimates/estimateTypes";
import { expiryDay } from "../../shared/estimates/expiry";
import { formatMoney } from "../../shared/i18n/format";
import { t } from "../../shared/i18n/i18n";
import { formatCalendarDay, formatDate } from "../../shared/tenantTime";
import { Icon } from "../../shared/ui/Icon";
import { estimatePagePath } from "./estimateApi";

type Props = { estimate: EstimateListItem; slug: string; timeZone: string; headingLevel: 2 | 3 };

/** One estimate in a list: number (a link covering the card), status, what it is for, its total and dates. */
export function EstimateCard({ estimate, slug, timeZone, headingLevel }: Props) {
	const Heading = headingLevel === 2 ? "h2" : "h3";
	const open = estimate.status === "sent" || estimate.status === "changes_requested";
	const lastDay = open ? expiryDay(estimate.expiresAt, timeZone) : null;
	return (
		<article class="estimate-card ui-card ui-card-raised">
			<div class="estimate-card-head">
				<Heading class="estimate-card-title">
					<a class="estimate-card-link" href={estimatePagePath(slug, estimate.id)}>
						{t("estimate.title", { number: estimate.number })}
					</a>
				</Heading>
				<EstimateStatusChip status={estimate.status} audience="customer" />
			</div>
			<p class="estimate-card-what">{estimate.title}</p>
			<p class="estimate-card-total">{formatMoney(estimate.totalMinor, estimate.currency)}</p>
			<p class="estimate-card-line">
				<Icon icon={lastDay ? CalendarClock : CalendarCheck} size={16} />
				<span>
					{lastDay
						? t("portal.estimates.validUntil", { date: formatCalendarDay(lastDay) })
						: t("portal.estimates.updated", { date: formatDate(estimate.updatedAt, timeZone) })}
				</span>
			</p>
		</article>
	);
}
