import { FileSpreadsheet } from "lucide";
import { useState } from "preact/hooks";
import { ApiError } from "../../../shared/api";
import { Field, FormError } from "../../../shared/fields";
import { t } from "../../../shared/i18n/i18n";
import { Button } from "../../../shared/ui/Button";
import { Card } from "../../../shared/ui/Card";
import { type CustomerImport, IMPORT_MAX_BYTES, uploadImportFile } from "./importApi";

/** Step 1: choose the CSV or Excel file; the server reads it and guesses the columns. */
export function UploadStep({
	slug,
	onUploaded,
}: {
	slug: string;
	onUploaded: (upload: CustomerImport) => void;
}) {
	const [file, setFile] = useState<File | null>(null);
	const [error, setError] = useState<string>();
	const [busy, setBusy] = useState(false);

	async function submit(event: Event) {
		event.preventDefault();
		if (!file) return setError(t("import.upload.choose"));
		if (file.size > IMPORT_MAX_BYTES) return setError(t("import.upload.tooLarge"));
		setBusy(true);
		setError(undefined);
		try {
			onUploaded(await uploadImportFile(slug, file));
		} catch (err) {
			const issue = err instanceof ApiError ? err.issues.find((i) => i.field === "file") : undefined;
			setError(issue?.message ?? (err instanceof Error ? err.message : String(err)));
		} finally {
			setBusy(false);
		}
	}

	return (
		<Card as="section" class="import-step" aria-labelledby="import-upload-heading">
			<h2 id="import-upload-heading">{t("import.upload.heading")}</h2>
			<p class="import-hint">{t("import.upload.intro")}</p>
			<form onSubmit={submit} noValidate>
				<FormError message={undefined} />
				<Field id="import-file" label={t("import.upload.label")} hint={t("import.upload.hint")} error={error}>
					{(control) => (
						<input
							{...control}
							type="file"
							name="file"
							class="field-input import-file"
							accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
							onChange={(e) => {
								setFile(e.currentTarget.files?.[0] ?? null);
								setError(undefined);
							}}
						/>
					)}
				</Field>
				<div class="import-actions">
					<Button type="submit" icon={FileSpreadsheet} disabled={busy}>
						{busy ? t("import.upload.reading") : t("import.upload.submit")}
					</Button>
				</div>
			</form>
		</Card>
	);
}
