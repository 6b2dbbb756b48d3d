import { ArrowLeft, RotateCcw, SearchX } from "lucide";
import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import type { Me } from "../../shared/auth/session";
import type { Branding } from "../../shared/branding";
import { LiveJobView } from "../../shared/live/LiveJobView";
import { useLiveJob } from "../../shared/live/useLiveJob";
import { formatDateTime, formatWindow } from "../../shared/tenantTime";
import { Button } from "../../shared/ui/Button";
import { Card } from "../../shared/ui/Card";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorState } from "../../shared/ui/ErrorState";
import { Icon } from "../../shared/ui/Icon";
import { PageHeader } from "../../shared/ui/PageHeader";
import { Skeleton, SkeletonBlock, SkeletonCard } from "../../shared/ui/Skeleton";
import { StatusChip } from "../../shared/ui/StatusChip";
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
		<a class="link-target back-link" href={portalPath(slug, "/jobs")}>
			<Icon icon={ArrowLeft} size={16} />
			Back to your jobs
		</a>
	);
	if (state.status === "not_found") {
		return (
			<>
				<PageHeader back={backToJobs} title="Job not found" />
				<EmptyState
					icon={SearchX}
					title="There is no job at this address in your account"
					action={
						<Button variant="secondary" href={portalPath(slug, "/jobs")}>
							See your jobs
						</Button>
					}
				>
					<p>It may belong to someone else, or the link is incomplete. Find it in your jobs instead.</p>
				</EmptyState>
			</>
		);
	}
	if (state.status === "error" && !state.data) {
		return (
			<>
				<PageHeader back={backToJobs} title="Job details" />
				<ErrorState title="We couldn't load this job" message={state.message} onRetry={() => void reload()} />
			</>
		);
	}
	if (!loaded) return <JobDetailSkeleton back={backToJobs} />;
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
			<PageHeader
				back={backToJobs}
				title={`Job #${job.number}`}
				badge={<StatusChip status={job.status} />}
				description={window ?? undefined}
				actions={
					canBook(me.role) ? (
						<Button
							variant="secondary"
							icon={RotateCcw}
							href={portalPath(slug, `/book?from=${encodeURIComponent(job.id)}`)}
						>
							Book again
						</Button>
					) : null
				}
			/>
			{job.status === "paused" && job.pausedMessage ? (
				<p class="notice notice-paused">
					<strong>Paused:</strong> {job.pausedMessage}
				</p>
			) : null}
			<div class={watching ? "job-detail-grid job-detail-live" : "job-detail-grid"}>
				<div class="job-detail-facts">
					<Card as="section" aria-labelledby="job-facts">
						<h2 id="job-facts" class="card-title">
							Details
						</h2>
						<dl class="facts">
							<dt>Job number</dt>
							<dd>#{job.number}</dd>
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
					</Card>
					<JobStops job={job} timeZone={tz} />
					{watching ? null : <TechnicianCard technician={job.technician} kind={job.kind} />}
				</div>
				<div class="job-detail-side">
					{watching ? <LiveJobView live={live} job={liveSubject(job)} branding={branding} /> : null}
					{watching && LIVE_STATUSES.has(job.status) ? (
						<ShareTracking slug={slug} jobId={job.id} timeZone={tz} />
					) : null}
					<JobTimeline timeline={job.timeline} timeZone={tz} />
				</div>
			</div>
		</article>
	);
}

/** The page's shape while the job loads: header, facts and the side column. */
function JobDetailSkeleton({ back }: { back: ComponentChildren }) {
	return (
		<SkeletonBlock label="Loading the job…">
			<div class="ui-page-header">
				<div class="ui-page-header-back">{back}</div>
				<Skeleton width="12rem" height="2.25rem" />
				<Skeleton width="18rem" />
			</div>
			<div class="job-detail-grid job-detail-live">
				<div class="job-detail-facts">
					<SkeletonCard />
					<SkeletonCard />
				</div>
				<div class="job-detail-side">
					<Skeleton height="20rem" class="skeleton-panel" />
				</div>
			</div>
		</SkeletonBlock>
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
