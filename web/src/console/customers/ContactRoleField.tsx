import { SelectField } from "../../shared/fields";
import { CONTACT_ROLES, type ContactRole, ROLE_HINT, ROLE_LABEL } from "./customerTypes";

type Props = {
	id: string;
	role: ContactRole;
	error: string | undefined;
	disabled: boolean;
	onChange: (role: ContactRole) => void;
};

/** A contact's role in their account, with what the chosen role may do as the hint. */
export function ContactRoleField({ id, role, error, disabled, onChange }: Props) {
	return (
		<SelectField
			id={id}
			label="Role"
			hint={ROLE_HINT[role]}
			value={role}
			disabled={disabled}
			onChange={(e) => onChange(CONTACT_ROLES.find((r) => r === e.currentTarget.value) ?? role)}
			error={error}
		>
			{CONTACT_ROLES.map((r) => (
				<option key={r} value={r}>
					{ROLE_LABEL[r]}
				</option>
			))}
		</SelectField>
	);
}
