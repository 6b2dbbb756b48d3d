import type { TargetedSubmitEvent } from "preact";
import { useEffect, useId, useState } from "preact/hooks";
import { TextField } from "../../shared/fields";
import { t } from "../../shared/i18n/i18n";
import { DateRangeFields } from "../../shared/ui/DateRangeFields";
import type { JobFilters } from "../customerApi";

type Props = { filters: JobFilters; onApply: (filters: JobFilters) => void };

/** Booked-between dates and a search over reference, job number and address; applied on submit. */
export function JobFilterForm({ filters, onApply }: Props) {
	const id = useId();
	const [from, setFrom] = useState(filters.from ?? "");
	const [to, setTo] = useState(filters.to ?? "");
	const [q, setQ] = useState(filters.q ?? "");

	// Follow the URL (a tab, "Clear", back) without remounting, so focus stays where it was.
	useEffect(() => {
		setFrom(filters.from ?? "");
		setTo(filters.to ?? "");
		setQ(filters.q ?? "");
	}, [filters.from, filters.to, filters.q]);

	function apply(event: TargetedSubmitEvent<HTMLFormElement>) {
		event.preventDefault();
		onApply({ ...filters, from: from || undefined, to: to || undefined, q: q.trim() || undefined });
	}

	return (
		<search aria-label={t("portal.filters.label")}>
			<form class="job-filters" onSubmit={apply}>
				<TextField
					id={`${id}-q`}
					label={t("portal.filters.search")}
					hint={t("portal.filters.searchHint")}
					type="search"
					value={q}
					onInput={(e) => setQ(e.currentTarget.value)}
				/>
				<DateRangeFields
					id={id}
					from={from}
					to={to}
					onFrom={setFrom}
					onTo={setTo}
					fromLabel={t("portal.filters.from")}
					toLabel={t("portal.filters.to")}
				/>
				<button type="submit">{t("portal.filters.search")}</button>
			</form>
		</search>
	);
}
