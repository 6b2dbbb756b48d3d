import type { TargetedSubmitEvent } from "preact";
import { useEffect, useId, useState } from "preact/hooks";
import { t } from "../../shared/i18n/i18n";
import { Button } from "../../shared/ui/Button";
import { DateRangeFields } from "../../shared/ui/DateRangeFields";
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
				<DateRangeFields
					id={id}
					from={from}
					to={to}
					onFrom={setFrom}
					onTo={setTo}
					fromLabel={t("portal.estimates.from")}
					toLabel={t("portal.estimates.to")}
					foldable={false}
				/>
				<Button type="submit" variant="secondary">
					{t("portal.estimates.applyDates")}
				</Button>
			</form>
		</search>
	);
}
