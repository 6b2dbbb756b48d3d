import type { TargetedSubmitEvent } from "preact";
import { useEffect, useId, useState } from "preact/hooks";
import { t } from "../../shared/i18n/i18n";
import { Button } from "../../shared/ui/Button";
import { DateRangeFields } from "../../shared/ui/DateRangeFields";

type DatedFilters = { from?: string; to?: string };

type Props<F extends DatedFilters> = {
	filters: F;
	onApply: (filters: F) => void;
	/** The words of the estimate list unless given (the invoice list has its own). */
	labels?: { search: string; from: string; to: string; apply: string };
};

/** Dated-between days, applied on submit: estimates, invoices. */
export function EstimateDateFilter<F extends DatedFilters>({ filters, onApply, labels }: Props<F>) {
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

	const words = labels ?? {
		search: t("portal.estimates.filterLabel"),
		from: t("portal.estimates.from"),
		to: t("portal.estimates.to"),
		apply: t("portal.estimates.applyDates"),
	};
	return (
		<search aria-label={words.search}>
			<form class="job-filters" onSubmit={apply}>
				<DateRangeFields
					id={id}
					from={from}
					to={to}
					onFrom={setFrom}
					onTo={setTo}
					fromLabel={words.from}
					toLabel={words.to}
					foldable={false}
				/>
				<Button type="submit" variant="secondary">
					{words.apply}
				</Button>
			</form>
		</search>
	);
}
