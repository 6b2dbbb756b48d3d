/**
 * The wait before each retry of a failed delivery, in seconds: exponential, from seconds to
 * ten hours, 27½ hours in all (no queue delay may exceed 12 hours). After the last one fails the
 * delivery is marked failed.
 */
export const RETRY_SCHEDULE_SECONDS = [5, 60, 300, 1_800, 7_200, 18_000, 36_000, 36_000] as const;

/** The delay before attempt `attempt + 1` after `attempt` failed attempts, or null when they are spent. */
export function retryDelaySeconds(attemptsMade: number): number | null {
	return RETRY_SCHEDULE_SECONDS[attemptsMade - 1] ?? null;
}

/** An endpoint failing without a single success for this long is disabled and its admins told. */
export const DISABLE_AFTER_FAILING_MS = 3 * 24 * 3_600_000;

/** How long the previous secret keeps signing beside the new one after a rotation. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;

/** How long a delivery attempt may take before it counts as failed. */
export const DELIVERY_TIMEOUT_MS = 10_000;

/** A delivery recorded but not handed to the queue for this long is re-enqueued by the sweep. */
export const SWEEP_AFTER_MS = 5 * 60_000;
