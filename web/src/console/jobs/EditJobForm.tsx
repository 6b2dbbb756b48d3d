import { useId, useState } from "preact/hooks";
import { BookingSections } from "../../portal/booking/BookingSections";
import {
	BOOKING_FIELDS,
	type BookingDraft,
	type BookingField,
	bookingBody,
	bookingFieldFor,
	draftFromJob,
	fieldId,
} from "../../portal/booking/bookingDraft";
import "../../portal/booking/booking.css";
import { ErrorSummary } from "../../shared/ErrorSummary";
import { FormError } from "../../shared/fields";
import { localDate, localDateTime } from "../../shared/tenantTime";
import { useApiForm } from "../../shared/useApiForm";
import { sendJson } from "../consoleApi";
import { asPortalJob, type StaffJob } from "./staffJob";

type Props = {
	slug: string;
	job: StaffJob;
	timeZone: string;
	onSaved: (job: StaffJob) => void;
	onCancel: () => void;
};

/** The job as the form holds it: its stops and details, and its window as the zone's wall clock. */
function draftOf(job: StaffJob, timeZone: string): BookingDraft {
	const draft = draftFromJob(asPortalJob(job), job.kind, [], timeZone, Date.now());
	const start = job.windowStart ? Date.parse(job.windowStart) : null;
	const end = job.windowEnd ? Date.parse(job.windowEnd) : null;
	if (job.kind === "pickup_delivery") {
		return {
			...draft,
			readyAt: start === null ? draft.readyAt : localDateTime(start, timeZone),
			deliverBy: end === null ? draft.deliverBy : localDateTime(end, timeZone),
		};
	}
	return {
		...draft,
		preferredFrom: start === null ? draft.preferredFrom : localDate(start, timeZone),
		// A service window ends at midnight after its last day.
		preferredTo: end === null ? draft.preferredTo : localDate(end - 1, timeZone),
	};
}

const WINDOW_FIELDS = ["readyAt", "deliverBy", "preferredFrom", "preferredTo"] as const;

/**
 * The edit to send. The window goes only when it was changed: a sent window follows the booking
 * rules, and a job under way has a window that began in the past, so resending it as it stands
 * would refuse every other change to that job.
 */
function editBody(before: BookingDraft, after: BookingDraft): Record<string, unknown> {
	const { kind: _kind, ...fields } = bookingBody(after);
	const body: Record<string, unknown> = { ...fields, reference: after.reference.trim() || null };
	if (WINDOW_FIELDS.every((field) => before[field] === after[field])) {
		for (const field of WINDOW_FIELDS) delete body[field];
	}
	return body;
}

/** Edits a job's stops, window and details; the server records what changed in the timeline. */
export function EditJobForm({ slug, job, timeZone, onSaved, onCancel }: Props) {
	const idPrefix = useId();
	const [initial] = useState(() => draftOf(job, timeZone));
	const [draft, setDraft] = useState(initial);
	const form = useApiForm<BookingField>(bookingFieldFor);

	async function save(event: Event) {
		event.preventDefault();
		await form.submit(async () => {
			const updated = await sendJson<StaffJob>(
				slug,
				`/jobs/${encodeURIComponent(job.id)}`,
				"PATCH",
				editBody(initial, draft),
			);
			onSaved(updated);
		});
	}

	const problems = BOOKING_FIELDS.flatMap((field) => {
		const message = form.errors[field];
		return message ? [{ fieldId: fieldId(idPrefix, field), message }] : [];
	});
	const sectionProps = {
		idPrefix,
		choices: [],
		errors: form.errors,
		readOnly: form.submitting,
		saveLabel: null,
	};

	return (
		<form
			ref={form.formRef}
			class="booking-form job-form panel"
			noValidate
			onSubmit={save}
			aria-labelledby={`${idPrefix}-h`}
		>
			<h2 id={`${idPrefix}-h`}>Edit job #{job.number}</h2>
			<ErrorSummary problems={problems} />
			<BookingSections {...sectionProps} draft={draft} timeZone={timeZone} onChange={setDraft} />
			<FormError message={form.formError} />
			<div class="actions">
				<button type="submit" class="ui-button ui-button-primary" disabled={form.submitting}>
					Save changes
				</button>
				<button
					type="button"
					class="ui-button ui-button-secondary"
					disabled={form.submitting}
					onClick={onCancel}
				>
					Discard changes
				</button>
			</div>
		</form>
	);
}
