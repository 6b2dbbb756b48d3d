import { t } from "../../../shared/i18n/i18n";
import { OUTCOMES } from "./importApi";

/** The four outcomes with how many rows each, as a list a screen reader reads in one go. */
export function OutcomeCounts({
	counts,
}: {
	counts: Record<"new" | "updated" | "duplicate" | "error", number>;
}) {
	return (
		<ul class="import-counts" aria-label={t("import.counts.label")}>
			{OUTCOMES.map((o) => (
				<li key={o} class={`import-count import-count-${o}`}>
					<strong>{counts[o].toLocaleString()}</strong>
					<span>{t("import.outcome", { outcome: o })}</span>
				</li>
			))}
		</ul>
	);
}
