import { useEffect, useState } from "preact/hooks";
import type { JobStatus } from "../../../workers/contracts/live-messages";
import { TECHNICIAN_TRANSITIONS } from "../../../workers/domain/jobs/job-status";
import { FormError, TextAreaField } from "../shared/fields";
import { t } from "../shared/i18n/i18n";
import { useApiForm } from "../shared/useApiForm";
import { CompletionForm } from "./CompletionForm";
import { queuedCompletions } from "./completionOutbox";
import { makeMove, queuedMoves, refusedMoves, useTechnicianOutbox } from "./statusOutbox";
import { moveJob, type TechnicianJob, type TechnicianMove } from "./technicianApi";

/** The button for each move, by where the job is now. */
function moveLabel(from: JobStatus, to: TechnicianMove): string {
	switch (to) {
		case "en_route":
			return from === "paused" ? t("move.backOnTheRoad") : t("move.startDriving");
		case "in_progress":
			return from === "paused" ? t("move.resume") : t("move.arrived");
		case "paused":
			return t("move.pause");
		case "completed":
			return t("move.complete");
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
	// Completing opens the proof form; so does "could not complete".
	const [completing, setCompleting] = useState<"completed" | "failed" | null>(null);
	const [message, setMessage] = useState("");
	const moves = (TECHNICIAN_TRANSITIONS[job.status] ?? []).filter(isTechnicianMove);
	const messageId = `pause-message-${job.id}`;
	// Opening the pause form takes the keyboard straight to its message.
	useEffect(() => {
		if (pausing) document.getElementById(messageId)?.focus();
	}, [pausing, messageId]);

	// Moves made without a connection wait in the outbox (statusOutbox.ts) and go in order later.
	const outbox = useTechnicianOutbox(slug);
	const waiting = outbox ? queuedMoves(outbox).filter((m) => m.jobId === job.id) : [];
	const completionWaiting = outbox ? queuedCompletions(outbox).some((c) => c.jobId === job.id) : false;
	const refused = refusedMoves.value.get(job.id);

	const move = (to: TechnicianMove, text?: string) =>
		form.submit(async () => {
			// Checked here too: a pause queued offline must not be refused for it later.
			if (to === "paused" && !text?.trim()) {
				form.showErrors({ message: t("pause.messageRequired") });
				return;
			}
			const outcome = outbox
				? await makeMove(outbox, job.id, to, text?.trim() ?? null)
				: { sent: await moveJob(slug, job.id, to, text) };
			setPausing(false);
			setMessage("");
			if ("sent" in outcome) onMoved(outcome.sent.status, outcome.sent.pausedMessage);
			else onMoved(to, outcome.queued.status === "paused" ? outcome.queued.message : null);
		});

	const outboxNote = (
		<div class="move-outbox" role="status">
			{waiting.length > 0 ? (
				<p class="notice">
					{t("move.waiting", {
						count: waiting.length,
						moves: waiting.map((m) => t("job.status", { status: m.status })).join(" → "),
					})}
				</p>
			) : null}
			{completionWaiting ? <p class="notice">{t("complete.waiting")}</p> : null}
			{refused ? (
				<p class="notice notice-error">
					{t("move.refused", { status: t("job.status", { status: refused.status }), reason: refused.reason })}
				</p>
			) : null}
		</div>
	);

	if (completing) {
		return (
			<CompletionForm
				slug={slug}
				job={job}
				outcome={completing}
				onCancel={() => setCompleting(null)}
				onDone={(status) => {
					setCompleting(null);
					onMoved(status, null);
				}}
			/>
		);
	}
	const mayFail = job.status === "en_route" || job.status === "in_progress" || job.status === "paused";
	if (moves.length === 0) return outboxNote;
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
					label={t("pause.messageLabel")}
					hint={t("pause.messageHint")}
					maxLength={280}
					required
					value={message}
					error={form.errors.message}
					onInput={(e) => setMessage(e.currentTarget.value)}
				/>
				<FormError message={form.formError} />
				{outboxNote}
				<div class="actions">
					<button type="submit" disabled={form.submitting}>
						{form.submitting ? t("pause.submitting") : t("pause.submit")}
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
						{t("action.cancel")}
					</button>
				</div>
			</form>
		);
	}
	return (
		<div class="stack">
			{outboxNote}
			<div class="actions">
				{moves.map((to) => (
					<button
						key={to}
						type="button"
						class={to === "paused" ? "button-secondary" : undefined}
						disabled={form.submitting}
						onClick={() =>
							to === "paused"
								? setPausing(true)
								: to === "completed"
									? setCompleting("completed")
									: void move(to)
						}
					>
						{moveLabel(job.status, to)}
					</button>
				))}
				{mayFail ? (
					<button type="button" class="button-secondary" onClick={() => setCompleting("failed")}>
						{t("move.couldNotComplete")}
					</button>
				) : null}
			</div>
			<FormError message={form.formError} />
		</div>
	);
}
