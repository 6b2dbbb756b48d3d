const EARTH_RADIUS_M = 6_371_008.8;

export type LatLng = { lat: number; lng: number };

/** Great-circle distance in metres. */
export function haversineMeters(a: LatLng, b: LatLng): number {
	const rad = Math.PI / 180;
	const dLat = (b.lat - a.lat) * rad;
	const dLng = (b.lng - a.lng) * rad;
	const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
	return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Coordinates are stored as integer micro-degrees. */
export const fromE6 = (lat: number | null, lng: number | null): LatLng | null =>
	lat === null || lng === null ? null : { lat: lat / 1e6, lng: lng / 1e6 };
