import { ArrowRight, Clock, MapPin, Tag } from "lucide";
import { t } from "../shared/i18n/i18n";
import { formatDateTime, formatWindow } from "../shared/tenantTime";
import { Icon } from "../shared/ui/Icon";
import { StatusChip } from "../shared/ui/StatusChip";
import { type JobListItem, portalPath } from "./customerApi";

type Props = { job: JobListItem; slug: string; timeZone: string; headingLevel: 2 | 3 };

const place = (stop: { line1: string; city: string } | undefined) =>
	stop ? `${stop.line1}, ${stop.city}` : t("portal.card.addressPending");

/** One job in a list: number (a link to it, covering the card), status, when, where from and to, reference. */
export function JobCard({ job, slug, timeZone, headingLevel }: Props) {
	const Heading = headingLevel === 2 ? "h2" : "h3";
	const stop = (kind: string) => job.stops.find((s) => s.kind === kind);
	const window = formatWindow(job.windowStart, job.windowEnd, timeZone);
	return (
		<article class="job-card ui-card ui-card-raised">
			<div class="job-card-head">
				<Heading class="job-card-title">
					<a class="job-card-link" href={portalPath(slug, `/jobs/${encodeURIComponent(job.id)}`)}>
						{t("job.title", { number: job.number })}
					</a>
				</Heading>
				<StatusChip status={job.status} />
			</div>
			<p class="job-card-line job-card-when">
				<Icon icon={Clock} size={16} />
				<span>{window ?? t("portal.card.booked", { date: formatDateTime(job.createdAt, timeZone) })}</span>
			</p>
			{job.kind === "service_call" ? (
				<p class="job-card-line job-card-route">
					<Icon icon={MapPin} size={16} />
					<span>{place(stop("service"))}</span>
				</p>
			) : (
				<p class="job-card-line job-card-route">
					<Icon icon={MapPin} size={16} />
					<span>
						{place(stop("pickup"))} <Icon icon={ArrowRight} size={14} class="job-card-arrow" />
						<span class="visually-hidden">{t("portal.card.to")}</span> {place(stop("dropoff"))}
					</span>
				</p>
			)}
			{job.reference ? (
				<p class="job-card-line job-card-ref">
					<Icon icon={Tag} size={16} />
					<span>{t("portal.card.reference", { reference: job.reference })}</span>
				</p>
			) : null}
		</article>
	);
}
