import { useId, useState } from "preact/hooks";
import { FormError, TextAreaField, TextField } from "../../shared/fields";
import { useApiForm } from "../../shared/useApiForm";
import { sendJson } from "../consoleApi";
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
		const missing: Partial<Record<Field, string>> = {};
		if (!values.name.trim()) missing.name = "Enter a name.";
		if (!editing && !values.email.trim()) missing.email = "Enter an email address.";
		if (Object.keys(missing).length) {
			form.showErrors(missing);
			return;
		}
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
			<TextField
				id={`${id}-name`}
				label="Name"
				type="text"
				required
				readOnly={form.submitting}
				value={values.name}
				onInput={(e) => set("name", e.currentTarget.value)}
				error={form.errors.name}
			/>
			{editing ? null : (
				<TextField
					id={`${id}-email`}
					label="Email address"
					hint="They sign in to the technician app with it."
					type="email"
					required
					spellcheck={false}
					autoCapitalize="none"
					readOnly={form.submitting}
					value={values.email}
					onInput={(e) => set("email", e.currentTarget.value)}
					error={form.errors.email}
				/>
			)}
			<TextField
				id={`${id}-phone`}
				label="Phone (optional)"
				type="tel"
				readOnly={form.submitting}
				value={values.phone}
				onInput={(e) => set("phone", e.currentTarget.value)}
				error={form.errors.phone}
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
				<button type="submit" disabled={form.submitting}>
					{editing ? "Save technician" : "Add technician"}
				</button>
				{onCancel ? (
					<button type="button" class="button-secondary" disabled={form.submitting} onClick={onCancel}>
						Cancel
					</button>
				) : null}
			</div>
		</form>
	);
}
