import type { PagedList } from "../usePagedList";
import { Button } from "./Button";

type Props = {
	list: Pick<PagedList<unknown>, "nextCursor" | "loading">;
	onClick: () => void;
	/** The words on the button, and while the next page is on its way. */
	label: string;
	busyLabel: string;
};

/** "Show more" under a paged list: only while there is a next page, and not twice at once. */
export function LoadMoreButton({ list, onClick, label, busyLabel }: Props) {
	if (!list.nextCursor) return null;
	const busy = list.loading === "more";
	return (
		<Button variant="secondary" wide class="load-more" disabled={busy} onClick={onClick}>
			{busy ? busyLabel : label}
		</Button>
	);
}
