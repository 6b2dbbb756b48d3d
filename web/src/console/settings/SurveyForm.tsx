import { useId, useState } from "preact/hooks";
import { Field, SelectField, TextField } from "../../shared/fields";
import { useApiForm } from "../../shared/useApiForm";
import { sendJson } from "../consoleApi";
import { FormFooter } from "../FormFooter";
import type { TenantSettingsView } from "./settingsTypes";

type SurveyField = "type" | "categories" | "reviewUrl" | "enabled";
const fieldFor = (issue: string): SurveyField | undefined => {
	const name = issue.replace(/^survey\./, "").split(".")[0];
	return name === "type" || name === "categories" || name === "reviewUrl" || name === "enabled"
		? name
		: undefined;
};

type Props = { slug: string; settings: TenantSettingsView; onSaved: (s: TenantSettingsView) => void };

/**
 * The survey after completed jobs: on or off, stars or NPS, the categories rated, and a public
 * review link that every customer sees after answering, whatever their score.
 */
export function SurveyForm({ slug, settings, onSaved }: Props) {
	const id = useId();
	const [values, setValues] = useState({
		enabled: settings.survey.enabled,
		type: settings.survey.type,
		categories: settings.survey.categories.join("\n"),
		reviewUrl: settings.survey.reviewUrl ?? "",
	});
	const [saved, setSaved] = useState(false);
	const form = useApiForm<SurveyField>(fieldFor);

	async function save(event: Event) {
		event.preventDefault();
		setSaved(false);
		const categories = values.categories
			.split("\n")
			.map((c) => c.trim())
			.filter(Boolean);
		await form.submit(async () => {
			onSaved(
				await sendJson<TenantSettingsView>(slug, "/settings", "PATCH", {
					survey: { enabled: values.enabled, type: values.type, categories, reviewUrl: values.reviewUrl },
				}),
			);
			setSaved(true);
		});
	}

	return (
		<form ref={form.formRef} class="panel" noValidate onSubmit={save} aria-labelledby={`${id}-h`}>
			<h2 id={`${id}-h`}>Survey</h2>
			<p class="panel-intro">
				Asked after every completed job, on the job page and the tracking page. Low scores reach the inbox.
			</p>
			<label class="check">
				<input
					type="checkbox"
					checked={values.enabled}
					disabled={form.submitting}
					onChange={(e) => setValues({ ...values, enabled: e.currentTarget.checked })}
				/>
				Ask customers for a survey after each completed job
			</label>
			<SelectField
				id={`${id}-type`}
				label="Survey type"
				hint="Answers keep the type they were given in."
				value={values.type}
				disabled={form.submitting}
				onChange={(e) => setValues({ ...values, type: e.currentTarget.value === "nps" ? "nps" : "stars" })}
				error={form.errors.type}
			>
				<option value="stars">Stars, 1 to 5</option>
				<option value="nps">Net Promoter Score, 0 to 10</option>
			</SelectField>
			<Field
				id={`${id}-categories`}
				label="Categories"
				hint="One per line, up to 8; customers rate each on the same scale. Leave empty for none."
				error={form.errors.categories}
			>
				{(control) => (
					<textarea
						{...control}
						class="field-input"
						rows={4}
						readOnly={form.submitting}
						value={values.categories}
						onInput={(e) => setValues({ ...values, categories: e.currentTarget.value })}
					/>
				)}
			</Field>
			<TextField
				id={`${id}-review`}
				label="Review page (optional)"
				hint="An https:// link shown to every customer after they answer, whatever their score."
				type="text"
				inputMode="url"
				readOnly={form.submitting}
				value={values.reviewUrl}
				onInput={(e) => setValues({ ...values, reviewUrl: e.currentTarget.value })}
				error={form.errors.reviewUrl}
			/>
			<FormFooter
				error={form.formError}
				submitting={form.submitting}
				label="Save survey"
				status={saved ? "Settings saved." : ""}
			/>
		</form>
	);
}
