import { useId, useState } from "preact/hooks";
import { type JobKind, jobKinds } from "../../../../schema/job-values";
import { Field, SelectField } from "../../shared/fields";
import { timeZoneChoices } from "../../shared/timeZones";
import { useApiForm } from "../../shared/useApiForm";
import { sendJson } from "../consoleApi";
import { FormFooter } from "../FormFooter";
import { settingsFieldFor, type TenantSettingsView } from "./settingsTypes";

const FIELDS = [
	"timezone",
	"currency",
	"jobKinds",
	"allowSelfSignup",
	"allowJoinRequests",
	"sendCeilingPerHour",
] as const;
type OpsField = (typeof FIELDS)[number];

const KIND_LABEL: Record<JobKind, string> = {
	pickup_delivery: "Pickups and deliveries",
	service_call: "Service calls",
};
const CURRENCIES = ["USD", "CAD", "EUR", "GBP", "AUD", "NZD", "MXN"];

type Props = { slug: string; settings: TenantSettingsView; onSaved: (s: TenantSettingsView) => void };

/** How the business works: its zone and currency, what customers may book, sign-up and the send limit. */
export function OperationsForm({ slug, settings, onSaved }: Props) {
	const id = useId();
	const [values, setValues] = useState({
		timezone: settings.timezone,
		currency: settings.currency,
		jobKinds: settings.jobKinds,
		allowSelfSignup: settings.allowSelfSignup,
		allowJoinRequests: settings.allowJoinRequests,
		sendCeilingPerHour: String(settings.sendCeilingPerHour),
	});
	const [saved, setSaved] = useState(false);
	const form = useApiForm<OpsField>(settingsFieldFor(FIELDS));
	const currencies = CURRENCIES.includes(values.currency) ? CURRENCIES : [values.currency, ...CURRENCIES];

	function toggleKind(kind: JobKind, on: boolean) {
		const offered = jobKinds.filter((k) => (k === kind ? on : values.jobKinds.includes(k)));
		setValues({ ...values, jobKinds: offered });
	}

	async function save(event: Event) {
		event.preventDefault();
		setSaved(false);
		const ceiling = Number(values.sendCeilingPerHour);
		const problems: Partial<Record<OpsField, string>> = {};
		if (!values.jobKinds.length) problems.jobKinds = "Choose at least one kind of job.";
		if (!Number.isInteger(ceiling) || ceiling < 1)
			problems.sendCeilingPerHour = "Enter a whole number of emails, 1 or more.";
		if (Object.keys(problems).length) return form.showErrors(problems);
		await form.submit(async () => {
			onSaved(
				await sendJson<TenantSettingsView>(slug, "/settings", "PATCH", {
					...values,
					sendCeilingPerHour: ceiling,
				}),
			);
			setSaved(true);
		});
	}

	return (
		<form ref={form.formRef} class="panel" noValidate onSubmit={save} aria-labelledby={`${id}-h`}>
			<h2 id={`${id}-h`}>Operations</h2>
			<SelectField
				id={`${id}-tz`}
				label="Time zone"
				hint="Windows are typed and shown in it."
				value={values.timezone}
				disabled={form.submitting}
				onChange={(e) => setValues({ ...values, timezone: e.currentTarget.value })}
				error={form.errors.timezone}
			>
				{timeZoneChoices(values.timezone).map((z) => (
					<option key={z} value={z}>
						{z}
					</option>
				))}
			</SelectField>
			<SelectField
				id={`${id}-currency`}
				label="Currency"
				value={values.currency}
				disabled={form.submitting}
				onChange={(e) => setValues({ ...values, currency: e.currentTarget.value })}
				error={form.errors.currency}
			>
				{currencies.map((c) => (
					<option key={c} value={c}>
						{c}
					</option>
				))}
			</SelectField>
			<fieldset
				class="booking-section"
				aria-describedby={form.errors.jobKinds ? `${id}-kinds-error` : undefined}
			>
				<legend>Customers can book</legend>
				{jobKinds.map((kind) => (
					<label key={kind} class="check">
						<input
							type="checkbox"
							checked={values.jobKinds.includes(kind)}
							disabled={form.submitting}
							onChange={(e) => toggleKind(kind, e.currentTarget.checked)}
						/>
						{KIND_LABEL[kind]}
					</label>
				))}
				{form.errors.jobKinds ? (
					<p id={`${id}-kinds-error`} class="field-error">
						{form.errors.jobKinds}
					</p>
				) : null}
			</fieldset>
			<label class="check">
				<input
					type="checkbox"
					checked={values.allowSelfSignup}
					disabled={form.submitting}
					onChange={(e) => setValues({ ...values, allowSelfSignup: e.currentTarget.checked })}
				/>
				Let new customers sign up themselves
			</label>
			{form.errors.allowSelfSignup ? <p class="field-error">{form.errors.allowSelfSignup}</p> : null}
			<label class="check">
				<input
					type="checkbox"
					checked={values.allowJoinRequests}
					disabled={form.submitting}
					onChange={(e) => setValues({ ...values, allowJoinRequests: e.currentTarget.checked })}
				/>
				Let people of a customer account's email domain ask to join it (its admins approve in the portal)
			</label>
			<Field
				id={`${id}-ceiling`}
				label="Sign-in emails per hour"
				hint="The most sign-in emails the portal sends in an hour, for all customers together."
				error={form.errors.sendCeilingPerHour}
			>
				{(control) => (
					<input
						{...control}
						class="field-input"
						type="number"
						min={1}
						step={1}
						inputMode="numeric"
						readOnly={form.submitting}
						value={values.sendCeilingPerHour}
						onInput={(e) => setValues({ ...values, sendCeilingPerHour: e.currentTarget.value })}
					/>
				)}
			</Field>
			<FormFooter
				error={form.formError}
				submitting={form.submitting}
				label="Save operations"
				status={saved ? "Settings saved." : ""}
			/>
		</form>
	);
}
