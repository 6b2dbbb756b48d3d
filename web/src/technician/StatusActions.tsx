import { useEffect, useState } from "preact/hooks";
import type { JobStatus } from "../../../workers/contracts/live-messages";
import { TECHNICIAN_TRANSITIONS } from "../../../workers/domain/jobs/job-status";
import { FormError, TextAreaField } from "../shared/fields";
import { useApiForm } from "../shared/useApiForm";
import { moveJob, type TechnicianJob, type TechnicianMove } from "./technicianApi";

/** The button for each move, by where the job is now. */
function moveLabel(from: JobStatus, to: TechnicianMove): string {
	switch (to) {
		case "en_route":
			return from === "paused" ? "Back on the road" : "Start driving";
		case "in_progress":
			return from === "paused" ? "Resume job" : "Arrived — start job";
		case "paused":
			return "Pause job…";
		case "completed":
			return "Complete job";
	}
}

const isTechnicianMove = (s: JobStatus): s is TechnicianMove =>
	s === "en_route" || s === "in_progress" || s === "paused" || s === "completed";

type Props = {
	slug: string;
	job: TechnicianJob;
	onMoved: (status: JobStatus, pausedMessage: string | null) => void;
};

/** The moves the API allows from the job's status; pausing asks for a message to the customer. */
export function StatusActions({ slug, job, onMoved }: Props) {
	const form = useApiForm<"message">((field) => (field === "message" ? "message" : undefined));
	const [pausing, setPausing] = useState(false);
	const [message, setMessage] = useState("");
	const moves = (TECHNICIAN_TRANSITIONS[job.status] ?? []).filter(isTechnicianMove);
	const messageId = `pause-message-${job.id}`;
	// Opening the pause form takes the keyboard straight to its message.
	useEffect(() => {
		if (pausing) document.getElementById(messageId)?.focus();
	}, [pausing, messageId]);

	const move = (to: TechnicianMove, text?: string) =>
		form.submit(async () => {
			const result = await moveJob(slug, job.id, to, text);
			setPausing(false);
			setMessage("");
			onMoved(result.status, result.pausedMessage);
		});

	if (moves.length === 0) return null;
	if (pausing) {
		return (
			<form
				ref={form.formRef}
				class="stack pause-form"
				noValidate
				onSubmit={(e) => {
					e.preventDefault();
					void move("paused", message);
				}}
			>
				<TextAreaField
					id={messageId}
					label="Message for the customer"
					hint="They see it while the job is paused, e.g. “Waiting for parts, back at 2 pm”."
					maxLength={280}
					required
					value={message}
					error={form.errors.message}
					onInput={(e) => setMessage(e.currentTarget.value)}
				/>
				<FormError message={form.formError} />
				<div class="actions">
					<button type="submit" disabled={form.submitting}>
						{form.submitting ? "Pausing…" : "Pause job"}
					</button>
					<button
						type="button"
						class="button-secondary"
						disabled={form.submitting}
						onClick={() => {
							setPausing(false);
							form.showErrors({});
						}}
					>
						Cancel
					</button>
				</div>
			</form>
		);
	}
	return (
		<div class="stack">
			<div class="actions">
				{moves.map((to) => (
					<button
						key={to}
						type="button"
						class={to === "paused" ? "button-secondary" : undefined}
						disabled={form.submitting}
						onClick={() => (to === "paused" ? setPausing(true) : void move(to))}
					>
						{moveLabel(job.status, to)}
					</button>
				))}
			</div>
			<FormError message={form.formError} />
		</div>
	);
}
