import { CalendarPlus } from "lucide";
import { useId, useRef, useState } from "preact/hooks";
import { BookingSections } from "../../portal/booking/BookingSections";
import {
	BOOKING_FIELDS,
	type BookingDraft,
	type BookingField,
	bookingBody,
	bookingFieldFor,
	fieldId,
	newDraft,
	stopFromPlace,
} from "../../portal/booking/bookingDraft";
import { KindChoice } from "../../portal/booking/KindChoice";
import "../../portal/booking/booking.css";
import type { Branding } from "../../shared/branding";
import { ErrorSummary } from "../../shared/ErrorSummary";
import type { BookingDraftAnswer } from "../../shared/estimates/estimateTypes";
import { FormError } from "../../shared/fields";
import { Button } from "../../shared/ui/Button";
import { Card } from "../../shared/ui/Card";
import { ErrorState } from "../../shared/ui/ErrorState";
import { SkeletonCard } from "../../shared/ui/Skeleton";
import { useApiForm } from "../../shared/useApiForm";
import { useResource } from "../../shared/useResource";
import type { StaffJob } from "../jobs/staffJob";
import { convertEstimate, staffEstimatePath } from "./estimateApi";

/** The booking form's draft from what the server pre-filled: the address, the lines as the description, the days. */
function draftFrom(answer: BookingDraftAnswer, branding: Branding): BookingDraft {
	const base = newDraft(answer.kind, branding.timezone, Date.now());
	const stop = answer.address ? stopFromPlace(answer.address, "") : base.service;
	return answer.kind === "service_call"
		? {
				...base,
				service: stop,
				description: answer.description,
				reference: answer.reference,
				preferredFrom: answer.preferredFrom,
				preferredTo: answer.preferredTo,
			}
		: { ...base, pickup: stop, packageDescription: answer.description, reference: answer.reference };
}

type Props = {
	slug: string;
	branding: Branding;
	estimateId: string;
	number: number;
	onConverted: (job: StaffJob) => void;
	onClose: () => void;
};

function ConvertForm({
	slug,
	branding,
	estimateId,
	number,
	answer,
	onConverted,
	onClose,
}: Props & { answer: BookingDraftAnswer }) {
	const idPrefix = useId();
	const [draft, setDraft] = useState<BookingDraft>(() => draftFrom(answer, branding));
	// One key per form: a double click or a retry makes one job.
	const key = useRef(crypto.randomUUID());
	const form = useApiForm<BookingField>((issue) => bookingFieldFor(issue.replace(/^booking\./, "")));

	async function convert(event: Event) {
		event.preventDefault();
		await form.submit(async () => {
			onConverted(await convertEstimate(slug, estimateId, bookingBody(draft), key.current));
		});
	}

	const problems = BOOKING_FIELDS.flatMap((field) => {
		const message = form.errors[field];
		return message ? [{ fieldId: fieldId(idPrefix, field), message }] : [];
	});
	return (
		<form ref={form.formRef} class="booking-form est-convert-form" noValidate onSubmit={convert}>
			<ErrorSummary problems={problems} />
			<KindChoice
				idPrefix={idPrefix}
				legend="What is it?"
				kinds={branding.jobKinds}
				value={draft.kind}
				disabled={form.submitting}
				onChange={(kind) => setDraft({ ...draft, kind })}
			/>
			<BookingSections
				idPrefix={idPrefix}
				choices={[]}
				errors={form.errors}
				readOnly={form.submitting}
				saveLabel={null}
				draft={draft}
				timeZone={branding.timezone}
				onChange={setDraft}
			/>
			<FormError message={form.formError} />
			<p class="notice-live" role="status">
				{form.submitting ? "Creating the job…" : ""}
			</p>
			<div class="est-convert-actions">
				<Button type="submit" icon={CalendarPlus} disabled={form.submitting}>
					Create job from estimate #{number}
				</Button>
				<Button variant="ghost" disabled={form.submitting} onClick={onClose}>
					Cancel
				</Button>
			</div>
		</form>
	);
}

/**
 * "Convert to job": the booking form pre-filled from `GET …/booking-draft`; the job lands in the
 * Unassigned lane through the exactly-once workflow, the form's key making a retry the same job.
 */
export function ConvertPanel(props: Props) {
	const draft = useResource<BookingDraftAnswer>(
		staffEstimatePath(props.slug, props.estimateId, "/booking-draft"),
	);
	return (
		<Card as="section" padding="lg" class="est-convert" aria-labelledby="est-convert-heading">
			<h2 id="est-convert-heading" class="card-title">
				Book the work
			</h2>
			<p class="est-section-hint">
				Pre-filled from the estimate and the customer's request; the job goes to the Unassigned lane.
			</p>
			{draft.state.status === "ready" ? (
				<ConvertForm {...props} answer={draft.state.data} />
			) : draft.state.status === "error" || draft.state.status === "not_found" ? (
				<ErrorState
					title="We couldn't prepare the booking"
					message={draft.state.status === "error" ? draft.state.message : undefined}
					onRetry={() => void draft.reload()}
					headingLevel={3}
				/>
			) : (
				<SkeletonCard />
			)}
		</Card>
	);
}
