import { useEffect, useRef } from "preact/hooks";
import type { Me } from "../../shared/auth/session";
import type { Branding } from "../../shared/branding";
import { LiveJobView } from "../../shared/live/LiveJobView";
import { useLiveJob } from "../../shared/live/useLiveJob";
import { StatusBadge } from "../../shared/StatusBadge";
import { formatDateTime, formatWindow } from "../../shared/tenantTime";
import { useResource } from "../../shared/useResource";
import { canBook, customerPath, type JobDetail, portalPath } from "../customerApi";
import { PortalPage, type PortalRouteProps } from "../PortalPage";
import { JobStops, JobTimeline, liveSubject, TechnicianCard } from "./JobSections";
import { ShareTracking } from "./ShareTracking";

/** While a job is in one of these, its relay may have news: the page listens live. */
const LIVE_STATUSES = new Set(["assigned", "en_route", "in_progress", "paused"]);

type Props = { slug: string; branding: Branding; me: Me; id: string; justBooked: boolean };

function JobView({ slug, branding, me, id, justBooked }: Props) {
	const { state, reload } = useResource<JobDetail>(customerPath(slug, `/jobs/${encodeURIComponent(id)}`));
	// A reload keeps the job on screen (and its live view connected) until the new answer.
	const loaded = state.status === "ready" || state.status === "loading" ? state.data : undefined;
	const loadedStatus = loaded?.status ?? null;
	const watching = loadedStatus !== null && LIVE_STATUSES.has(loadedStatus);
	const live = useLiveJob(watching ? customerPath(slug, `/jobs/${encodeURIComponent(id)}/live`) : null);
	// A status change seen live also changed the activity timeline: fetch it again, once per change.
	const reloadedFor = useRef<string | null>(null);
	useEffect(() => {
		if (!live.status || !loadedStatus || live.status === loadedStatus) return;
		if (reloadedFor.current === live.status) return;
		reloadedFor.current = live.status;
		void reload();
	}, [live.status, loadedStatus, reload]);
	const tz = branding.timezone;
	const backToJobs = (
		<p>
			<a class="link-target" href={portalPath(slug, "/jobs")}>
				Back to your jobs
			</a>
		</p>
	);
	if (state.status === "not_found") {
		return (
			<>
				<h1>Job not found</h1>
				<p>There is no job at this address in your account. It may belong to someone else.</p>
				{backToJobs}
			</>
		);
	}
	if (state.status === "error") {
		return (
			<>
				<h1>We couldn't load this job</h1>
				<p class="notice notice-error" role="alert">
					{state.message}
				</p>
				{backToJobs}
			</>
		);
	}
	if (!loaded) {
		return (
			<p class="muted" aria-busy="true">
				Loading the job…
			</p>
		);
	}
	const job = live.status ? { ...loaded, status: live.status, pausedMessage: live.pausedMessage } : loaded;
	const window = formatWindow(job.windowStart, job.windowEnd, tz);
	const what = job.kind === "service_call" ? job.description : job.packageDescription;
	return (
		<article class="job-detail">
			{justBooked ? (
				<div class="notice notice-ok" role="status">
					<p>
						<strong>Booked — job #{job.number}.</strong> You'll get an email confirmation.
					</p>
				</div>
			) : null}
			<div class="job-detail-head">
				<h1>Job #{job.number}</h1>
				<StatusBadge status={job.status} />
			</div>
			{job.status === "paused" && job.pausedMessage ? (
				<p class="notice">
					<strong>Paused:</strong> {job.pausedMessage}
				</p>
			) : null}
			<dl class="facts">
				{job.reference ? (
					<>
						<dt>Reference</dt>
						<dd>{job.reference}</dd>
					</>
				) : null}
				{window ? (
					<>
						<dt>{job.kind === "service_call" ? "Visit window" : "Window"}</dt>
						<dd>{window}</dd>
					</>
				) : null}
				<dt>Booked on</dt>
				<dd>
					{formatDateTime(job.createdAt, tz)}
					{job.customerName ? ` by ${job.customerName}` : null}
				</dd>
				{what ? (
					<>
						<dt>{job.kind === "service_call" ? "Work needed" : "Package"}</dt>
						<dd>{what}</dd>
					</>
				) : null}
			</dl>
			{canBook(me.role) ? (
				<p>
					<a class="button" href={portalPath(slug, `/book?from=${encodeURIComponent(job.id)}`)}>
						Book again
					</a>
				</p>
			) : null}
			{watching ? <LiveJobView live={live} job={liveSubject(job)} branding={branding} /> : null}
			{watching && LIVE_STATUSES.has(job.status) ? (
				<ShareTracking slug={slug} jobId={job.id} timeZone={tz} />
			) : null}
			<JobStops job={job} timeZone={tz} />
			{watching ? null : <TechnicianCard technician={job.technician} kind={job.kind} />}
			<JobTimeline timeline={job.timeline} timeZone={tz} />
			{backToJobs}
		</article>
	);
}

/** `/c/:slug/jobs/:id` (`?booked=1` right after booking it). */
export function JobDetailPage({ slug, branding, query = {}, id = "" }: PortalRouteProps & { id?: string }) {
	return (
		<PortalPage slug={slug} branding={branding}>
			{(me) => (
				<JobView key={id} slug={slug} branding={branding} me={me} id={id} justBooked={query.booked === "1"} />
			)}
		</PortalPage>
	);
}
