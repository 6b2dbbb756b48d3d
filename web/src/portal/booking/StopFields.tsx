import { SelectField, TextAreaField, TextField } from "../../shared/fields";
import { t } from "../../shared/i18n/i18n";
import type { FieldErrors } from "../../shared/useApiForm";
import type { StopKind } from "../customerApi";
import {
	type BookingField,
	fieldId,
	type placeChoices,
	type StopDraft,
	type StopInput,
	stopFromPlace,
} from "./bookingDraft";

type Props = {
	stopKind: StopKind;
	legend: string;
	instructionsLabel: string;
	idPrefix: string;
	stop: StopDraft;
	choices: ReturnType<typeof placeChoices>;
	errors: FieldErrors<BookingField>;
	readOnly: boolean;
	/** The "save this address" option's label; null leaves the option out (an edit cannot save). */
	saveLabel?: string | null;
	onChange: (stop: StopDraft) => void;
};

type AddressInput = "line1" | "line2" | "city" | "region" | "postalCode";

/** One stop: pick a saved address or type one, its contact and instructions, and maybe save it. */
export function StopFields({
	stopKind,
	legend,
	instructionsLabel,
	idPrefix,
	stop,
	choices,
	errors,
	saveLabel = t("portal.stopFields.saveAddress"),
	...p
}: Props) {
	const id = (input: StopInput) => fieldId(idPrefix, `${stopKind}.${input}`);
	const error = (input: StopInput) => errors[`${stopKind}.${input}`];
	// The browser's autofill keeps the two stops' addresses apart by section.
	const autofill = (token: string) => `section-${stopKind} ${token}`;

	function choose(value: string) {
		const place = choices.flatMap((g) => g.options).find((o) => o.value === value)?.place;
		if (!place) {
			p.onChange({ ...stop, choice: "", savedAddressId: "" });
			return;
		}
		p.onChange(stopFromPlace(place, value, value.startsWith("recent:") ? "" : (place.id ?? "")));
	}

	// A changed address is no longer the saved one it was picked from.
	const setAddress = (name: AddressInput, value: string) =>
		p.onChange({ ...stop, [name]: value, choice: "", savedAddressId: "" });
	const set = (name: "contactName" | "contactPhone" | "instructions" | "saveAs", value: string) =>
		p.onChange({ ...stop, [name]: value });

	const text = (name: AddressInput, label: string, autocomplete: string, required = false) => (
		<TextField
			id={id(`address.${name}`)}
			label={required ? label : t("form.optional", { label })}
			type="text"
			autocomplete={autofill(autocomplete)}
			required={required}
			readOnly={p.readOnly}
			value={stop[name]}
			onInput={(e) => setAddress(name, e.currentTarget.value)}
			error={error(`address.${name}`)}
		/>
	);

	const contact = (name: "contactName" | "contactPhone", label: string, type: "text" | "tel") => (
		<TextField
			id={id(name)}
			label={t("form.optional", { label })}
			type={type}
			autocomplete="off"
			readOnly={p.readOnly}
			value={stop[name]}
			onInput={(e) => set(name, e.currentTarget.value)}
			error={error(name)}
		/>
	);

	return (
		<fieldset class="booking-section">
			<legend>{legend}</legend>
			{choices.length ? (
				<SelectField
					id={id("savedAddressId")}
					label={t("portal.stopFields.places")}
					hint={t("portal.stopFields.placesHint")}
					value={stop.choice}
					disabled={p.readOnly}
					onChange={(e) => choose(e.currentTarget.value)}
					error={error("savedAddressId")}
				>
					<option value="">{t("portal.stopFields.newAddress")}</option>
					{choices.map((group) => (
						<optgroup key={group.group} label={t("portal.stopFields.group", { group: group.group })}>
							{group.options.map((o) => (
								<option key={o.value} value={o.value}>
									{o.place.label} — {o.place.line1}, {o.place.city}
								</option>
							))}
						</optgroup>
					))}
				</SelectField>
			) : null}
			{text("line1", t("portal.stopFields.line1"), "address-line1", true)}
			{text("line2", t("portal.stopFields.line2"), "address-line2")}
			{text("city", t("portal.stopFields.city"), "address-level2", true)}
			{text("region", t("portal.stopFields.region"), "address-level1")}
			{text("postalCode", t("portal.stopFields.postalCode"), "postal-code")}
			{contact("contactName", t("portal.stopFields.contactName"), "text")}
			{contact("contactPhone", t("portal.stopFields.contactPhone"), "tel")}
			<TextAreaField
				id={id("instructions")}
				label={t("form.optional", { label: instructionsLabel })}
				readOnly={p.readOnly}
				value={stop.instructions}
				onInput={(e) => set("instructions", e.currentTarget.value)}
				error={error("instructions")}
			/>
			{stop.savedAddressId || saveLabel === null ? null : (
				<div class="save-address">
					<label class="check">
						<input
							type="checkbox"
							checked={stop.save}
							disabled={p.readOnly}
							onChange={(e) => p.onChange({ ...stop, save: e.currentTarget.checked })}
						/>
						{saveLabel}
					</label>
					{stop.save ? (
						<TextField
							id={id("saveAs")}
							label={t("portal.stopFields.saveAs")}
							hint={t("portal.stopFields.saveAsHint")}
							type="text"
							required
							maxLength={60}
							readOnly={p.readOnly}
							value={stop.saveAs}
							onInput={(e) => set("saveAs", e.currentTarget.value)}
							error={error("saveAs")}
						/>
					) : null}
				</div>
			)}
		</fieldset>
	);
}
