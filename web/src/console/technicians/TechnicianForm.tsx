import { useId, useState } from "preact/hooks";
import { FormError, TextAreaField } from "../../shared/fields";
import { useApiForm } from "../../shared/useApiForm";
import { sendJson } from "../consoleApi";
import { missingPersonFields, PersonFields } from "../PersonFields";
import type { Technician } from "./technicianTypes";

type Field = "name" | "email" | "phone" | "bio";
const FIELDS: Field[] = ["name", "email", "phone", "bio"];

type Props = {
	slug: string;
	/** Absent: the form adds a technician. */
	technician?: Technician;
	onSaved: (t: Technician) => void;
	onCancel?: () => void;
};

/** Adds a technician, or changes one's name, phone, bio and whether they are active. */
export function TechnicianForm({ slug, technician, onSaved, onCancel }: Props) {
	const id = useId();
	const editing = technician !== undefined;
	const [values, setValues] = useState({
		name: technician?.name ?? "",
		email: technician?.email ?? "",
		phone: technician?.phone ?? "",
		bio: technician?.bio ?? "",
		active: technician?.active ?? true,
	});
	const form = useApiForm<Field>((f) => FIELDS.find((x) => x === f));
	const set = (field: Field, value: string) => setValues({ ...values, [field]: value });
	const bioChanged = editing && values.bio.trim() !== (technician.bio ?? "");

	async function save(event: Event) {
		event.preventDefault();
		const missing = missingPersonFields({ name: values.name, email: editing ? undefined : values.email });
		if (Object.keys(missing).length) return form.showErrors(missing);
		await form.submit(async () => {
			const saved = editing
				? await sendJson<Technician>(slug, `/technicians/${encodeURIComponent(technician.id)}`, "PATCH", {
						name: values.name,
						phone: values.phone,
						bio: values.bio,
						active: values.active,
					})
				: await sendJson<Technician>(slug, "/technicians", "POST", {
						name: values.name,
						email: values.email,
						phone: values.phone,
						bio: values.bio,
					});
			if (!editing) setValues({ name: "", email: "", phone: "", bio: "", active: true });
			onSaved(saved);
		});
	}

	return (
		<form ref={form.formRef} class="stack" noValidate onSubmit={save}>
			<PersonFields
				id={id}
				values={values}
				errors={form.errors}
				submitting={form.submitting}
				onInput={set}
				signsInTo={editing ? undefined : "the technician app"}
			/>
			<TextAreaField
				id={`${id}-bio`}
				label="Bio (optional)"
				hint={
					bioChanged
						? "A changed bio needs approval again before customers see it."
						: "Customers see it on their job once a dispatcher approves it."
				}
				maxLength={1000}
				readOnly={form.submitting}
				value={values.bio}
				onInput={(e) => set("bio", e.currentTarget.value)}
				error={form.errors.bio}
			/>
			{editing ? (
				<label class="check">
					<input
						type="checkbox"
						checked={values.active}
						disabled={form.submitting}
						onChange={(e) => setValues({ ...values, active: e.currentTarget.checked })}
					/>
					Active (can sign in and be assigned jobs)
				</label>
			) : null}
			<FormError message={form.formError} />
			<div class="actions">
				<button class="ui-button ui-button-primary" type="submit" disabled={form.submitting}>
					{editing ? "Save technician" : "Add technician"}
				</button>
				{onCancel ? (
					<button
						type="button"
						class="ui-button ui-button-secondary"
						disabled={form.submitting}
						onClick={onCancel}
					>
						Cancel
					</button>
				) : null}
			</div>
		</form>
	);
}
