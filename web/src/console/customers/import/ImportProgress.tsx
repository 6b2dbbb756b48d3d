import { t } from "../../../shared/i18n/i18n";
import { Card } from "../../../shared/ui/Card";
import type { CustomerImport } from "./importApi";

/** Step 4: rows written of the file's total, read again every second by the page. */
export function ImportProgress({ running }: { running: CustomerImport }) {
	const { done, total } = running.progress;
	return (
		<Card as="section" class="import-step" aria-labelledby="import-progress-heading">
			<h2 id="import-progress-heading">{t("import.progress.heading")}</h2>
			<progress class="import-progress" max={total} value={done} aria-labelledby="import-progress-words" />
			<p id="import-progress-words" role="status" class="import-hint">
				{t("import.progress.rows", { done, total })}
			</p>
			<p class="import-hint">{t("import.progress.leave")}</p>
		</Card>
	);
}
