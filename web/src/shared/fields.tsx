import type {
	ComponentChildren,
	InputHTMLAttributes,
	PartialInputHTMLAttributes,
	Ref,
	SelectHTMLAttributes,
	TextareaHTMLAttributes,
} from "preact";

/** What a field's control needs to be tied to its label, hint and error. */
type ControlProps = { id: string; "aria-invalid"?: "true"; "aria-describedby"?: string };

type FrameProps = {
	id: string;
	label: string;
	/** Shown under the label, announced with the field. */
	hint?: string;
	/** Shown beside the field and announced with it; marks the field invalid. */
	error?: string;
	children: (control: ControlProps) => ComponentChildren;
};

/** A label, hint and error around one control, tied to it by aria-describedby and aria-invalid. */
export function Field({ id, label, hint, error, children }: FrameProps) {
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
			{children({
				id,
				"aria-invalid": error ? "true" : undefined,
				"aria-describedby": describedBy || undefined,
			})}
			{error ? (
				<p id={errorId} class="field-error">
					{error}
				</p>
			) : null}
		</div>
	);
}

type Labelled = { id: string; label: string; hint?: string; error?: string };
type Owned = "id" | "class" | "className" | "role" | "type" | "list" | "aria-describedby" | "aria-invalid";

type TextFieldType = "email" | "text" | "tel" | "search" | "date" | "datetime-local";
type InputAttributes = Omit<PartialInputHTMLAttributes<HTMLInputElement>, Owned>;

/** Narrowed per type so the attributes match one member of the <input> attribute union. */
function typedInput(input: InputAttributes, type: TextFieldType): InputHTMLAttributes<HTMLInputElement> {
	switch (type) {
		case "email":
			return { ...input, type };
		case "tel":
			return { ...input, type };
		case "search":
			return { ...input, type };
		case "date":
		case "datetime-local":
			return { ...input, type };
		default:
			return { ...input, type: "text" };
	}
}

/** A labelled input with its hint and error tied to it. */
export function TextField({
	id,
	label,
	hint,
	error,
	type,
	...input
}: InputAttributes & Labelled & { type: TextFieldType; ref?: Ref<HTMLInputElement> }) {
	return (
		<Field id={id} label={label} hint={hint} error={error}>
			{(control) => <input {...typedInput(input, type)} {...control} class="field-input" />}
		</Field>
	);
}

type TextAreaAttributes = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, Owned>;

/** A labelled multi-line text box. */
export function TextAreaField({ id, label, hint, error, ...textarea }: TextAreaAttributes & Labelled) {
	return (
		<Field id={id} label={label} hint={hint} error={error}>
			{(control) => <textarea rows={3} {...textarea} {...control} class="field-input field-textarea" />}
		</Field>
	);
}

type SelectAttributes = Omit<SelectHTMLAttributes<HTMLSelectElement>, Owned | "multiple" | "size">;

/** A labelled drop-down; its options are the children. */
export function SelectField({
	id,
	label,
	hint,
	error,
	children,
	...select
}: SelectAttributes & Labelled & { children: ComponentChildren }) {
	return (
		<Field id={id} label={label} hint={hint} error={error}>
			{(control) => (
				<select {...select} {...control} class="field-input">
					{children}
				</select>
			)}
		</Field>
	);
}

/** The message for a whole form (not one field), announced when it appears. */
export function FormError({ message }: { message: string | undefined }) {
	if (!message) return null;
	return (
		<p class="notice notice-error" role="alert">
			{message}
		</p>
	);
}
