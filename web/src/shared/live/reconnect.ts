/** First retry after about a second, doubling up to half a minute. */
const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 30_000;

/**
 * How long to wait before reconnect attempt `attempt` (0 = the first retry): exponential
 * backoff with "equal jitter" — half the step is fixed, half random — so a relay restart
 * does not bring every phone and watcher back in the same instant, yet nobody retries at once.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
	const step = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, attempt));
	return Math.round(step / 2 + random() * (step / 2));
}
