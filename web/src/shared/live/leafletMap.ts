import {
	type CircleMarker,
	circleMarker,
	type Map as LeafletMap,
	latLngBounds,
	map,
	tileLayer,
} from "leaflet";
import "leaflet/dist/leaflet.css";
import type { MapMarker } from "./mapMarker";

export type LeafletMapView = {
	show: (markers: MapMarker[]) => void;
	/** Lays the tiles under the markers; call once, after the first `show`. */
	addTiles: () => void;
	destroy: () => void;
};

const RADIUS: Record<MapMarker["kind"], number> = { technician: 10, destination: 8 };
const OSM_ATTRIBUTION =
	'&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';

/** Circle markers (no icon images to load), labelled for people and for screen readers. */
function addMarker(target: LeafletMap, marker: MapMarker): CircleMarker {
	const dot = circleMarker([marker.lat, marker.lng], {
		radius: RADIUS[marker.kind],
		// Colours come from CSS (tenant branding); these classes carry them.
		className: `live-marker live-marker-${marker.kind}`,
		weight: 3,
		fillOpacity: 1,
	}).addTo(target);
	dot.bindTooltip(marker.label, { permanent: true, direction: "top", offset: [0, -8] });
	labelDot(dot, marker.label);
	return dot;
}

function labelDot(dot: CircleMarker, label: string) {
	const path = dot.getElement();
	path?.setAttribute("role", "img");
	path?.setAttribute("aria-label", label);
	dot.setTooltipContent(label);
}

/**
 * Builds the map in `element`, with no view and no tiles yet: the first `show` sets the view
 * from its markers (a view set before would be laid out and tiled only to be thrown away), and
 * `addTiles` comes after, so each step is a short task of its own.
 */
export function createLeafletMap(element: HTMLElement, tileUrl: string): LeafletMapView {
	const target = map(element, { zoomControl: true, attributionControl: true, scrollWheelZoom: false });
	const dots = new Map<string, CircleMarker>();
	let fitted = false;

	return {
		show(markers) {
			if (markers.length > 0) {
				const bounds = latLngBounds(markers.map((m) => [m.lat, m.lng] as [number, number]));
				// Fit once; afterwards move the view only when a marker would leave it, so a moving
				// van visibly moves instead of the map sliding under it.
				if (!fitted || !target.getBounds().contains(bounds)) {
					target.fitBounds(bounds, { padding: [40, 40], maxZoom: 16, animate: fitted });
					fitted = true;
				}
			}
			const seen = new Set<string>();
			for (const marker of markers) {
				seen.add(marker.id);
				const dot = dots.get(marker.id);
				if (dot) {
					dot.setLatLng([marker.lat, marker.lng]);
					labelDot(dot, marker.label);
				} else dots.set(marker.id, addMarker(target, marker));
			}
			for (const [id, dot] of dots) {
				if (!seen.has(id)) {
					dot.remove();
					dots.delete(id);
				}
			}
		},
		addTiles() {
			const tiles = tileLayer(tileUrl, {
				maxZoom: 19,
				attribution: tileUrl.includes("openstreetmap.org") ? OSM_ATTRIBUTION : "",
			});
			// Without tiles the markers still show where things are relative to each other.
			tiles.on("tileerror", () => element.classList.add("live-map-no-tiles"));
			tiles.addTo(target);
		},
		destroy() {
			target.remove();
		},
	};
}
