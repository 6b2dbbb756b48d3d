import { Upload } from "lucide";
import { useEffect, useState } from "preact/hooks";
import { SelectField } from "../../../shared/fields";
import { t } from "../../../shared/i18n/i18n";
import { Button } from "../../../shared/ui/Button";
import { Card } from "../../../shared/ui/Card";
import { ErrorState } from "../../../shared/ui/ErrorState";
import { Skeleton } from "../../../shared/ui/Skeleton";
import { DataTable } from "../../DataTable";
import { Tag } from "../../Tag";
import {
	type CustomerImport,
	fetchPreview,
	type ImportPreview,
	OUTCOMES,
	type Outcome,
	type RowPreview,
} from "./importApi";
import { OutcomeCounts } from "./OutcomeCounts";

const TONE: Record<Outcome, "success" | "info" | "neutral" | "danger"> = {
	new: "success",
	updated: "info",
	duplicate: "neutral",
	error: "danger",
};

/** Why a row comes to what it does, in the page's language. */
export function reasonText(row: RowPreview): string {
	const r = row.reason;
	if (!r) return "";
	if (r.code === "same_email_as_line") return t("import.reason.sameEmail", { line: r.line ?? 0 });
	if (r.code === "unknown_role") return t("import.reason.unknownRole", { value: r.value ?? "" });
	if (r.code === "too_long") return t("import.reason.tooLong", { field: r.field ?? "name", max: r.max ?? 0 });
	if (r.code === "bad_email") return t("import.reason.badEmail", { value: r.value ?? "" });
	if (r.code === "changes") return t("import.reason.changes", { fields: (r.fields ?? []).join(" + ") });
	return t("import.reason", { code: r.code });
}

/** Step 3: every row's outcome, with counts and a filter; nothing is written until "Import". */
export function PreviewStep({
	slug,
	mapped,
	onBack,
	onImport,
	importing,
}: {
	slug: string;
	mapped: CustomerImport;
	onBack: () => void;
	onImport: () => void;
	importing: boolean;
}) {
	const [outcome, setOutcome] = useState<Outcome | undefined>();
	const [preview, setPreview] = useState<ImportPreview>();
	const [rows, setRows] = useState<RowPreview[]>([]);
	const [error, setError] = useState<string>();
	const [loading, setLoading] = useState(true);

	async function load(offset: number) {
		setLoading(true);
		setError(undefined);
		try {
			const page = await fetchPreview(slug, mapped.id, outcome, offset);
			setPreview(page);
			setRows((r) => (offset === 0 ? page.rows : [...r, ...page.rows]));
		} catch (err) {
			setError(err instanceof Error ? err.message : String(err));
		} finally {
			setLoading(false);
		}
	}
	useEffect(() => void load(0), [outcome, mapped.id]);

	const writable = preview ? preview.counts.new + preview.counts.updated : 0;
	return (
		<Card as="section" class="import-step" aria-labelledby="import-preview-heading">
			<h2 id="import-preview-heading">{t("import.preview.heading")}</h2>
			<p class="import-hint">{t("import.preview.intro")}</p>
			{preview ? <OutcomeCounts counts={preview.counts} /> : <Skeleton height="3rem" />}
			<div class="import-filter">
				<SelectField
					id="import-outcome"
					label={t("import.preview.filter")}
					value={outcome ?? ""}
					onChange={(e) => setOutcome((e.currentTarget.value as Outcome) || undefined)}
				>
					<option value="">{t("import.preview.everyRow")}</option>
					{OUTCOMES.map((o) => (
						<option key={o} value={o}>
							{t("import.outcome", { outcome: o })}
						</option>
					))}
				</SelectField>
			</div>
			{error ? (
				<ErrorState title={t("import.preview.failed")} message={error} onRetry={() => void load(0)} />
			) : (
				<DataTable
					columns={[
						t("import.col.line"),
						t("import.col.outcome"),
						t("import.col.email"),
						t("import.col.name"),
						t("import.col.account"),
						t("import.col.reason"),
					]}
					caption={
						preview
							? t("import.preview.showing", { shown: rows.length, matching: preview.matching })
							: undefined
					}
					busy={loading}
					class="import-table"
				>
					{rows.map((row) => (
						<tr key={row.line}>
							<td>{row.line}</td>
							<td>
								<Tag tone={TONE[row.outcome]}>{t("import.outcome", { outcome: row.outcome })}</Tag>
							</td>
							<td class="import-email">{row.email}</td>
							<td>{row.name}</td>
							<td>{row.account ?? ""}</td>
							<td>{reasonText(row)}</td>
						</tr>
					))}
				</DataTable>
			)}
			{preview && rows.length < preview.matching ? (
				<Button variant="secondary" disabled={loading} onClick={() => void load(rows.length)}>
					{t("import.preview.more")}
				</Button>
			) : null}
			<div class="import-actions">
				<Button variant="secondary" onClick={onBack} disabled={importing}>
					{t("import.preview.back")}
				</Button>
				<Button icon={Upload} onClick={onImport} disabled={importing || !preview || writable === 0}>
					{importing ? t("import.preview.starting") : t("import.preview.import", { rows: writable })}
				</Button>
			</div>
		</Card>
	);
}
