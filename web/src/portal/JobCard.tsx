import { StatusBadge } from "../shared/StatusBadge";
import { formatDateTime, formatWindow } from "../shared/tenantTime";
import { type JobListItem, portalPath } from "./customerApi";

type Props = { job: JobListItem; slug: string; timeZone: string; headingLevel: 2 | 3 };

const place = (stop: { line1: string; city: string } | undefined) =>
	stop ? `${stop.line1}, ${stop.city}` : "Address to be confirmed";

/** One job in a list: number (a link to it), status, when, where from and to, reference. */
export function JobCard({ job, slug, timeZone, headingLevel }: Props) {
	const Heading = headingLevel === 2 ? "h2" : "h3";
	const stop = (kind: string) => job.stops.find((s) => s.kind === kind);
	const window = formatWindow(job.windowStart, job.windowEnd, timeZone);
	return (
		<article class="job-card">
			<div class="job-card-head">
				<Heading class="job-card-title">
					<a class="job-card-link" href={portalPath(slug, `/jobs/${encodeURIComponent(job.id)}`)}>
						Job #{job.number}
					</a>
				</Heading>
				<StatusBadge status={job.status} />
			</div>
			<p class="job-card-when">{window ?? `Booked ${formatDateTime(job.createdAt, timeZone)}`}</p>
			{job.kind === "service_call" ? (
				<p class="job-card-route">{place(stop("service"))}</p>
			) : (
				<p class="job-card-route">
					{place(stop("pickup"))} <span aria-hidden="true">→</span>
					<span class="visually-hidden">to</span> {place(stop("dropoff"))}
				</p>
			)}
			{job.reference ? <p class="job-card-ref muted">Ref {job.reference}</p> : null}
		</article>
	);
}
