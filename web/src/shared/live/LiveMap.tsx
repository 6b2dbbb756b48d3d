import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "../i18n/i18n";
import type { LeafletMapView } from "./leafletMap";
import type { MapMarker } from "./mapMarker";

export type { MapMarker } from "./mapMarker";

import "./live.css";

/** One dot on the map. `technician` is a van or a person moving; `destination` a stop. */

type Props = {
	markers: MapMarker[];
	/** Tile URL template (`{z}/{x}/{y}`), from the tenant's branding. */
	tileUrl: string;
	/** The map's accessible name, e.g. "Map of the driver's position". */
	label: string;
};

/**
 * A Leaflet map of a few markers, for any live view (a customer's job, a tracking link, the
 * dispatch board). Leaflet itself is fetched only when a map mounts, so it stays out of every
 * first load. Markers are drawn as circles, not images, and the map stays readable without
 * tiles (they cannot always load); put the facts that matter in text beside it.
 *
 * Update `markers` freely: markers keep their identity by `id` and move in place; the view
 * fits all markers once, then pans only when one leaves it.
 */
export function LiveMap({ markers, tileUrl, label }: Props) {
	const container = useRef<HTMLElement>(null);
	const view = useRef<LeafletMapView | null>(null);
	const latest = useRef(markers);
	latest.current = markers;
	const [failed, setFailed] = useState(false);

	useEffect(() => {
		let cancelled = false;
		// Leaflet's code runs, then the map is built, its markers placed and its tiles laid, each
		// in a task of its own: short tasks instead of one long one, so the page keeps answering
		// taps meanwhile. A cleanup between two steps (unmounted, or another tile source) ends it.
		const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
		const build = async () => {
			const { createLeafletMap } = await import("./leafletMap");
			await nextTask();
			if (cancelled || !container.current) return;
			const map = createLeafletMap(container.current, tileUrl);
			view.current = map;
			await nextTask();
			if (cancelled) return;
			map.show(latest.current);
			await nextTask();
			if (!cancelled) map.addTiles();
		};
		build().catch(() => {
			if (!cancelled) setFailed(true);
		});
		return () => {
			cancelled = true;
			view.current?.destroy();
			view.current = null;
		};
	}, [tileUrl]);

	useEffect(() => {
		view.current?.show(markers);
	}, [markers]);

	return (
		<div class="live-map-frame">
			<section ref={container} class="live-map" aria-label={label} />
			{failed ? <p class="muted">{t("live.mapFailed")}</p> : null}
		</div>
	);
}
