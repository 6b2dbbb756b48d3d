import { Skeleton, SkeletonBlock } from "../shared/ui/Skeleton";

/** A list's shape while it loads: `rows` grey cards, and `label` for screen readers. */
export function ListSkeleton({ label, rows = 3 }: { label: string; rows?: number }) {
	return (
		<SkeletonBlock label={label} class="list-skeleton">
			{Array.from({ length: rows }, (_, i) => (
				<div key={i} class="row-skeleton" aria-hidden="true">
					<Skeleton width="min(14rem, 50%)" height="1.25rem" />
					<Skeleton width="min(28rem, 85%)" />
					<Skeleton width="min(20rem, 65%)" />
				</div>
			))}
		</SkeletonBlock>
	);
}
