import { useId, useState } from "preact/hooks";
import { isFinished } from "../../shared/jobStatus";
import { StatusBadge } from "../../shared/StatusBadge";
import { formatWindow } from "../../shared/tenantTime";
import { consolePath, sendJson } from "../consoleApi";
import { ActionError, useStaffAction } from "../staffAction";
import type { BoardFeed, BoardJob, BoardTechnician } from "./boardFeed";
import { ASSIGNABLE } from "./lanes";

type Props = {
	slug: string;
	job: BoardJob;
	feed: BoardFeed;
	technicians: BoardTechnician[];
	timeZone: string;
	/** After an assignment the card moves lanes; this puts focus back on it and says what happened. */
	onAssigned: (job: BoardJob, message: string) => void;
};

const STOP_LABEL = { pickup: "Pickup", dropoff: "Drop-off", service: "Service" } as const;

/** `board-job-<id>`: the card's heading, which takes focus after the card moves lanes. */
export const cardHeadingId = (jobId: string) => `board-job-${jobId}`;

export function AssignForm({ slug, job, feed, technicians, onAssigned }: Omit<Props, "timeZone">) {
	const id = useId();
	const [choice, setChoice] = useState(job.technicianId ?? "");
	const { pending, error, run } = useStaffAction("technicianId");
	const unchanged = choice === (job.technicianId ?? "");

	async function assign(event: Event) {
		event.preventDefault();
		if (unchanged || pending) return;
		await run(async () => {
			const updated = await sendJson<BoardJob>(slug, `/jobs/${encodeURIComponent(job.id)}/assign`, "POST", {
				technicianId: choice || null,
			});
			feed.upsertJob(updated);
			onAssigned(
				updated,
				updated.technicianName
					? `Job #${updated.number} assigned to ${updated.technicianName}.`
					: `Job #${updated.number} is unassigned.`,
			);
		});
	}

	return (
		<form class="assign-form" onSubmit={assign}>
			<label for={`${id}-tech`}>
				Technician<span class="visually-hidden"> for job #{job.number}</span>
			</label>
			<div class="assign-row">
				<select
					id={`${id}-tech`}
					class="field-input"
					value={choice}
					disabled={pending}
					aria-invalid={error ? "true" : undefined}
					aria-describedby={error ? `${id}-error` : undefined}
					onChange={(e) => setChoice(e.currentTarget.value)}
				>
					<option value="">Unassigned</option>
					{technicians.map((t) => (
						<option key={t.id} value={t.id}>
							{t.name}
						</option>
					))}
				</select>
				<button type="submit" class="button-small" disabled={pending || unchanged}>
					{job.technicianId ? (choice ? "Reassign" : "Unassign") : "Assign"}
				</button>
			</div>
			<ActionError id={`${id}-error`} error={error} />
		</form>
	);
}

/** One job on the board: who, when, where, who does it, and the assign control. */
export function BoardCard(props: Props) {
	const { slug, job, timeZone } = props;
	const window = formatWindow(job.windowStart, job.windowEnd, timeZone);
	const customer = [job.customerName, job.accountName].filter(Boolean).join(" · ");
	return (
		<article class="board-card" aria-labelledby={cardHeadingId(job.id)}>
			<div class="board-card-head">
				<h3 id={cardHeadingId(job.id)} tabIndex={-1}>
					<a href={consolePath(slug, `/jobs/${encodeURIComponent(job.id)}`)}>Job #{job.number}</a>
				</h3>
				{job.source === "portal" ? <span class="tag tag-portal">Customer booking</span> : null}
				{isFinished(job.status) ? <StatusBadge status={job.status} /> : null}
			</div>
			<p class="board-card-customer">{customer || "No customer"}</p>
			{window ? <p class="board-card-window">{window}</p> : null}
			<ol class="board-card-stops">
				{job.stops.map((stop, i) => (
					<li key={`${stop.kind}-${i}`}>
						<span class="muted">{STOP_LABEL[stop.kind]}:</span> {stop.line1}, {stop.city}
					</li>
				))}
			</ol>
			{job.reference ? <p class="muted">Ref {job.reference}</p> : null}
			{job.status === "paused" && job.pausedMessage ? (
				<p class="board-card-paused">
					<strong>Paused:</strong> {job.pausedMessage}
				</p>
			) : null}
			{ASSIGNABLE.has(job.status) ? (
				<AssignForm key={job.technicianId ?? "none"} {...props} />
			) : job.technicianName ? (
				<p>
					<span class="muted">Technician:</span> {job.technicianName}
				</p>
			) : null}
		</article>
	);
}
