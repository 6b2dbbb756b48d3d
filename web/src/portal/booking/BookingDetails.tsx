import { TextAreaField, TextField } from "../../shared/fields";
import { timeZoneLabel } from "../../shared/tenantTime";
import type { FieldErrors } from "../../shared/useApiForm";
import { type BookingDraft, type BookingField, fieldId } from "./bookingDraft";

type Props = {
	idPrefix: string;
	draft: BookingDraft;
	timeZone: string;
	errors: FieldErrors<BookingField>;
	readOnly: boolean;
	onChange: (draft: BookingDraft) => void;
};

type DetailField = Exclude<BookingField, `${string}.${string}`>;

/** When (in the tenant's zone), what is carried or needs doing, and the customer's reference. */
export function BookingDetails({ idPrefix, draft, timeZone, errors, readOnly, onChange }: Props) {
	const zoneNoteId = `${idPrefix}-zone`;
	const pickup = draft.kind === "pickup_delivery";
	const props = (field: DetailField) => ({
		id: fieldId(idPrefix, field),
		value: draft[field],
		readOnly,
		error: errors[field],
		onInput: (e: { currentTarget: { value: string } }) =>
			onChange({ ...draft, [field]: e.currentTarget.value }),
	});

	return (
		<>
			<fieldset class="booking-section" aria-describedby={zoneNoteId}>
				<legend>When</legend>
				<p id={zoneNoteId} class="field-hint">
					Times are in {timeZoneLabel(timeZone)}.
				</p>
				{pickup ? (
					<div class="field-pair">
						<TextField {...props("readyAt")} label="Ready at" type="datetime-local" required />
						<TextField {...props("deliverBy")} label="Deliver by" type="datetime-local" required />
					</div>
				) : (
					<div class="field-pair">
						<TextField {...props("preferredFrom")} label="Preferred from" type="date" required />
						<TextField {...props("preferredTo")} label="Preferred to" type="date" required />
					</div>
				)}
			</fieldset>
			<fieldset class="booking-section">
				<legend>Details</legend>
				{pickup ? (
					<TextAreaField
						{...props("packageDescription")}
						label="What are we carrying?"
						hint="For example: 2 sealed boxes, about 10 kg."
						required
						maxLength={500}
					/>
				) : (
					<TextAreaField
						{...props("description")}
						label="What needs doing?"
						hint="What is wrong, where, and anything the technician should bring."
						required
						rows={5}
						maxLength={2000}
					/>
				)}
				<TextField
					{...props("reference")}
					label="Reference / PO (optional)"
					hint="Your own reference, shown on the job and in your job history."
					type="text"
					maxLength={100}
				/>
			</fieldset>
		</>
	);
}
