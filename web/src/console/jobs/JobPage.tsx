import { ArrowLeft, Ban, Globe, Kanban, Pencil, ReceiptText, Repeat, SearchX, UserRound } from "lucide";
import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { JobStops } from "../../portal/jobs/JobSections";
import "../../portal/portal.css";
import { initials } from "../../shared/auth/HeaderMenu";
import { t } from "../../shared/i18n/i18n";
import { JobFacts } from "../../shared/JobFacts";
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
import { AssignForm } from "../board/BoardCard";
import { ASSIGNABLE } from "../board/lanes";
import { type ConsoleContext, ConsolePage, type ConsoleRouteProps } from "../ConsolePage";
import { consolePath, staffPath } from "../consoleApi";
import { contactPagePath } from "../customers/customerTypes";
import { Tag } from "../Tag";
import { CancelJobForm } from "./CancelJobForm";
import { EditJobForm } from "./EditJobForm";
import { JobNotifications } from "./JobNotifications";
import { asPortalJob, isFinishedJob, type StaffJob } from "./staffJob";
import { TrackingLinks } from "./TrackingLinks";

function Timeline({ job, timeZone }: { job: StaffJob; timeZone: string }) {
	return (
		<Card as="section" aria-labelledby="job-activity">
			<h2 id="job-activity" class="card-title">
				Activity
			</h2>
			<ol class="timeline">
				{job.timeline.map((entry) => (
					<li key={entry.id} class="timeline-entry">
						<time dateTime={entry.at}>{formatDateTime(entry.at, timeZone)}</time>
						<span class="timeline-message">{entry.message ?? entry.type}</span>
						{entry.actor ? <span class="muted"> — {entry.actor}</span> : null}
						{entry.visibleToCustomer ? null : <span class="muted"> (staff only)</span>}
					</li>
				))}
			</ol>
		</Card>
	);
}

/** The page's shape while the job loads. */
function JobSkeleton({ back }: { back: ComponentChildren }) {
	return (
		<SkeletonBlock label="Loading the job…">
			<div class="ui-page-header">
				<div class="ui-page-header-back">{back}</div>
				<Skeleton width="12rem" height="2.25rem" />
				<Skeleton width="18rem" />
			</div>
			<div class="console-columns">
				<div class="console-column">
					<SkeletonCard />
					<SkeletonCard />
				</div>
				<div class="console-column">
					<SkeletonCard />
					<SkeletonCard />
				</div>
			</div>
		</SkeletonBlock>
	);
}

function JobView({ slug, branding, feed, id, created }: ConsoleContext & { id: string; created: boolean }) {
	const { state, reload, replace } = useResource<StaffJob>(
		staffPath(slug, `/jobs/${encodeURIComponent(id)}`),
	);
	const [mode, setMode] = useState<"view" | "edit" | "cancel">("view");
	const [status, setStatus] = useState(created ? "Job created." : "");
	const tz = branding.timezone;
	const boardJob = feed.jobs.value.get(id);
	const boardVersion = boardJob?.updatedAt;

	// The board socket says the job changed (a technician moved it, someone assigned it): show it.
	useEffect(() => {
		if (boardVersion && mode === "view") void reload();
	}, [boardVersion]);

	const back = (
		<a class="link-target back-link" href={consolePath(slug)}>
			<Icon icon={ArrowLeft} size={16} />
			Back to the board
		</a>
	);
	if (state.status === "not_found") {
		return (
			<>
				<PageHeader back={back} title="Job not found" />
				<EmptyState
					icon={SearchX}
					title="There is no such job here"
					action={
						<Button variant="secondary" icon={Kanban} href={consolePath(slug)}>
							Open the board
						</Button>
					}
				>
					<p>It may belong to another business, or the link is incomplete. Find the job on the board.</p>
				</EmptyState>
			</>
		);
	}
	if (state.status === "error" && !state.data) {
		return (
			<>
				<PageHeader back={back} title="Job" />
				<ErrorState title="We couldn't load this job" message={state.message} onRetry={() => void reload()} />
			</>
		);
	}
	if (!state.data) return <JobSkeleton back={back} />;
	const job = state.data;
	const finished = isFinishedJob(job);
	const window = formatWindow(job.windowStart, job.windowEnd, tz);
	const saved = (updated: StaffJob, message: string) => {
		replace(updated);
		setMode("view");
		setStatus(message);
	};

	return (
		<article class="job-detail">
			<PageHeader
				back={back}
				title={`Job #${job.number}`}
				badge={
					<>
						<StatusChip status={job.status} />
						{job.source === "portal" ? (
							<Tag tone="brand" icon={Globe}>
								Customer booking
							</Tag>
						) : null}
						{job.series ? (
							<Tag tone="brand" icon={Repeat}>
								From a repeat booking
							</Tag>
						) : null}
					</>
				}
				description={window ?? `Booked ${formatDateTime(job.createdAt, tz)}`}
				actions={
					!finished && mode === "view" ? (
						<>
							<Button variant="secondary" icon={Pencil} onClick={() => setMode("edit")}>
								Edit job
							</Button>
							<Button variant="ghost" icon={Ban} onClick={() => setMode("cancel")}>
								Cancel job…
							</Button>
						</>
					) : job.status === "completed" ? (
						<Button
							icon={ReceiptText}
							href={consolePath(slug, `/invoices/new?job=${encodeURIComponent(job.id)}`)}
						>
							{t("console.invoice.createFromJob")}
						</Button>
					) : null
				}
			/>
			<p class="notice-live" role="status">
				{status}
			</p>
			{job.status === "paused" && job.pausedMessage ? (
				<p class="notice notice-paused">
					<strong>Paused:</strong> {job.pausedMessage}
				</p>
			) : null}
			<div class="console-columns">
				<div class="console-column">
					{mode === "cancel" ? (
						<CancelJobForm
							slug={slug}
							job={job}
							onCancelled={(j) => saved(j, `Job #${j.number} cancelled.`)}
							onClose={() => setMode("view")}
						/>
					) : null}
					<Card as="section" aria-labelledby="job-facts">
						<h2 id="job-facts" class="card-title">
							Details
						</h2>
						<dl class="facts">
							<dt>Customer</dt>
							<dd>
								{job.customer.contactId ? (
									<a href={consolePath(slug, contactPagePath(job.customer.contactId))}>
										{job.customer.name ?? "Contact"}
									</a>
								) : (
									(job.customer.name ?? "—")
								)}
								{job.customer.accountName ? ` · ${job.customer.accountName}` : ""}
								{job.customer.email ? ` · ${job.customer.email}` : ""}
							</dd>
							<dt>Technician</dt>
							<dd>{job.technician?.name ?? "Unassigned"}</dd>
							<JobFacts job={job} timeZone={tz} workLabel="Work needed" />
							<dt>Created</dt>
							<dd>{formatDateTime(job.createdAt, tz)}</dd>
						</dl>
					</Card>
					{mode === "edit" ? (
						<EditJobForm
							slug={slug}
							job={job}
							timeZone={tz}
							onSaved={(j) => saved(j, "Changes saved.")}
							onCancel={() => setMode("view")}
						/>
					) : (
						<JobStops job={asPortalJob(job)} timeZone={tz} />
					)}
					{job.notes.length ? (
						<Card as="section" aria-labelledby="job-notes">
							<h2 id="job-notes" class="card-title">
								Notes
							</h2>
							<ul class="plain-list note-list">
								{job.notes.map((n) => (
									<li key={n.id}>
										<p class="note-text">{n.text}</p>
										<p class="note-meta">
											{NOTE_AUTHOR[n.authorType] ?? n.authorType} · {formatDateTime(n.at, tz)}
										</p>
									</li>
								))}
							</ul>
						</Card>
					) : null}
					{job.photos.length ? (
						<Card as="section" aria-labelledby="job-photos">
							<h2 id="job-photos" class="card-title">
								Photos
							</h2>
							<ul class="photo-grid">
								{job.photos.map((p) => (
									<li key={p.id}>
										<a href={p.url}>
											<img
												src={p.url}
												alt={`Added by the ${p.uploadedByType} on ${formatDateTime(p.at, tz)}`}
												width={160}
												height={120}
											/>
										</a>
									</li>
								))}
							</ul>
						</Card>
					) : null}
				</div>
				<div class="console-column">
					<Card as="section" aria-labelledby="job-technician">
						<h2 id="job-technician" class="card-title">
							Technician
						</h2>
						<p class="job-technician">
							<span class="avatar" aria-hidden="true">
								{job.technician ? initials(job.technician.name) : <Icon icon={UserRound} size={18} />}
							</span>
							<span>
								<strong>{job.technician?.name ?? "Nobody yet"}</strong>
								<br />
								<span class="muted">
									{job.technician
										? finished
											? "Did this job"
											: "Assigned to this job"
										: "Assign a technician to send this job out."}
								</span>
							</span>
						</p>
						{!finished && mode === "view" && boardJob && ASSIGNABLE.has(boardJob.status) ? (
							<AssignForm
								key={boardJob.technicianId ?? "none"}
								slug={slug}
								job={boardJob}
								feed={feed}
								technicians={feed.technicians.value}
								onAssigned={(_job, message) => {
									setStatus(message);
									void reload();
								}}
							/>
						) : null}
					</Card>
					<TrackingLinks slug={slug} jobId={job.id} finished={finished} timeZone={tz} />
					<JobNotifications slug={slug} jobId={job.id} timeZone={tz} />
					<Timeline job={job} timeZone={tz} />
				</div>
			</div>
		</article>
	);
}

const NOTE_AUTHOR: Record<string, string> = { contact: "Customer", staff: "Staff", technician: "Technician" };

/** `/d/:slug/jobs/:id`: a job with its activity, and edit, cancel and assign. */
export function JobPage({ slug, branding, id = "", query = {} }: ConsoleRouteProps & { id?: string }) {
	return (
		<ConsolePage slug={slug} branding={branding} title="Job">
			{(context) => <JobView {...context} key={id} id={id} created={query.created === "1"} />}
		</ConsolePage>
	);
}
