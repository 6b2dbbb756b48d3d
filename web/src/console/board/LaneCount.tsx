/** A lane's count as a pill, read with the lane's name as "Unassigned (3)". */
export function LaneCount({ count }: { count: number }) {
	return (
		<span class="lane-count">
			<span class="visually-hidden">(</span>
			{count}
			<span class="visually-hidden">)</span>
		</span>
	);
}
