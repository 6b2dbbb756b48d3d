import { useState } from "preact/hooks";

const key = (slug: string) => `fleet-portal:board-map:${slug}`;

/** Whether the board shows its map, remembered per tenant in this browser (open at first). */
export function useMapOpen(slug: string): [boolean, (open: boolean) => void] {
	const [open, setOpen] = useState(() => {
		try {
			return localStorage.getItem(key(slug)) !== "closed";
		} catch {
			return true;
		}
	});
	function change(next: boolean) {
		setOpen(next);
		try {
			localStorage.setItem(key(slug), next ? "open" : "closed");
		} catch {
			// Private windows may refuse storage; the choice then lasts for this page only.
		}
	}
	return [open, change];
}
