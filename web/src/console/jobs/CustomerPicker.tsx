import { SelectField, TextField } from "../../shared/fields";
import type { FieldErrors } from "../../shared/useApiForm";
import type { Directory } from "../customers/customerTypes";

/** Who a new job is for: an account's contact, a contact of no account, or a name and email typed in. */
export type CustomerChoice = { accountId: string; contactId: string; name: string; email: string };
export type CustomerField = "customer.accountId" | "customer.contactId" | "customer.name" | "customer.email";
export const CUSTOMER_FIELDS: CustomerField[] = [
	"customer.accountId",
	"customer.contactId",
	"customer.name",
	"customer.email",
];

export const emptyCustomer = (): CustomerChoice => ({ accountId: "", contactId: "", name: "", email: "" });

/** The `customer` of `POST /jobs`: the contact, or the typed name and email (normalized by the server). */
export function customerBody(c: CustomerChoice) {
	if (c.contactId) return { contactId: c.contactId, accountId: c.accountId || null };
	return { accountId: c.accountId || null, name: c.name, email: c.email };
}

type Props = {
	idPrefix: string;
	directory: Directory | undefined;
	value: CustomerChoice;
	errors: FieldErrors<CustomerField>;
	readOnly: boolean;
	onChange: (c: CustomerChoice) => void;
};

const fieldId = (prefix: string, field: CustomerField) => `${prefix}-${field.replace(".", "-")}`;

export function CustomerPicker({ idPrefix, directory, value, errors, readOnly, onChange }: Props) {
	const account = directory?.accounts.find((a) => a.id === value.accountId);
	const contacts = account ? account.contacts : (directory?.unattached ?? []);
	return (
		<fieldset class="booking-section">
			<legend>Customer</legend>
			<SelectField
				id={fieldId(idPrefix, "customer.accountId")}
				label="Account"
				value={value.accountId}
				disabled={readOnly || !directory}
				onChange={(e) => onChange({ ...value, accountId: e.currentTarget.value, contactId: "" })}
				error={errors["customer.accountId"]}
			>
				<option value="">No account (a private customer)</option>
				{directory?.accounts.map((a) => (
					<option key={a.id} value={a.id}>
						{a.name}
					</option>
				))}
			</SelectField>
			<SelectField
				id={fieldId(idPrefix, "customer.contactId")}
				label="Contact"
				hint="They see the job in the portal and get its emails."
				value={value.contactId}
				disabled={readOnly || !directory}
				onChange={(e) => onChange({ ...value, contactId: e.currentTarget.value })}
				error={errors["customer.contactId"]}
			>
				<option value="">Someone else: type a name and email</option>
				{contacts.map((c) => (
					<option key={c.id} value={c.id} disabled={c.blocked}>
						{c.name} — {c.email}
						{c.blocked ? " (blocked)" : ""}
					</option>
				))}
			</SelectField>
			{value.contactId ? null : (
				<div class="field-pair">
					<TextField
						id={fieldId(idPrefix, "customer.name")}
						label="Customer name"
						type="text"
						required
						readOnly={readOnly}
						value={value.name}
						onInput={(e) => onChange({ ...value, name: e.currentTarget.value })}
						error={errors["customer.name"]}
					/>
					<TextField
						id={fieldId(idPrefix, "customer.email")}
						label="Customer email"
						hint="Matched to their portal account however it is capitalised."
						type="email"
						required
						spellcheck={false}
						autoCapitalize="none"
						readOnly={readOnly}
						value={value.email}
						onInput={(e) => onChange({ ...value, email: e.currentTarget.value })}
						error={errors["customer.email"]}
					/>
				</div>
			)}
		</fieldset>
	);
}

export const customerFieldId = fieldId;
