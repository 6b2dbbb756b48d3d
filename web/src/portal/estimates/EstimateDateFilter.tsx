import type { TargetedSubmitEvent } from "preact";
import { useEffect, useId, useState } from "preact/hooks";
import { TextField } from "../../shared/fields";
import { t } from "../../shared/i18n/i18n";
import { Button } from "../../shared/ui/Button";
import type { EstimateFilters } from "./estimateApi";

type Props = { filters: EstimateFilters; onApply: (filters: EstimateFilters) => void };

/** Sent-between dates, applied on submit. */
export function EstimateDateFilter({ filters, onApply }: Props) {
	const id = useId();
	const [from, setFrom] = useState(filters.from ?? "");
	const [to, setTo] = useState(filters.to ?? "");

	// Follow the URL (a tab, "Clear", back) without remounting, so focus stays where it was.
	useEffect(() => {
		setFrom(filters.from ?? "");
		setTo(filters.to ?? "");
	}, [filters.from, filters.to]);

	function apply(event: TargetedSubmitEvent<HTMLFormElement>) {
		event.preventDefault();
		onApply({ ...filters, from: from || undefined, to: to || undefined });
	}

	return (
		<search aria-label={t("portal.estimates.filterLabel")}>
			<form class="job-filters" onSubmit={apply}>
				<div class="field-pair">
					<TextField
						id={`${id}-from`}
						label={t("portal.estimates.from")}
						type="date"
						value={from}
						max={to || undefined}
						onInput={(e) => setFrom(e.currentTarget.value)}
					/>
					<TextField
						id={`${id}-to`}
						label={t("portal.estimates.to")}
						type="date"
						value={to}
						min={from || undefined}
						onInput={(e) => setTo(e.currentTarget.value)}
					/>
				</div>
				<Button type="submit" variant="secondary">
					{t("portal.estimates.applyDates")}
				</Button>
			</form>
		</search>
	);
}
