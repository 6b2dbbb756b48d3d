import { useId, useState } from "preact/hooks";
import { type NotifyStage, notifyStages } from "../../../../schema/tables/notifications";
import { Field } from "../../shared/fields";
import { useApiForm } from "../../shared/useApiForm";
import { sendJson } from "../consoleApi";
import { FormFooter } from "../FormFooter";
import { settingsFieldFor, type TenantSettingsView } from "./settingsTypes";

const FIELDS = ["notifyStages", "arrivingSoonMinutes"] as const;
type NotifyField = (typeof FIELDS)[number];

const STAGE_LABEL: Record<NotifyStage, string> = {
	booked: "Booked",
	scheduled: "Scheduled (window and technician)",
	on_the_way: "On the way (technician and live ETA link)",
	arriving: "Arriving soon",
	paused: "Paused (the technician's message)",
	completed: "Completed (with the survey)",
	cancelled: "Cancelled",
	estimate: "Estimate shared or updated",
	invoice: "Invoice shared, and overdue reminders",
};

type Props = { slug: string; settings: TenantSettingsView; onSaved: (s: TenantSettingsView) => void };

/** Which stages the tenant emails its customers at all, and when "arriving soon" goes. */
export function NotificationsForm({ slug, settings, onSaved }: Props) {
	const id = useId();
	const [stages, setStages] = useState(settings.notifyStages);
	const [minutes, setMinutes] = useState(String(settings.arrivingSoonMinutes));
	const [saved, setSaved] = useState(false);
	const form = useApiForm<NotifyField>(settingsFieldFor(FIELDS));

	async function save(event: Event) {
		event.preventDefault();
		setSaved(false);
		const threshold = Number(minutes);
		if (!Number.isInteger(threshold) || threshold < 1 || threshold > 60)
			return form.showErrors({ arrivingSoonMinutes: "Enter a whole number of minutes from 1 to 60." });
		await form.submit(async () => {
			onSaved(
				await sendJson<TenantSettingsView>(slug, "/settings", "PATCH", {
					notifyStages: stages,
					arrivingSoonMinutes: threshold,
				}),
			);
			setSaved(true);
		});
	}

	return (
		<form ref={form.formRef} class="panel" noValidate onSubmit={save} aria-labelledby={`${id}-h`}>
			<h2 id={`${id}-h`}>Customer emails</h2>
			<fieldset class="booking-section">
				<legend>Email customers when a job is</legend>
				<p class="muted">
					Each contact can still turn stages off on their profile. Sign-in emails and receipts always go.
				</p>
				{notifyStages.map((stage) => (
					<label key={stage} class="check">
						<input
							type="checkbox"
							checked={stages[stage] !== false}
							disabled={form.submitting}
							onChange={(e) => setStages({ ...stages, [stage]: e.currentTarget.checked })}
						/>
						{STAGE_LABEL[stage]}
					</label>
				))}
			</fieldset>
			<Field
				id={`${id}-arriving`}
				label="“Arriving soon” when the ETA drops under (minutes)"
				hint="Sent once per job, the first time the live ETA is under this."
				error={form.errors.arrivingSoonMinutes}
			>
				{(control) => (
					<input
						{...control}
						class="field-input"
						type="number"
						min={1}
						max={60}
						step={1}
						inputMode="numeric"
						readOnly={form.submitting}
						value={minutes}
						onInput={(e) => setMinutes(e.currentTarget.value)}
					/>
				)}
			</Field>
			<FormFooter
				error={form.formError}
				submitting={form.submitting}
				label="Save customer emails"
				status={saved ? "Customer emails saved." : ""}
			/>
		</form>
	);
}
