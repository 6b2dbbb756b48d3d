import { useId, useState } from "preact/hooks";
import { uploadImage } from "./consoleApi";
import { ActionError, useStaffAction } from "./staffAction";

const IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp"];

type Props<T> = {
	slug: string;
	/** The API path the image is PUT to, under `/api/d/:slug`. */
	path: string;
	label: string;
	maxBytes: number;
	onSaved: (answer: T) => void;
};

const sizeLabel = (bytes: number) =>
	bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${Math.round(bytes / 1024)} KB`;

/** Uploads one image (a photo, a logo); type and size are checked here first and again by the server. */
export function ImageUpload<T>({ slug, path, label, maxBytes, onSaved }: Props<T>) {
	const id = useId();
	const { pending, error, setError, run } = useStaffAction();
	const [done, setDone] = useState(false);

	async function upload(event: Event) {
		event.preventDefault();
		const input = (event.currentTarget as HTMLFormElement).elements.namedItem("image");
		const file = input instanceof HTMLInputElement ? input.files?.[0] : undefined;
		setDone(false);
		if (!file) return setError(`Choose a file to upload.`);
		if (!IMAGE_TYPES.includes(file.type)) return setError("Upload a PNG, JPEG or WebP image.");
		if (file.size > maxBytes) return setError(`The image is too large; the limit is ${sizeLabel(maxBytes)}.`);
		await run(async () => {
			onSaved(await uploadImage<T>(slug, path, file));
			setDone(true);
		});
	}

	return (
		<form class="stack" noValidate onSubmit={upload}>
			<div class="field">
				<label for={`${id}-image`}>{label}</label>
				<p id={`${id}-hint`} class="field-hint">
					PNG, JPEG or WebP, at most {sizeLabel(maxBytes)}.
				</p>
				<input
					id={`${id}-image`}
					name="image"
					type="file"
					accept={IMAGE_TYPES.join(",")}
					disabled={pending}
					aria-invalid={error ? "true" : undefined}
					aria-describedby={error ? `${id}-error ${id}-hint` : `${id}-hint`}
				/>
				<ActionError id={`${id}-error`} error={error} />
			</div>
			<p class="notice-live" role="status">
				{done ? "Uploaded." : ""}
			</p>
			<button type="submit" class="ui-button ui-button-secondary" disabled={pending}>
				Upload {label.toLowerCase()}
			</button>
		</form>
	);
}
