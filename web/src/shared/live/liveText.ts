import type { Eta, JobStatus } from "../../../../workers/contracts/live-messages";
import { formatNumber } from "../i18n/format";
import { t } from "../i18n/i18n";
import { formatTime } from "../tenantTime";

/** A fix older than this is shown as "last seen N s ago": the phone may have lost signal. */
export const STALE_AFTER_MS = 20_000;

/** Who is coming, in the words of the job's kind. */
export type LiveNoun = "technician" | "driver";

/** "about 12 min", "less than a minute", "about 1 h 5 min". */
function formatDuration(seconds: number): string {
	if (seconds < 60) return t("live.duration.underMinute");
	const minutes = Math.round(seconds / 60);
	if (minutes < 60) return t("live.duration.minutes", { minutes: formatNumber(minutes) });
	const hours = formatNumber(Math.floor(minutes / 60));
	const rest = minutes % 60;
	return rest
		? t("live.duration.hoursMinutes", { hours, minutes: formatNumber(rest) })
		: t("live.duration.hours", { hours });
}

/** "850 m away", "2.4 km away" (the decimal as the language writes it). */
export function distanceText(meters: number): string {
	const distance =
		meters < 1000
			? formatNumber(Math.round(meters / 10) * 10, { style: "unit", unit: "meter" })
			: formatNumber(meters / 1000, {
					style: "unit",
					unit: "kilometer",
					minimumFractionDigits: 1,
					maximumFractionDigits: 1,
				});
	return t("live.distance", { distance });
}

/** A whole minute, so the arrival time does not tick with every fix. */
const MINUTE = 60_000;

/**
 * "about 12 min · arriving around 3:40 PM", the clock time in the tenant's zone. The ETA was
 * computed at the fix (`fixAt`), so the arrival time is counted from there, not from now.
 */
export function etaText(eta: Eta, fixAt: number, timeZone: string): string {
	const arrival = Math.round((fixAt + eta.seconds * 1000) / MINUTE) * MINUTE;
	return t("live.eta", { duration: formatDuration(eta.seconds), time: formatTime(arrival, timeZone) });
}

/** Said only when the estimate is shaky; a steady one needs no caveat. */
export const confidenceText = (eta: Eta): string | null =>
	eta.confidence === "low" ? t("live.estimateMayChange") : null;

/** "Last seen 45 s ago", "Last seen 3 min ago". */
export function lastSeenText(ageMs: number): string {
	const seconds = Math.max(0, Math.round(ageMs / 1000));
	return seconds < 120
		? t("live.lastSeen.seconds", { seconds: formatNumber(seconds) })
		: t("live.lastSeen.minutes", { minutes: formatNumber(Math.round(seconds / 60)) });
}

/** The headline a watcher reads for each status; `arriving` only with a fresh fix within 150 m. */
export function statusHeadline(status: JobStatus | null, who: string, arriving: boolean): string {
	switch (status) {
		case null:
			return t("live.headline.connecting");
		case "unassigned":
			return t("live.headline.unassigned");
		case "assigned":
			return t("live.headline.assigned", { who });
		case "en_route":
			return arriving ? t("live.headline.arriving", { who }) : t("live.headline.onTheWay", { who });
		case "in_progress":
			return t("live.headline.started", { who });
		case "paused":
		case "completed":
		case "cancelled":
			return t("job.status", { status });
	}
}
