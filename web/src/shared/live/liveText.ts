import type { Eta, JobStatus } from "../../../../workers/contracts/live-messages";
import { formatTime } from "../tenantTime";

/** A fix older than this is shown as "last seen N s ago": the phone may have lost signal. */
export const STALE_AFTER_MS = 20_000;

/** "about 12 min", "less than a minute", "about 1 h 5 min". */
function formatDuration(seconds: number): string {
	if (seconds < 60) return "less than a minute";
	const minutes = Math.round(seconds / 60);
	if (minutes < 60) return `about ${minutes} min`;
	const rest = minutes % 60;
	return `about ${Math.floor(minutes / 60)} h${rest ? ` ${rest} min` : ""}`;
}

/** "850 m away", "2.4 km away". */
export function distanceText(meters: number): string {
	return `${meters < 1000 ? `${Math.round(meters / 10) * 10} m` : `${(meters / 1000).toFixed(1)} km`} away`;
}

/** A whole minute, so the arrival time does not tick with every fix. */
const MINUTE = 60_000;

/**
 * "about 12 min · arriving around 3:40 PM", the clock time in the tenant's zone. The ETA was
 * computed at the fix (`fixAt`), so the arrival time is counted from there, not from now.
 */
export function etaText(eta: Eta, fixAt: number, timeZone: string): string {
	const arrival = Math.round((fixAt + eta.seconds * 1000) / MINUTE) * MINUTE;
	return `${formatDuration(eta.seconds)} · arriving around ${formatTime(arrival, timeZone)}`;
}

/** Said only when the estimate is shaky; a steady one needs no caveat. */
export const confidenceText = (eta: Eta): string | null =>
	eta.confidence === "low" ? "Estimate may change" : null;

/** "last seen 45 s ago", "last seen 3 min ago". */
export function lastSeenText(ageMs: number): string {
	const seconds = Math.max(0, Math.round(ageMs / 1000));
	return seconds < 120 ? `Last seen ${seconds} s ago` : `Last seen ${Math.round(seconds / 60)} min ago`;
}

/** The headline a watcher reads for each status; `arriving` only with a fresh fix within 150 m. */
export function statusHeadline(status: JobStatus | null, who: string, arriving: boolean): string {
	switch (status) {
		case null:
			return "Connecting to live updates…";
		case "unassigned":
			return "Waiting to be assigned";
		case "assigned":
			return `${who} is assigned and hasn't set off yet`;
		case "en_route":
			return arriving ? `${who} is arriving` : `${who} is on the way`;
		case "in_progress":
			return `${who} has arrived and started`;
		case "paused":
			return "Paused";
		case "completed":
			return "Completed";
		case "cancelled":
			return "Cancelled";
	}
}
