import { Send } from "lucide";
import type { TargetedEvent, TargetedSubmitEvent } from "preact";
import { useId, useRef, useState } from "preact/hooks";
import { Field, FormError, TextAreaField } from "../../shared/fields";
import { errorText } from "../../shared/i18n/errors";
import { t } from "../../shared/i18n/i18n";
import { Button } from "../../shared/ui/Button";
import { Card } from "../../shared/ui/Card";
import { useApiForm } from "../../shared/useApiForm";
import { addJobNote, addJobPhoto } from "./jobChangesApi";

type AdditionField = "text" | "photo";
const fieldFor = (issue: string): AdditionField | undefined => (issue === "text" ? "text" : undefined);

/** Photos the server stores: PNG, JPEG or WebP, at most 5 MB. */
const PHOTO_TYPES = ["image/png", "image/jpeg", "image/webp"];
const PHOTO_MAX_BYTES = 5 * 1024 * 1024;

type Props = { slug: string; jobId: string; tenantName: string; onAdded: () => void };

/**
 * A note and a photo for the job before the visit; the dispatcher is alerted. What was typed
 * stays when sending fails, the message beside the field it is about.
 */
export function JobAdditions({ slug, jobId, tenantName, onAdded }: Props) {
	const id = useId();
	const [text, setText] = useState("");
	const [photo, setPhoto] = useState<File | null>(null);
	const [sent, setSent] = useState(false);
	const photoInput = useRef<HTMLInputElement>(null);
	const form = useApiForm<AdditionField>(fieldFor);

	function pick(event: TargetedEvent<HTMLInputElement>) {
		const file = event.currentTarget.files?.[0] ?? null;
		setSent(false);
		if (file && (!PHOTO_TYPES.includes(file.type) || file.size > PHOTO_MAX_BYTES)) {
			event.currentTarget.value = "";
			setPhoto(null);
			return form.showErrors({ photo: t("portal.quote.photoRefused", { name: file.name }) });
		}
		setPhoto(file);
	}

	async function send(event: TargetedSubmitEvent<HTMLFormElement>) {
		event.preventDefault();
		setSent(false);
		if (!text.trim() && !photo) return form.showErrors({ text: t("portal.additions.empty") });
		await form.submit(async () => {
			if (text.trim()) {
				await addJobNote(slug, jobId, text);
				setText("");
			}
			if (photo) {
				try {
					await addJobPhoto(slug, jobId, photo);
				} catch (err) {
					// The note (if any) went; what is left to fix is the photo.
					form.showErrors({ photo: errorText(err) });
					onAdded();
					return;
				}
				setPhoto(null);
				if (photoInput.current) photoInput.current.value = "";
			}
			setSent(true);
			onAdded();
		});
	}

	return (
		<Card as="section" aria-labelledby={`${id}-heading`}>
			<h2 id={`${id}-heading`} class="card-title">
				{t("portal.additions.heading")}
			</h2>
			<p class="muted">{t("portal.additions.intro", { tenant: tenantName })}</p>
			<form ref={form.formRef} class="job-additions" noValidate onSubmit={send}>
				<FormError message={form.formError} />
				<TextAreaField
					id={`${id}-text`}
					label={t("portal.additions.note")}
					rows={3}
					maxLength={2000}
					readOnly={form.submitting}
					value={text}
					onInput={(e) => {
						setText(e.currentTarget.value);
						setSent(false);
					}}
					error={form.errors.text}
				/>
				<Field
					id={`${id}-photo`}
					label={t("form.optional", { label: t("portal.additions.photo") })}
					hint={t("portal.additions.photoHint")}
					error={form.errors.photo}
				>
					{(control) => (
						<input
							{...control}
							ref={photoInput}
							class="field-input"
							type="file"
							accept={PHOTO_TYPES.join(",")}
							disabled={form.submitting}
							onChange={pick}
						/>
					)}
				</Field>
				<Button type="submit" icon={Send} disabled={form.submitting}>
					{form.submitting ? t("portal.additions.sending") : t("portal.additions.submit")}
				</Button>
				{sent ? (
					<p class="notice notice-ok" role="status">
						{t("portal.additions.sent", { tenant: tenantName })}
					</p>
				) : null}
			</form>
		</Card>
	);
}
