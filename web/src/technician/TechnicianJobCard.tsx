import { Building2, Clock, Navigation, Phone, UserRound } from "lucide";
import type { JobStatus } from "../../../workers/contracts/live-messages";
import { t } from "../shared/i18n/i18n";
import { JobFacts } from "../shared/JobFacts";
import { formatWindow } from "../shared/tenantTime";
import { Icon } from "../shared/ui/Icon";
import { StatusChip } from "../shared/ui/StatusChip";
import { LocationSharing } from "./LocationSharing";
import { StatusActions } from "./StatusActions";
import type { TechnicianJob } from "./technicianApi";

type Props = {
	slug: string;
	job: TechnicianJob;
	timeZone: string;
	onMoved: (status: JobStatus, pausedMessage: string | null) => void;
};

type Stop = TechnicianJob["stops"][number];

/** "350 Fifth Avenue, Floor 21, New York": one line, as a technician reads it and a map app takes it. */
const addressOf = (stop: Stop) => [stop.line1, stop.line2, stop.city].filter(Boolean).join(", ");

/** Turn-by-turn directions to the stop in the phone's maps app: its point when known, else its address. */
function directionsUrl(stop: Stop): string {
	const destination = stop.location
		? `${stop.location.lat},${stop.location.lng}`
		: [addressOf(stop), stop.region, stop.postalCode].filter(Boolean).join(", ");
	return `https://www.google.com/maps/dir/?api=1&destination=${encodeURIComponent(destination)}`;
}

function StopItem({ stop, index }: { stop: Stop; index: number }) {
	const address = addressOf(stop);
	return (
		<li class="tech-stop">
			<span class="tech-stop-marker" aria-hidden="true">
				{index + 1}
			</span>
			<div class="tech-stop-body">
				<p class="tech-stop-kind">{t("job.stop", { kind: stop.kind })}</p>
				<p class="tech-stop-address">{address}</p>
				{stop.contactName || stop.contactPhone ? (
					<p class="tech-stop-contact">
						{stop.contactName ? <span>{stop.contactName}</span> : null}
						{stop.contactPhone ? (
							<a class="tech-call" href={`tel:${stop.contactPhone.replace(/[^\d+]/g, "")}`}>
								<Icon icon={Phone} size={16} />
								{stop.contactPhone}
							</a>
						) : null}
					</p>
				) : null}
				{stop.instructions ? <p class="tech-stop-note">{stop.instructions}</p> : null}
			</div>
			<a
				class="tech-directions"
				href={directionsUrl(stop)}
				target="_blank"
				rel="noopener noreferrer"
				aria-label={t("tech.directionsTo", { address })}
			>
				<Icon icon={Navigation} size={18} />
				<span aria-hidden="true">{t("tech.directions")}</span>
			</a>
		</li>
	);
}

/** One of today's jobs: who, when, where, and the next moves; shares location while en route. */
export function TechnicianJobCard({ slug, job, timeZone, onMoved }: Props) {
	const titleId = `job-${job.id}-title`;
	const customer = [job.customerName, job.accountName].filter(Boolean).join(", ");
	const window = formatWindow(job.windowStart, job.windowEnd, timeZone);
	// The window is shown at the top; the facts list below has what the job carries or needs.
	const details = { ...job, windowStart: null, windowEnd: null };
	const hasDetails = Boolean(
		job.reference || (job.kind === "service_call" ? job.description : job.packageDescription),
	);
	return (
		<article class="tech-job" data-status={job.status} aria-labelledby={titleId}>
			<div class="tech-job-head">
				<h2 id={titleId}>{t("job.title", { number: job.number })}</h2>
				<StatusChip status={job.status} />
			</div>
			{job.status === "en_route" ? <LocationSharing slug={slug} jobId={job.id} /> : null}
			<dl class="tech-job-key">
				{customer ? (
					<div>
						<dt>
							<Icon icon={job.accountName ? Building2 : UserRound} size={18} />
							<span class="visually-hidden">{t("job.customer")}</span>
						</dt>
						<dd class="tech-job-customer">{customer}</dd>
					</div>
				) : null}
				{window ? (
					<div>
						<dt>
							<Icon icon={Clock} size={18} />
							<span class="visually-hidden">{t("job.window")}</span>
						</dt>
						<dd>{window}</dd>
					</div>
				) : null}
			</dl>
			<ol class="tech-stops">
				{job.stops.map((stop, index) => (
					<StopItem key={stop.seq} stop={stop} index={index} />
				))}
			</ol>
			{hasDetails ? (
				<dl class="facts tech-job-facts">
					<JobFacts job={details} timeZone={timeZone} workLabel={t("job.work")} />
				</dl>
			) : null}
			{job.status === "paused" && job.pausedMessage ? (
				<p class="notice notice-paused">
					<strong>{t("job.customerSees")}</strong> {job.pausedMessage}
				</p>
			) : null}
			<div class="tech-job-actions">
				<StatusActions slug={slug} job={job} onMoved={onMoved} />
			</div>
		</article>
	);
}
