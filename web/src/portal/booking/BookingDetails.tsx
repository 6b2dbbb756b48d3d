import { TextAreaField, TextField } from "../../shared/fields";
import { t } from "../../shared/i18n/i18n";
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
		value: draft[field] ?? "",
		readOnly,
		error: errors[field],
		onInput: (e: { currentTarget: { value: string } }) =>
			onChange({ ...draft, [field]: e.currentTarget.value }),
	});

	return (
		<>
			<fieldset class="booking-section" aria-describedby={zoneNoteId}>
				<legend>{t("portal.booking.when")}</legend>
				<p id={zoneNoteId} class="field-hint">
					{t("portal.booking.timeZone", { zone: timeZoneLabel(timeZone) })}
				</p>
				{pickup ? (
					<div class="field-pair">
						<TextField
							{...props("readyAt")}
							label={t("portal.booking.readyAt")}
							type="datetime-local"
							required
						/>
						<TextField
							{...props("deliverBy")}
							label={t("portal.booking.deliverBy")}
							type="datetime-local"
							required
						/>
					</div>
				) : (
					<div class="field-pair">
						<TextField
							{...props("preferredFrom")}
							label={t("portal.booking.preferredFrom")}
							type="date"
							required
						/>
						<TextField
							{...props("preferredTo")}
							label={t("portal.booking.preferredTo")}
							type="date"
							required
						/>
					</div>
				)}
			</fieldset>
			<fieldset class="booking-section">
				<legend>{t("portal.booking.details")}</legend>
				{pickup ? (
					<TextAreaField
						{...props("packageDescription")}
						label={t("portal.booking.package")}
						hint={t("portal.booking.packageHint")}
						required
						maxLength={500}
					/>
				) : (
					<TextAreaField
						{...props("description")}
						label={t("portal.booking.description")}
						hint={t("portal.booking.descriptionHint")}
						required
						rows={5}
						maxLength={2000}
					/>
				)}
				<TextField
					{...props("reference")}
					label={t("portal.booking.reference")}
					hint={t("portal.booking.referenceHint")}
					type="text"
					maxLength={100}
				/>
				<TextField
					{...props("siteContactEmail")}
					label={t("form.optional", { label: t("portal.booking.siteContactEmail") })}
					hint={t("portal.booking.siteContactEmailHint")}
					type="email"
					autocomplete="off"
					maxLength={254}
				/>
				<TextAreaField
					{...props("alsoNotify")}
					label={t("form.optional", { label: t("portal.booking.alsoNotify") })}
					hint={t("portal.booking.alsoNotifyHint")}
					rows={2}
				/>
			</fieldset>
		</>
	);
}
