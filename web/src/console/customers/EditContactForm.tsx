import { useId, useState } from "preact/hooks";
import { SelectField } from "../../shared/fields";
import { useApiForm } from "../../shared/useApiForm";
import { sendJson } from "../consoleApi";
import { FormFooter } from "../FormFooter";
import { missingPersonFields, PersonFields } from "../PersonFields";
import { ContactRoleField } from "./ContactRoleField";
import type { Contact, ContactDetail } from "./customerTypes";

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
	const set = (change: Partial<typeof values>) => {
		setSaved(false);
		setValues({ ...values, ...change });
	};

	async function save(event: Event) {
		event.preventDefault();
		const missing = missingPersonFields({ name: values.name });
		if (Object.keys(missing).length) return form.showErrors(missing);
		await form.submit(async () => {
			const updated = await sendJson<Contact>(
				slug,
				`/customers/contacts/${encodeURIComponent(contact.id)}`,
				"PATCH",
				{
					name: values.name,
					phone: values.phone,
					role: values.role,
					locationId: contact.accountId ? values.locationId || null : undefined,
				},
			);
			setSaved(true);
			onSaved(updated);
		});
	}

	return (
		<form ref={form.formRef} class="panel" noValidate onSubmit={save}>
			<h2>Edit contact</h2>
			<PersonFields
				id={id}
				values={values}
				errors={form.errors}
				submitting={form.submitting}
				onInput={(field, value) => set({ [field]: value })}
			/>
			<ContactRoleField
				id={`${id}-role`}
				role={values.role}
				error={form.errors.role}
				disabled={form.submitting}
				onChange={(role) => set({ role })}
			/>
			{contact.accountId ? (
				<SelectField
					id={`${id}-location`}
					label="Location"
					hint="Bookers see the jobs of their location."
					value={values.locationId}
					disabled={form.submitting}
					onChange={(e) => set({ locationId: e.currentTarget.value })}
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
			<FormFooter
				error={form.formError}
				submitting={form.submitting}
				label="Save contact"
				status={saved ? "Saved." : ""}
			/>
		</form>
	);
}
