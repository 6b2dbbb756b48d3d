import { useId, useState } from "preact/hooks";
import { FormError, SelectField, TextField } from "../../shared/fields";
import { useApiForm } from "../../shared/useApiForm";
import { sendJson } from "../consoleApi";
import {
	CONTACT_ROLES,
	type Contact,
	type ContactDetail,
	type ContactRole,
	ROLE_HINT,
	ROLE_LABEL,
} from "./customerTypes";

type Field = "name" | "phone" | "role" | "locationId";
const FIELDS: Field[] = ["name", "phone", "role", "locationId"];

type Props = {
	slug: string;
	contact: ContactDetail;
	locations: Array<{ id: string; name: string }>;
	onSaved: (c: Contact) => void;
};

/** A contact's name, phone, role and location (branch) within their account. */
export function EditContactForm({ slug, contact, locations, onSaved }: Props) {
	const id = useId();
	const [values, setValues] = useState({
		name: contact.name,
		phone: contact.phone ?? "",
		role: contact.role,
		locationId: contact.locationId ?? "",
	});
	const [saved, setSaved] = useState(false);
	const form = useApiForm<Field>((f) => FIELDS.find((x) => x === f));
	const set = (field: keyof typeof values, value: string) => {
		setSaved(false);
		setValues({ ...values, [field]: value });
	};

	async function save(event: Event) {
		event.preventDefault();
		if (!values.name.trim()) {
			form.showErrors({ name: "Enter a name." });
			return;
		}
		await form.submit(async () => {
			const updated = await sendJson<Contact>(
				slug,
				`/customers/contacts/${encodeURIComponent(contact.id)}`,
				"PATCH",
				{
					name: values.name,
					phone: values.phone,
					role: values.role as ContactRole,
					locationId: contact.accountId ? values.locationId || null : undefined,
				},
			);
			setSaved(true);
			onSaved(updated);
		});
	}

	return (
		<form ref={form.formRef} class="stack panel" noValidate onSubmit={save}>
			<h2>Edit contact</h2>
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
			<TextField
				id={`${id}-phone`}
				label="Phone (optional)"
				type="tel"
				readOnly={form.submitting}
				value={values.phone}
				onInput={(e) => set("phone", e.currentTarget.value)}
				error={form.errors.phone}
			/>
			<SelectField
				id={`${id}-role`}
				label="Role"
				hint={ROLE_HINT[values.role]}
				value={values.role}
				disabled={form.submitting}
				onChange={(e) => set("role", e.currentTarget.value)}
				error={form.errors.role}
			>
				{CONTACT_ROLES.map((r) => (
					<option key={r} value={r}>
						{ROLE_LABEL[r]}
					</option>
				))}
			</SelectField>
			{contact.accountId ? (
				<SelectField
					id={`${id}-location`}
					label="Location"
					hint="Bookers see the jobs of their location."
					value={values.locationId}
					disabled={form.submitting}
					onChange={(e) => set("locationId", e.currentTarget.value)}
					error={form.errors.locationId}
				>
					<option value="">No location</option>
					{locations.map((l) => (
						<option key={l.id} value={l.id}>
							{l.name}
						</option>
					))}
				</SelectField>
			) : null}
			<FormError message={form.formError} />
			<p class="notice-live" role="status">
				{saved ? "Saved." : ""}
			</p>
			<button type="submit" disabled={form.submitting}>
				Save contact
			</button>
		</form>
	);
}
