/** How long a finished key replays its answer (the drafts ask for at least 24 hours). */
export const IDEMPOTENCY_RETENTION_MS = 48 * 3_600_000;
/** A claim older than this without completion is from a request that died; it may be taken over. */
export const IN_FLIGHT_TAKEOVER_MS = 60_000;

export type IdempotencyClaim =
	| { outcome: "claimed" }
	| { outcome: "in_flight" }
	| { outcome: "mismatch" }
	| { outcome: "replay"; status: number; body: string };

const KEY_SHAPE = /^[\x21-\x7e]{8,255}$/;

/** Whether an Idempotency-Key header value is usable: 8–255 visible ASCII characters. */
export function isIdempotencyKey(value: string): boolean {
	return KEY_SHAPE.test(value);
}

/** JSON with object keys sorted, so equal payloads fingerprint equally whatever their key order. */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
	if (value && typeof value === "object") {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, v]) => v !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
	}
	return JSON.stringify(value) ?? "null";
}
