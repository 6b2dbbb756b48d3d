import { ArrowLeft, Repeat, RotateCcw, SearchX } from "lucide";
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { Me } from "../../shared/auth/session";
import type { Branding } from "../../shared/branding";
import { t } from "../../shared/i18n/i18n";
import { isFinished } from "../../shared/jobStatus";
import { LiveJobView } from "../../shared/live/LiveJobView";
import { useLiveJob } from "../../shared/live/useLiveJob";
import { SurveyCard } from "../../shared/survey/SurveyCard";
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
import { canBook, customerPath, portalPath } from "../customerApi";
import { PortalPage, type PortalRouteProps } from "../PortalPage";
import { JobAdditions } from "./JobAdditions";
import { type BookingChange, JobChanges } from "./JobChanges";
import { JobProof } from "./JobProof";
import { JobStops, JobTimeline, liveSubject, TechnicianCard } from "./JobSections";
import type { CustomerJob } from "./jobChangesApi";
import { ShareTracking } from "./ShareTracking";

/** While a job is in one of these, its relay may have news: the page listens live. */
const LIVE_STATUSES = new Set(["assigned", "en_route", "in_progress", "paused"]);

type Props = { slug: string; branding: Branding; me: Me; id: string; justBooked: boolean };

function JobView({ slug, branding, me, id, justBooked }: Props) {
	const [change, setChange] = useState<BookingChange | null>(null);
	const { state, reload } = useResource<CustomerJob>(customerPath(slug, `/jobs/${encodeURIComponent(id)}`));
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
			{t("portal.job.back")}
		</a>
	);
	if (state.status === "not_found") {
		return (
			<>
				<PageHeader back={backToJobs} title={t("portal.job.notFound")} />
				<EmptyState
					icon={SearchX}
					title={t("portal.job.notFoundHeading")}
					action={
						<Button variant="secondary" href={portalPath(slug, "/jobs")}>
							{t("portal.job.seeJobs")}
						</Button>
					}
				>
					<p>{t("portal.job.notFoundBody")}</p>
				</EmptyState>
			</>
		);
	}
	if (state.status === "error" && !state.data) {
		return (
			<>
				<PageHeader back={backToJobs} title={t("portal.job.details")} />
				<ErrorState
					title={t("portal.job.loadFailed")}
					message={state.message}
					onRetry={() => void reload()}
				/>
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
						<strong>{t("portal.job.booked", { number: job.number })}</strong> {t("portal.job.bookedEmail")}
					</p>
				</div>
			) : null}
			<PageHeader
				back={backToJobs}
				title={t("job.title", { number: job.number })}
				badge={<StatusChip status={job.status} />}
				description={window ?? undefined}
				actions={
					canBook(me.role) ? (
						<>
							<Button
								variant="secondary"
								icon={RotateCcw}
								href={portalPath(slug, `/book?from=${encodeURIComponent(job.id)}`)}
							>
								{t("portal.job.bookAgain")}
							</Button>
							<Button
								variant="ghost"
								icon={Repeat}
								href={portalPath(slug, `/book?from=${encodeURIComponent(job.id)}&repeat=1`)}
							>
								{t("portal.job.repeat")}
							</Button>
						</>
					) : null
				}
			/>
			{change ? (
				<p class="notice notice-ok" role="status">
					{t("portal.changes.done", { what: change.what, outcome: change.outcome, tenant: branding.name })}
				</p>
			) : null}
			{job.status === "paused" && job.pausedMessage ? (
				<p class="notice notice-paused">
					<strong>{t("portal.job.paused")}</strong> {job.pausedMessage}
				</p>
			) : null}
			<div class={watching ? "job-detail-grid job-detail-live" : "job-detail-grid"}>
				<div class="job-detail-facts">
					{job.status === "completed" ? (
						<SurveyCard
							path={customerPath(slug, `/jobs/${encodeURIComponent(job.id)}/survey`)}
							tenantName={branding.name}
							timeZone={tz}
						/>
					) : null}
					<Card as="section" aria-labelledby="job-facts">
						<h2 id="job-facts" class="card-title">
							{t("portal.job.facts")}
						</h2>
						<dl class="facts">
							<dt>{t("portal.job.number")}</dt>
							<dd>{t("portal.job.numberValue", { number: job.number })}</dd>
							{job.reference ? (
								<>
									<dt>{t("job.reference")}</dt>
									<dd>{job.reference}</dd>
								</>
							) : null}
							{window ? (
								<>
									<dt>{job.kind === "service_call" ? t("portal.job.visitWindow") : t("job.window")}</dt>
									<dd>{window}</dd>
								</>
							) : null}
							<dt>{t("portal.job.bookedOn")}</dt>
							<dd>
								{job.customerName
									? t("portal.job.bookedOnBy", {
											date: formatDateTime(job.createdAt, tz),
											name: job.customerName,
										})
									: formatDateTime(job.createdAt, tz)}
							</dd>
							{what ? (
								<>
									<dt>{job.kind === "service_call" ? t("portal.job.workNeeded") : t("job.package")}</dt>
									<dd>{what}</dd>
								</>
							) : null}
						</dl>
					</Card>
					{job.proof ? <JobProof proof={job.proof} timeZone={tz} /> : null}
					<JobStops job={job} timeZone={tz} />
					{watching ? null : <TechnicianCard technician={job.technician} kind={job.kind} />}
					<JobChanges
						slug={slug}
						job={job}
						timeZone={tz}
						tenantName={branding.name}
						onDone={(done) => {
							setChange(done);
							void reload();
						}}
					/>
					{/* A finished job takes no more notes or photos (the server says 409). */}
					{isFinished(job.status) ? null : (
						<JobAdditions
							slug={slug}
							jobId={job.id}
							tenantName={branding.name}
							onAdded={() => void reload()}
						/>
					)}
				</div>
				<div class="job-detail-side">
					{watching ? (
						<LiveJobView
							// Until the relay's first word the view shows the job as loaded, not "connecting".
							live={
								live.status === null
									? { ...live, status: job.status, pausedMessage: job.pausedMessage }
									: live
							}
							job={liveSubject(job)}
							branding={branding}
						/>
					) : null}
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
		<SkeletonBlock label={t("portal.job.loading")}>
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
