import type { LatLng } from "./geo";

/** Turns an address into coordinates, or null when it cannot. Injected so tests use a fake. */
export type Geocoder = (address: string) => Promise<LatLng | null>;

/** Used when no geocoding service is configured: stops without saved coordinates get no ETA. */
export const noGeocoder: Geocoder = async () => null;

/**
 * A Nominatim-compatible search endpoint (`GEOCODER_URL`, e.g. a self-hosted Nominatim).
 * Failures answer null; the live view then shows the map without an ETA.
 */
export function searchGeocoder(baseUrl: string, fetcher: typeof fetch = fetch): Geocoder {
	return async (address) => {
		try {
			const url = new URL(baseUrl);
			url.searchParams.set("q", address);
			url.searchParams.set("format", "jsonv2");
			url.searchParams.set("limit", "1");
			const res = await fetcher(url, {
				headers: { "User-Agent": "fleet-portal" },
				signal: AbortSignal.timeout(5000),
			});
			if (!res.ok) return null;
			const [hit] = (await res.json()) as Array<{ lat?: string; lon?: string }>;
			const lat = Number(hit?.lat);
			const lng = Number(hit?.lon);
			return Number.isFinite(lat) && Number.isFinite(lng) ? { lat, lng } : null;
		} catch {
			return null;
		}
	};
}
