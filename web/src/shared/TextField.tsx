import type { InputHTMLAttributes, PartialInputHTMLAttributes, Ref } from "preact";

type InputAttributes = Omit<
	PartialInputHTMLAttributes<HTMLInputElement>,
	"id" | "class" | "className" | "role" | "type" | "list" | "aria-describedby" | "aria-invalid"
>;

type Props = InputAttributes & {
	id: string;
	type: "email" | "text";
	ref?: Ref<HTMLInputElement>;
	label: string;
	/** Shown under the label, announced with the field. */
	hint?: string;
	/** Shown beside the field and announced with it; marks the field invalid. */
	error?: string;
};

/** A labelled input with its hint and error tied to it (aria-describedby, aria-invalid). */
export function TextField({ id, label, hint, error, type, ...input }: Props) {
	// Narrowed per type so the attributes match one member of the <input> attribute union.
	const typed: InputHTMLAttributes<HTMLInputElement> =
		type === "email" ? { ...input, type: "email" } : { ...input, type: "text" };
	const hintId = `${id}-hint`;
	const errorId = `${id}-error`;
	const describedBy = [error ? errorId : "", hint ? hintId : ""].filter(Boolean).join(" ");
	return (
		<div class="field">
			<label for={id}>{label}</label>
			{hint ? (
				<p id={hintId} class="field-hint">
					{hint}
				</p>
			) : null}
			<input
				{...typed}
				id={id}
				class="field-input"
				aria-invalid={error ? "true" : undefined}
				aria-describedby={describedBy || undefined}
			/>
			{error ? (
				<p id={errorId} class="field-error">
					{error}
				</p>
			) : null}
		</div>
	);
}
