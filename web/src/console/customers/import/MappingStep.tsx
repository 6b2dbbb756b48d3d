import { ArrowRight } from "lucide";
import { useState } from "preact/hooks";
import { ApiError } from "../../../shared/api";
import { FormError, SelectField } from "../../../shared/fields";
import { t } from "../../../shared/i18n/i18n";
import { Button } from "../../../shared/ui/Button";
import { Card } from "../../../shared/ui/Card";
import { type CustomerImport, IMPORT_FIELDS, type ImportFieldName, saveMapping } from "./importApi";

/** Step 2: each column of the file with the field it fills (guessed, or remembered from last time). */
export function MappingStep({
	slug,
	upload,
	onMapped,
}: {
	slug: string;
	upload: CustomerImport;
	onMapped: (mapped: CustomerImport) => void;
}) {
	const [mapping, setMapping] = useState<Array<ImportFieldName | null>>(upload.mapping);
	const [busy, setBusy] = useState(false);
	const [errors, setErrors] = useState<Record<string, string>>({});
	const [formError, setFormError] = useState<string>();

	async function submit(event: Event) {
		event.preventDefault();
		setBusy(true);
		setErrors({});
		setFormError(undefined);
		try {
			onMapped(await saveMapping(slug, upload.id, mapping));
		} catch (err) {
			const issues = err instanceof ApiError ? err.issues : [];
			setErrors(Object.fromEntries(issues.map((i) => [i.field, i.message])));
			setFormError(
				issues.length
					? (issues.find((i) => i.field === "mapping")?.message ?? t("import.mapping.fix"))
					: String(err instanceof Error ? err.message : err),
			);
		} finally {
			setBusy(false);
		}
	}

	return (
		<Card as="section" class="import-step" aria-labelledby="import-mapping-heading">
			<h2 id="import-mapping-heading">{t("import.mapping.heading")}</h2>
			<p class="import-hint">{t("import.mapping.intro", { rows: upload.rowCount, file: upload.fileName })}</p>
			<form onSubmit={submit} noValidate>
				<FormError message={formError} />
				<ol class="import-columns">
					{upload.headers.map((header, i) => (
						<li key={`${i}-${header}`} class="import-column">
							<SelectField
								id={`import-col-${i}`}
								label={header}
								hint={sampleOf(upload, i)}
								error={errors[`mapping.${i}`]}
								value={mapping[i] ?? ""}
								onChange={(e) => {
									const value = e.currentTarget.value as ImportFieldName | "";
									setMapping((m) => m.map((f, j) => (j === i ? value || null : f)));
								}}
							>
								<option value="">{t("import.field.ignore")}</option>
								{IMPORT_FIELDS.map((f) => (
									<option key={f} value={f}>
										{t("import.field", { field: f })}
									</option>
								))}
							</SelectField>
						</li>
					))}
				</ol>
				<div class="import-actions">
					<Button type="submit" icon={ArrowRight} disabled={busy}>
						{busy ? t("import.mapping.checking") : t("import.mapping.submit")}
					</Button>
				</div>
			</form>
		</Card>
	);
}

function sampleOf(upload: CustomerImport, column: number): string {
	const values = upload.sampleRows.map((r) => r[column] ?? "").filter((v) => v.trim() !== "");
	return values.length
		? t("import.mapping.sample", { values: values.slice(0, 2).join(" · ") })
		: t("import.mapping.noSample");
}
