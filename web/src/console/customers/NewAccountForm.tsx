import { useId, useState } from "preact/hooks";
import { SelectField, TextField } from "../../shared/fields";
import { useApiForm } from "../../shared/useApiForm";
import { sendJson } from "../consoleApi";
import { FormFooter } from "../FormFooter";
import type { Account } from "./customerTypes";

type Field = "name" | "kind" | "phone";
const FIELDS: Field[] = ["name", "kind", "phone"];

/** Adds a customer account (a company or a household). */
export function NewAccountForm({ slug, onCreated }: { slug: string; onCreated: (a: Account) => void }) {
	const id = useId();
	const [name, setName] = useState("");
	const [kind, setKind] = useState<Account["kind"]>("commercial");
	const [phone, setPhone] = useState("");
	const form = useApiForm<Field>((f) => FIELDS.find((x) => x === f));

	async function create(event: Event) {
		event.preventDefault();
		if (!name.trim()) {
			form.showErrors({ name: "Enter a name." });
			return;
		}
		await form.submit(async () => {
			const account = await sendJson<Account>(slug, "/customers/accounts", "POST", { name, kind, phone });
			setName("");
			setPhone("");
			onCreated(account);
		});
	}

	return (
		<form ref={form.formRef} class="panel" noValidate onSubmit={create}>
			<h2>Add an account</h2>
			<TextField
				id={`${id}-name`}
				label="Account name"
				type="text"
				required
				readOnly={form.submitting}
				value={name}
				onInput={(e) => setName(e.currentTarget.value)}
				error={form.errors.name}
			/>
			<SelectField
				id={`${id}-kind`}
				label="Kind"
				value={kind}
				disabled={form.submitting}
				onChange={(e) => setKind(e.currentTarget.value === "residential" ? "residential" : "commercial")}
				error={form.errors.kind}
			>
				<option value="commercial">Commercial</option>
				<option value="residential">Residential</option>
			</SelectField>
			<TextField
				id={`${id}-phone`}
				label="Phone (optional)"
				type="tel"
				readOnly={form.submitting}
				value={phone}
				onInput={(e) => setPhone(e.currentTarget.value)}
				error={form.errors.phone}
			/>
			<FormFooter error={form.formError} submitting={form.submitting} label="Add account" />
		</form>
	);
}
