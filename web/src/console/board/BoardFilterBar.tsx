import { X } from "lucide";
import { Icon } from "../../shared/ui/Icon";
import type { BoardTechnician } from "./boardFeed";
import { type BoardFilters, filtersQuery, hasFilters, KIND_LABEL, NOBODY } from "./boardFilters";

type Props = {
	filters: BoardFilters;
	technicians: BoardTechnician[];
	/** The tenant's kinds of job, and any other kind a job on the board has. */
	kinds: string[];
	shown: number;
	total: number;
	/** Called with the board's path and the new query; the URL keeps the filters. */
	onChange: (path: string) => void;
};

/** Kind, technician and "customer bookings only": each applies at once and stays in the URL. */
export function BoardFilterBar({ filters, technicians, kinds, shown, total, onChange }: Props) {
	const set = (change: Partial<BoardFilters>) => onChange(filtersQuery({ ...filters, ...change }));
	const kindChoices = [...new Set([...kinds, ...(filters.kind ? [filters.kind] : [])])].sort();
	return (
		<form class="board-filters" aria-label="Filter the board" onSubmit={(e) => e.preventDefault()}>
			<label class="board-filter">
				<span>Kind</span>
				<select
					class="field-input"
					value={filters.kind}
					onChange={(e) => set({ kind: e.currentTarget.value })}
				>
					<option value="">All kinds</option>
					{kindChoices.map((k) => (
						<option key={k} value={k}>
							{KIND_LABEL[k] ?? k}
						</option>
					))}
				</select>
			</label>
			<label class="board-filter">
				<span>Technician</span>
				<select
					class="field-input"
					value={filters.technician}
					onChange={(e) => set({ technician: e.currentTarget.value })}
				>
					<option value="">Anyone</option>
					<option value={NOBODY}>Not assigned</option>
					{technicians.map((t) => (
						<option key={t.id} value={t.id}>
							{t.name}
						</option>
					))}
				</select>
			</label>
			<label class="board-filter-check">
				<input
					type="checkbox"
					checked={filters.bookingsOnly}
					onChange={(e) => set({ bookingsOnly: e.currentTarget.checked })}
				/>
				<span>Customer bookings only</span>
			</label>
			<p class="board-filter-count" role="status">
				{hasFilters(filters) ? `Showing ${shown} of ${total} jobs` : `${total} jobs`}
			</p>
			{hasFilters(filters) ? (
				<button type="button" class="ui-button ui-button-ghost ui-button-sm" onClick={() => onChange("")}>
					<Icon icon={X} size={16} />
					<span>Clear filters</span>
				</button>
			) : null}
		</form>
	);
}
