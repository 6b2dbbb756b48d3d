import { useEffect, useId, useRef, useState } from "preact/hooks";
import { sendJson } from "../consoleApi";
import { ActionError, useStaffAction } from "../staffAction";
import type { Contact } from "./customerTypes";

type Props = {
	slug: string;
	contact: Pick<Contact, "id" | "name" | "blocked">;
	onChange: (c: Contact) => void;
};

/**
 * Block / Unblock one customer, after a confirmation that says what it does. Blocking signs
 * them out everywhere at once and refuses sign-in and booking until they are unblocked.
 */
export function BlockSwitch({ slug, contact, onChange }: Props) {
	const id = useId();
	const [confirming, setConfirming] = useState(false);
	const { pending, error, setError, run } = useStaffAction();
	const confirmRef = useRef<HTMLButtonElement>(null);
	const toggleRef = useRef<HTMLButtonElement>(null);
	const action = contact.blocked ? "unblock" : "block";

	useEffect(() => {
		if (confirming) confirmRef.current?.focus();
	}, [confirming]);

	const apply = () =>
		run(async () => {
			const updated = await sendJson<Contact>(
				slug,
				`/customers/contacts/${encodeURIComponent(contact.id)}/${action}`,
				"POST",
			);
			setConfirming(false);
			onChange(updated);
			// The button's name changed (Block ↔ Unblock); it keeps focus.
			requestAnimationFrame(() => toggleRef.current?.focus());
		});

	function cancel() {
		setConfirming(false);
		setError(undefined);
		toggleRef.current?.focus();
	}

	return (
		<div class="block-switch">
			<button
				ref={toggleRef}
				type="button"
				class={contact.blocked ? "ui-button ui-button-secondary" : "ui-button ui-button-danger"}
				aria-expanded={confirming}
				aria-controls={`${id}-confirm`}
				disabled={pending}
				onClick={() => setConfirming(true)}
			>
				{contact.blocked ? "Unblock" : "Block"} {contact.name}
			</button>
			{confirming ? (
				<section id={`${id}-confirm`} class="confirm" aria-labelledby={`${id}-question`}>
					<p id={`${id}-question`}>
						<strong>{contact.blocked ? `Unblock ${contact.name}?` : `Block ${contact.name}?`}</strong>
					</p>
					<p>
						{contact.blocked
							? "They can sign in and book again. Sessions ended by the block do not come back."
							: "They are signed out everywhere at once, their live views close, and they cannot sign in or book until you unblock them."}
					</p>
					<ActionError error={error} />
					<div class="actions">
						<button
							ref={confirmRef}
							type="button"
							class={contact.blocked ? "ui-button ui-button-primary" : "ui-button ui-button-danger"}
							disabled={pending}
							onClick={() => void apply()}
						>
							{contact.blocked ? "Yes, unblock" : "Yes, block"}
						</button>
						<button type="button" class="ui-button ui-button-secondary" disabled={pending} onClick={cancel}>
							Cancel
						</button>
					</div>
				</section>
			) : null}
		</div>
	);
}
