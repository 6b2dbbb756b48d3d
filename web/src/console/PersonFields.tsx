import { TextField } from "../shared/fields";
import type { FieldErrors } from "../shared/useApiForm";

type PersonField = "name" | "email" | "phone";

type PersonValues = { name: string; email?: string; phone?: string };

type Props = {
	/** Prefix of the controls' ids. */
	id: string;
	values: PersonValues;
	errors: FieldErrors<PersonField>;
	submitting: boolean;
	onInput: (field: PersonField, value: string) => void;
	/** Where they sign in with their email, for its hint; absent: no email field (it cannot change). */
	signsInTo?: string;
};

/**
 * Name, email address and phone of a contact, technician or staff member, in that order; the
 * phone shows when `values` has one.
 */
export function PersonFields({ id, values, errors, submitting, onInput, signsInTo }: Props) {
	return (
		<>
			<TextField
				id={`${id}-name`}
				label="Name"
				type="text"
				required
				readOnly={submitting}
				value={values.name}
				onInput={(e) => onInput("name", e.currentTarget.value)}
				error={errors.name}
			/>
			{signsInTo === undefined ? null : (
				<TextField
					id={`${id}-email`}
					label="Email address"
					hint={`They sign in to ${signsInTo} with it.`}
					type="email"
					required
					spellcheck={false}
					autoCapitalize="none"
					readOnly={submitting}
					value={values.email ?? ""}
					onInput={(e) => onInput("email", e.currentTarget.value)}
					error={errors.email}
				/>
			)}
			{values.phone === undefined ? null : (
				<TextField
					id={`${id}-phone`}
					label="Phone (optional)"
					type="tel"
					readOnly={submitting}
					value={values.phone}
					onInput={(e) => onInput("phone", e.currentTarget.value)}
					error={errors.phone}
				/>
			)}
		</>
	);
}

/** "Enter a name." / "Enter an email address." for what is blank; an absent email is not asked for. */
export function missingPersonFields(values: { name: string; email?: string }): FieldErrors<"name" | "email"> {
	const missing: FieldErrors<"name" | "email"> = {};
	if (!values.name.trim()) missing.name = "Enter a name.";
	if (values.email !== undefined && !values.email.trim()) missing.email = "Enter an email address.";
	return missing;
}
