import { useId, useState } from "preact/hooks";
import { FormError, SelectField, TextField } from "../../shared/fields";
import { useApiForm } from "../../shared/useApiForm";
import { sendJson } from "../consoleApi";
import { CONTACT_ROLES, type ContactDetail, type ContactRole, ROLE_HINT, ROLE_LABEL } from "./customerTypes";

type Field = "name" | "email" | "phone" | "role";
const FIELDS: Field[] = ["name", "email", "phone", "role"];

type Props = { slug: string; accountId: string; onCreated: (c: ContactDetail) => void };

/** Adds a portal contact to an account; they sign in with this email. */
export function NewContactForm({ slug, accountId, onCreated }: Props) {
	const id = useId();
	const [values, setValues] = useState({ name: "", email: "", phone: "", role: "booker" as ContactRole });
	const form = useApiForm<Field>((f) => FIELDS.find((x) => x === f));
	const set = (field: keyof typeof values, value: string) => setValues({ ...values, [field]: value });

	async function create(event: Event) {
		event.preventDefault();
		const missing: Partial<Record<Field, string>> = {};
		if (!values.name.trim()) missing.name = "Enter a name.";
		if (!values.email.trim()) missing.email = "Enter an email address.";
		if (Object.keys(missing).length) {
			form.showErrors(missing);
			return;
		}
		await form.submit(async () => {
			const contact = await sendJson<ContactDetail>(slug, "/customers/contacts", "POST", {
				accountId,
				...values,
			});
			setValues({ name: "", email: "", phone: "", role: "booker" });
			onCreated(contact);
		});
	}

	return (
		<form ref={form.formRef} class="stack panel" noValidate onSubmit={create}>
			<h2>Add a contact</h2>
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
				id={`${id}-email`}
				label="Email address"
				hint="They sign in to the portal with it."
				type="email"
				required
				spellcheck={false}
				autoCapitalize="none"
				readOnly={form.submitting}
				value={values.email}
				onInput={(e) => set("email", e.currentTarget.value)}
				error={form.errors.email}
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
			<FormError message={form.formError} />
			<button type="submit" disabled={form.submitting}>
				Add contact
			</button>
		</form>
	);
}
