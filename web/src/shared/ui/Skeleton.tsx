import type { ComponentChildren } from "preact";

type LineProps = { width?: string; height?: string; class?: string };

/** One grey placeholder bar, shaped like the text or block it stands in for. */
export function Skeleton({ width = "100%", height = "1em", class: extra }: LineProps) {
	return (
		<span
			class={extra ? `ui-skeleton ${extra}` : "ui-skeleton"}
			style={{ width, height }}
			aria-hidden="true"
		/>
	);
}

type BlockProps = {
	/** Read by screen readers instead of the grey bars ("Loading your jobs"). */
	label: string;
	children: ComponentChildren;
	class?: string;
};

/**
 * A loading placeholder the size of what is coming, so nothing jumps when it arrives; it says
 * what is loading to screen readers and marks itself busy.
 */
export function SkeletonBlock({ label, children, class: extra }: BlockProps) {
	return (
		<div class={extra ? `ui-skeleton-block ${extra}` : "ui-skeleton-block"} aria-busy="true">
			<span class="visually-hidden" role="status">
				{label}
			</span>
			{children}
		</div>
	);
}

/** A placeholder for one card of a list: a title line, a chip, two lines of details. */
export function SkeletonCard() {
	return (
		<div class="ui-card ui-card-raised ui-card-pad-md ui-skeleton-card" aria-hidden="true">
			<div class="ui-skeleton-row">
				<Skeleton width="7rem" height="1.25rem" />
				<Skeleton width="5.5rem" height="1.5rem" class="ui-skeleton-pill" />
			</div>
			<Skeleton width="60%" />
			<Skeleton width="85%" />
		</div>
	);
}
