import { t } from "../../shared/i18n/i18n";
import type { LiveJobSubject } from "../../shared/live/LiveJobView";
import { formatDateTime, formatWindow } from "../../shared/tenantTime";
import type { JobDetail, JobStop } from "../customerApi";

function StopCard({ stop, timeZone }: { stop: JobStop; timeZone: string }) {
	const window = formatWindow(stop.windowStart, stop.windowEnd, timeZone);
	const cityLine = [stop.city, [stop.region, stop.postalCode].filter(Boolean).join(" ")].filter(Boolean);
	return (
		<li class="stop">
			<h3>{t("portal.stop.kind", { kind: stop.kind })}</h3>
			<address class="stop-address">
				{stop.line1}
				{stop.line2 ? (
					<>
						<br />
						{stop.line2}
					</>
				) : null}
				<br />
				{cityLine.join(", ")}
				{stop.country && stop.country !== "US" ? ` ${stop.country}` : null}
			</address>
			{window ? <p class="muted">{window}</p> : null}
			{stop.contactName || stop.contactPhone ? (
				<p>
					{t("portal.job.contact")} {stop.contactName}
					{stop.contactName && stop.contactPhone ? ", " : null}
					{stop.contactPhone ? (
						<a href={`tel:${stop.contactPhone.replace(/[^\d+]/g, "")}`}>{stop.contactPhone}</a>
					) : null}
				</p>
			) : null}
			{stop.instructions ? <p class="stop-instructions">{stop.instructions}</p> : null}
		</li>
	);
}

/** The job's stops in order, each with its contact and instructions. */
export function JobStops({ job, timeZone }: { job: JobDetail; timeZone: string }) {
	return (
		<section aria-labelledby="job-stops">
			<h2 id="job-stops">{t("portal.job.stops", { count: job.stops.length })}</h2>
			<ol class="stops">
				{[...job.stops]
					.sort((a, b) => a.seq - b.seq)
					.map((stop) => (
						<StopCard key={stop.seq} stop={stop} timeZone={timeZone} />
					))}
			</ol>
		</section>
	);
}

/** Who is doing the job: photo, name, and a bio only once dispatch approved one. */
export function TechnicianCard({ technician, kind }: Pick<JobDetail, "technician" | "kind">) {
	if (!technician) return null;
	return (
		<section class="technician" aria-labelledby="job-technician">
			<h2 id="job-technician">
				{t("live.who", { noun: kind === "service_call" ? "technician" : "driver" })}
			</h2>
			<div class="technician-card">
				{technician.photoUrl ? (
					<img class="technician-photo" src={technician.photoUrl} alt="" width={64} height={64} />
				) : null}
				<div>
					<p class="technician-name">{technician.name}</p>
					{technician.bio ? <p class="technician-bio">{technician.bio}</p> : null}
				</div>
			</div>
		</section>
	);
}

/** What happened to the job, oldest first, each with its time in the tenant's zone. */
export function JobTimeline({ timeline, timeZone }: { timeline: JobDetail["timeline"]; timeZone: string }) {
	if (timeline.length === 0) return null;
	const ordered = [...timeline].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
	return (
		<section aria-labelledby="job-activity">
			<h2 id="job-activity">{t("portal.job.activity")}</h2>
			<ol class="timeline">
				{ordered.map((event, i) => (
					<li key={`${event.at}-${i}`} class="timeline-entry">
						<time dateTime={event.at}>{formatDateTime(event.at, timeZone)}</time>
						<span class="timeline-message">{event.message ?? event.type}</span>
						{event.actor ? <span class="muted"> — {event.actor}</span> : null}
					</li>
				))}
			</ol>
		</section>
	);
}

/** What the live view needs of a job: its kind, technician and the stop the ETA is to (the first). */
export function liveSubject(job: JobDetail): LiveJobSubject {
	const first = [...job.stops].sort((a, b) => a.seq - b.seq)[0];
	return {
		number: job.number,
		kind: job.kind,
		technician: job.technician,
		destination: first ? { line1: first.line1, city: first.city } : null,
	};
}
