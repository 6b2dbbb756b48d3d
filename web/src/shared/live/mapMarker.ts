/** A dot on a live map: a technician or a destination. */
export type MapMarker = {
	id: string;
	lat: number;
	lng: number;
	/** Shown beside the dot and read by screen readers ("Jordan Blake", "Drop-off"). */
	label: string;
	kind: "technician" | "destination";
};
