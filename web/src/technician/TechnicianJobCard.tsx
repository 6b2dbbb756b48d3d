import type { JobStatus } from "../../../workers/contracts/live-messages";
import { t } from "../shared/i18n/i18n";
import { JobFacts } from "../shared/JobFacts";
import { StatusBadge } from "../shared/StatusBadge";
import { LocationSharing } from "./LocationSharing";
import { StatusActions } from "./StatusActions";
import type { TechnicianJob } from "./technicianApi";

type Props = {
	slug: string;
	job: TechnicianJob;
	timeZone: string;
	onMoved: (status: JobStatus, pausedMessage: string | null) => void;
};

/** One of today's jobs: who, when, where, and the next moves; shares location while en route. */
export function TechnicianJobCard({ slug, job, timeZone, onMoved }: Props) {
	const titleId = `job-${job.id}-title`;
	const customer = [job.customerName, job.accountName].filter(Boolean).join(", ");
	return (
		<article class="tech-job" aria-labelledby={titleId}>
			<div class="job-card-head">
				<h2 id={titleId}>{t("job.title", { number: job.number })}</h2>
				<StatusBadge status={job.status} />
			</div>
			<dl class="facts">
				{customer ? (
					<>
						<dt>{t("job.customer")}</dt>
						<dd>{customer}</dd>
					</>
				) : null}
				<JobFacts job={job} timeZone={timeZone} workLabel={t("job.work")} />
			</dl>
			<ol class="tech-stops">
				{job.stops.map((stop) => (
					<li key={stop.seq}>
						<strong>{t("job.stop", { kind: stop.kind })}</strong> {stop.line1}
						{stop.line2 ? `, ${stop.line2}` : ""}, {stop.city}
						{stop.contactName || stop.contactPhone ? (
							<>
								<br />
								{stop.contactName}
								{stop.contactName && stop.contactPhone ? " · " : null}
								{stop.contactPhone ? (
									<a href={`tel:${stop.contactPhone.replace(/[^\d+]/g, "")}`}>{stop.contactPhone}</a>
								) : null}
							</>
						) : null}
						{stop.instructions ? <p class="muted">{stop.instructions}</p> : null}
					</li>
				))}
			</ol>
			{job.status === "paused" && job.pausedMessage ? (
				<p class="notice">
					<strong>{t("job.customerSees")}</strong> {job.pausedMessage}
				</p>
			) : null}
			{job.status === "en_route" ? <LocationSharing slug={slug} jobId={job.id} /> : null}
			<StatusActions slug={slug} job={job} onMoved={onMoved} />
		</article>
	);
}
