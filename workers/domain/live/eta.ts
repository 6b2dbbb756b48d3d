import type { Eta, PositionFix } from "../../contracts/live-messages";
import { haversineMeters, type LatLng } from "./geo";

/** Streets are not straight lines: typical urban detour over the great-circle distance. */
export const ROAD_FACTOR = 1.35;
/** Below this (m/s, ~15 km/h) a van is stopped at lights, not slower on average. */
export const SPEED_FLOOR_MS = 4.2;
export const ARRIVING_WITHIN_M = 150;
/** Weight of the newest speed in the running average. */
const SMOOTHING = 0.3;

/** The speed at a fix: as reported by the phone, else from the distance to the previous fix. */
function speedAt(fix: PositionFix, previous: PositionFix | undefined): number | null {
	if (fix.speed !== null) return fix.speed;
	if (!previous || fix.at <= previous.at) return null;
	return haversineMeters(previous, fix) / ((fix.at - previous.at) / 1000);
}

/**
 * ETA to the destination from recent fixes (oldest first): great-circle distance times a
 * road factor over an exponentially smoothed speed with a floor. Confidence comes from how
 * steady the speed is and how accurate the GPS is.
 */
export function estimateEta(recent: PositionFix[], destination: LatLng | null): Eta | null {
	const last = recent[recent.length - 1];
	if (!last || !destination) return null;
	const distanceMeters = haversineMeters(last, destination);
	if (distanceMeters <= ARRIVING_WITHIN_M) {
		return { seconds: 0, confidence: "high", arriving: true, distanceMeters: Math.round(distanceMeters) };
	}
	const speeds: number[] = [];
	recent.forEach((fix, i) => {
		const s = speedAt(fix, recent[i - 1]);
		if (s !== null && Number.isFinite(s)) speeds.push(s);
	});
	let smoothed: number | null = null;
	for (const s of speeds) smoothed = smoothed === null ? s : SMOOTHING * s + (1 - SMOOTHING) * smoothed;
	const speed = Math.max(smoothed ?? SPEED_FLOOR_MS, SPEED_FLOOR_MS);
	const seconds = Math.round((distanceMeters * ROAD_FACTOR) / speed);
	return {
		seconds,
		confidence: confidenceOf(speeds, last.accuracy),
		arriving: false,
		distanceMeters: Math.round(distanceMeters),
	};
}

function confidenceOf(speeds: number[], accuracy: number | null): Eta["confidence"] {
	if (speeds.length < 3 || accuracy === null) return "low";
	const mean = speeds.reduce((a, b) => a + b, 0) / speeds.length;
	const variation =
		mean > 0 ? Math.sqrt(speeds.reduce((a, s) => a + (s - mean) ** 2, 0) / speeds.length) / mean : 1;
	if (accuracy <= 30 && variation < 0.3) return "high";
	if (accuracy <= 100 && variation < 0.6) return "medium";
	return "low";
}
