import { AlarmClock, Clock, Globe, Hash, MapPin, Navigation, UserRound } from "lucide";
import { useId, useState } from "preact/hooks";
import { isLate } from "../../../../workers/domain/jobs/lateness";
import { isFinished } from "../../shared/jobStatus";
import { formatWindow } from "../../shared/tenantTime";
import { Icon } from "../../shared/ui/Icon";
import { StatusChip } from "../../shared/ui/StatusChip";
import { consolePath } from "../consoleApi";
import { ActionError, useStaffAction } from "../staffAction";
import { Tag } from "../Tag";
import { AssignPicker } from "./AssignPicker";
import { assignFromBoard, type BoardFeed, type BoardJob, type BoardTechnician } from "./boardFeed";
import { ageText, routeText } from "./boardFilters";
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
			const assigned = await assignFromBoard(slug, feed, job.id, choice || null);
			onAssigned(assigned.job, assigned.message);
		});
	}

	return (
		<form class="assign-form" onSubmit={assign}>
			<label for={`${id}-tech`} class="visually-hidden">
				Technician for job #{job.number}
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
				<button
					type="submit"
					class="ui-button ui-button-primary ui-button-sm"
					disabled={pending || unchanged}
				>
					{job.technicianId ? (choice ? "Reassign" : "Unassign") : "Assign"}
				</button>
			</div>
			<ActionError id={`${id}-error`} error={error} />
		</form>
	);
}

/** `board-card-<id>`: the card's link, which takes focus after the card moves lanes (A assigns again). */
export const cardId = (jobId: string) => `board-card-${jobId}`;

type CardProps = Props & {
	now: number;
	/** The technician's latest fix for this job, epoch ms, while the job is en route. */
	lastFixAt: number | null;
	picking: boolean;
	onPick: (open: boolean) => void;
};

const typing = (target: EventTarget | null) =>
	target instanceof HTMLElement && /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(target.tagName);

/**
 * One job on the board, compact: number and badges, customer, window (flagged once it has
 * passed and the job is not done), route, technician and the age of their last fix, assign.
 * With focus on its link, the card takes A to open the keyboard assign list — only then, so the
 * key never fights a screen reader's single-key navigation anywhere else on the page.
 */
export function BoardCard(props: CardProps) {
	const { slug, job, timeZone, now, lastFixAt, picking, onPick } = props;
	const window = formatWindow(job.windowStart, job.windowEnd, timeZone);
	const customer = [job.customerName, job.accountName].filter(Boolean).join(" · ");
	const late = isLate(job, now);
	const assignable = ASSIGNABLE.has(job.status);
	const hintId = `${cardId(job.id)}-hint`;

	function onKeyDown(event: KeyboardEvent) {
		if (!assignable || picking || event.altKey || event.ctrlKey || event.metaKey) return;
		if (event.key.toLowerCase() !== "a" || typing(event.target)) return;
		event.preventDefault();
		onPick(true);
	}

	return (
		<article
			class={`board-card${late ? " is-late" : ""}`}
			aria-labelledby={cardHeadingId(job.id)}
			onKeyDown={onKeyDown}
		>
			<div class="board-card-head">
				<h3 id={cardHeadingId(job.id)}>
					<a
						id={cardId(job.id)}
						href={consolePath(slug, `/jobs/${encodeURIComponent(job.id)}`)}
						aria-describedby={assignable ? hintId : undefined}
						aria-keyshortcuts={assignable ? "A" : undefined}
					>
						Job #{job.number}
					</a>
				</h3>
				{job.source === "portal" ? (
					<Tag tone="brand" icon={Globe}>
						Customer booking
					</Tag>
				) : null}
				{late ? (
					<Tag tone="danger" icon={AlarmClock}>
						Late
					</Tag>
				) : null}
				{isFinished(job.status) ? <StatusChip status={job.status} /> : null}
			</div>
			<p class="board-card-customer">{customer || "No customer"}</p>
			{window ? (
				<p class={late ? "board-card-line board-card-window is-late" : "board-card-line board-card-window"}>
					<Icon icon={Clock} size={14} />
					<span>
						{late ? <span class="visually-hidden">Window passed: </span> : null}
						{window}
					</span>
				</p>
			) : null}
			{job.stops.length ? (
				<p class="board-card-line board-card-route">
					<Icon icon={MapPin} size={14} />
					<span>
						<span class="visually-hidden">{job.stops.map((s) => STOP_LABEL[s.kind]).join(" then ")}: </span>
						{routeText(job)}
					</span>
				</p>
			) : null}
			{job.reference ? (
				<p class="board-card-line board-card-ref">
					<Icon icon={Hash} size={14} />
					<span>Ref {job.reference}</span>
				</p>
			) : null}
			{job.status === "paused" && job.pausedMessage ? (
				<p class="board-card-paused">
					<strong>Paused:</strong> {job.pausedMessage}
				</p>
			) : null}
			{job.technicianName && (!assignable || picking) ? (
				<p class="board-card-line board-card-tech">
					<Icon icon={UserRound} size={14} />
					<span>{job.technicianName}</span>
				</p>
			) : null}
			{job.status === "en_route" ? (
				<p class="board-card-line board-card-fix">
					<Icon icon={Navigation} size={14} />
					<span>{lastFixAt ? `Last fix ${ageText(now - lastFixAt)} ago` : "No position yet"}</span>
				</p>
			) : null}
			{assignable && picking ? (
				<AssignPicker {...props} onClose={() => onPick(false)} />
			) : assignable ? (
				<AssignForm key={job.technicianId ?? "none"} {...props} />
			) : null}
			{assignable && !picking ? (
				<p id={hintId} class="board-card-hint">
					Press <kbd>A</kbd> to assign
				</p>
			) : null}
		</article>
	);
}
