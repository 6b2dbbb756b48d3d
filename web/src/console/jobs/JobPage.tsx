import { useEffect, useState } from "preact/hooks";
import { JobStops } from "../../portal/jobs/JobSections";
import "../../portal/portal.css";
import { JobFacts } from "../../shared/JobFacts";
import { StatusBadge } from "../../shared/StatusBadge";
import { formatDateTime } from "../../shared/tenantTime";
import { useResource } from "../../shared/useResource";
import { AssignForm } from "../board/BoardCard";
import { ASSIGNABLE } from "../board/lanes";
import { type ConsoleContext, ConsolePage, type ConsoleRouteProps } from "../ConsolePage";
import { consolePath, staffPath } from "../consoleApi";
import { contactPagePath } from "../customers/customerTypes";
import { CancelJobForm } from "./CancelJobForm";
import { EditJobForm } from "./EditJobForm";
import { asPortalJob, isFinishedJob, type StaffJob } from "./staffJob";
import { TrackingLinks } from "./TrackingLinks";

function Timeline({ job, timeZone }: { job: StaffJob; timeZone: string }) {
	return (
		<section aria-labelledby="job-activity">
			<h2 id="job-activity">Activity</h2>
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
		</section>
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
		<p>
			<a class="link-target" href={consolePath(slug)}>
				Back to the board
			</a>
		</p>
	);
	if (state.status === "not_found") {
		return (
			<>
				<h1>Job not found</h1>
				<p>There is no such job here.</p>
				{back}
			</>
		);
	}
	if (state.status === "error" && !state.data) {
		return (
			<>
				<h1>We couldn't load this job</h1>
				<p class="notice notice-error" role="alert">
					{state.message}
				</p>
				{back}
			</>
		);
	}
	if (!state.data) return <p class="muted">Loading the job…</p>;
	const job = state.data;
	const saved = (updated: StaffJob, message: string) => {
		replace(updated);
		setMode("view");
		setStatus(message);
	};

	return (
		<article class="job-detail">
			{back}
			<div class="page-head">
				<h1>Job #{job.number}</h1>
				<StatusBadge status={job.status} />
				{job.source === "portal" ? <span class="tag tag-portal">Customer booking</span> : null}
			</div>
			<p class="notice-live" role="status">
				{status}
			</p>
			{job.status === "paused" && job.pausedMessage ? (
				<p class="notice">
					<strong>Paused:</strong> {job.pausedMessage}
				</p>
			) : null}
			<div class="columns">
				<div class="stack">
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
					{mode === "cancel" ? (
						<CancelJobForm
							slug={slug}
							job={job}
							onCancelled={(j) => saved(j, `Job #${j.number} cancelled.`)}
							onClose={() => setMode("view")}
						/>
					) : null}
					{job.notes.length ? (
						<section aria-labelledby="job-notes">
							<h2 id="job-notes">Notes</h2>
							<ul class="plain-list">
								{job.notes.map((n) => (
									<li key={n.id} class="panel">
										<p class="inbox-body">{n.text}</p>
										<p class="muted">
											{n.authorType} · {formatDateTime(n.at, tz)}
										</p>
									</li>
								))}
							</ul>
						</section>
					) : null}
					{job.photos.length ? (
						<section aria-labelledby="job-photos">
							<h2 id="job-photos">Photos</h2>
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
						</section>
					) : null}
				</div>
				<div class="stack">
					{!isFinishedJob(job) && mode === "view" ? (
						<div class="panel stack">
							<h2>Actions</h2>
							{boardJob && ASSIGNABLE.has(boardJob.status) ? (
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
							<button type="button" class="button-secondary" onClick={() => setMode("edit")}>
								Edit job
							</button>
							<button type="button" class="button-secondary" onClick={() => setMode("cancel")}>
								Cancel job…
							</button>
						</div>
					) : null}
					<TrackingLinks slug={slug} jobId={job.id} finished={isFinishedJob(job)} timeZone={tz} />
					<Timeline job={job} timeZone={tz} />
				</div>
			</div>
		</article>
	);
}

/** `/d/:slug/jobs/:id`: a job with its activity, and edit, cancel and assign. */
export function JobPage({ slug, branding, id = "", query = {} }: ConsoleRouteProps & { id?: string }) {
	return (
		<ConsolePage slug={slug} branding={branding} title="Job">
			{(context) => <JobView {...context} key={id} id={id} created={query.created === "1"} />}
		</ConsolePage>
	);
}
