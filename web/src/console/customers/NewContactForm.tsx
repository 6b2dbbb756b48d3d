import { useId, useState } from "preact/hooks";
import { useApiForm } from "../../shared/useApiForm";
import { sendJson } from "../consoleApi";
import { FormFooter } from "../FormFooter";
import { missingPersonFields, PersonFields } from "../PersonFields";
import { ContactRoleField } from "./ContactRoleField";
import type { ContactDetail, ContactRole } from "./customerTypes";

type Field = "name" | "email" | "phone" | "role";
const FIELDS: Field[] = ["name", "email", "phone", "role"];

type Props = { slug: string; accountId: string; onCreated: (c: ContactDetail) => void };

const EMPTY = { name: "", email: "", phone: "", role: "booker" as ContactRole };

/** Adds a portal contact to an account; they sign in with this email. */
export function NewContactForm({ slug, accountId, onCreated }: Props) {
	const id = useId();
	const [values, setValues] = useState(EMPTY);
	const form = useApiForm<Field>((f) => FIELDS.find((x) => x === f));

	async function create(event: Event) {
		event.preventDefault();
		const missing = missingPersonFields(values);
		if (Object.keys(missing).length) return form.showErrors(missing);
		await form.submit(async () => {
			const contact = await sendJson<ContactDetail>(slug, "/customers/contacts", "POST", {
				accountId,
				...values,
			});
			setValues(EMPTY);
			onCreated(contact);
		});
	}

	return (
		<form ref={form.formRef} class="panel" noValidate onSubmit={create}>
			<h2>Add a contact</h2>
			<PersonFields
				id={id}
				values={values}
				errors={form.errors}
				submitting={form.submitting}
				onInput={(field, value) => setValues({ ...values, [field]: value })}
				signsInTo="the portal"
			/>
			<ContactRoleField
				id={`${id}-role`}
				role={values.role}
				error={form.errors.role}
				disabled={form.submitting}
				onChange={(role) => setValues({ ...values, role })}
			/>
			<FormFooter error={form.formError} submitting={form.submitting} label="Add contact" />
		</form>
	);
}
