import { FormError } from "../shared/fields";

type FooterProps = {
	/** The message for the whole form. */
	error: string | undefined;
	submitting: boolean;
	label: string;
	/** What the last save did, announced; absent: the form has no such line. */
	status?: string;
};

/** The end of a console form: its message, what the save did, and the submit button. */
export function FormFooter({ error, submitting, label, status }: FooterProps) {
	return (
		<>
			<FormError message={error} />
			{status === undefined ? null : (
				<p class="notice-live" role="status">
					{status}
				</p>
			)}
			<button class="ui-button ui-button-primary" type="submit" disabled={submitting}>
				{label}
			</button>
		</>
	);
}
