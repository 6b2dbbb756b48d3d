import { useEffect, useId, useState } from "preact/hooks";
import { FormError, TextAreaField } from "../../shared/fields";
import { useApiForm } from "../../shared/useApiForm";
import { sendJson } from "../consoleApi";
import type { StaffJob } from "./staffJob";

type Props = { slug: string; job: StaffJob; onCancelled: (job: StaffJob) => void; onClose: () => void };

/** Cancels a job with a reason the customer sees; asks before it does. */
export function CancelJobForm({ slug, job, onCancelled, onClose }: Props) {
	const id = useId();
	const [reason, setReason] = useState("");
	const form = useApiForm<"reason">((f) => (f === "reason" ? "reason" : undefined));

	useEffect(() => {
		form.formRef.current?.querySelector("textarea")?.focus();
	}, [form.formRef]);

	async function cancel(event: Event) {
		event.preventDefault();
		if (!reason.trim()) {
			form.showErrors({ reason: "Say why the job is cancelled; the customer sees it." });
			return;
		}
		await form.submit(async () => {
			onCancelled(
				await sendJson<StaffJob>(slug, `/jobs/${encodeURIComponent(job.id)}/cancel`, "POST", { reason }),
			);
		});
	}

	return (
		<form ref={form.formRef} class="confirm" noValidate onSubmit={cancel}>
			<h2>Cancel job #{job.number}?</h2>
			<TextAreaField
				id={`${id}-reason`}
				label="Reason"
				hint="The customer sees it on the job and in the email."
				required
				maxLength={500}
				readOnly={form.submitting}
				value={reason}
				onInput={(e) => setReason(e.currentTarget.value)}
				error={form.errors.reason}
			/>
			<FormError message={form.formError} />
			<div class="actions">
				<button type="submit" class="ui-button ui-button-danger" disabled={form.submitting}>
					Cancel the job
				</button>
				<button
					type="button"
					class="ui-button ui-button-secondary"
					disabled={form.submitting}
					onClick={onClose}
				>
					Keep the job
				</button>
			</div>
		</form>
	);
}
