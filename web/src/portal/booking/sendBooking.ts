import { ApiError, apiFetch } from "../../shared/api";
import { mayBeOnline } from "../../shared/offline/outboxStorage";
import { customerPath, type JobDetail } from "../customerApi";

/** Waits between retries after a lost connection, then we give up and say so. */
const NETWORK_BACKOFF_MS = [1_000, 2_000, 4_000];
/** While the first submit of this key is still being processed (409), ask again this often… */
const IN_FLIGHT_WAIT_MS = 1_000;
/** …this many times; the server takes over a claim left by a dead request after 60 s. */
const IN_FLIGHT_WAITS = 20;
/** A request that has not answered by then counts as a lost connection. */
const REQUEST_TIMEOUT_MS = 20_000;

export type SendProgress = "reconnecting" | "finishing";

type Options = {
	slug: string;
	body: object;
	key: string;
	/** The key changed (the server said 422): keep the new one with the typed values. */
	onNewKey: (key: string) => void;
	onProgress: (progress: SendProgress) => void;
	sleep?: (ms: number) => Promise<void>;
};

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const isCode = (err: unknown, code: string): err is ApiError => err instanceof ApiError && err.code === code;

/**
 * POSTs one booking under one key, retrying a lost connection and a still-running first submit;
 * fails at once with `network` when the browser knows it is offline.
 */
async function post(o: Options, key: string): Promise<JobDetail> {
	const sleep = o.sleep ?? wait;
	let networkRetries = 0;
	let inFlightWaits = 0;
	for (;;) {
		try {
			return await apiFetch<JobDetail>(customerPath(o.slug, "/bookings"), {
				method: "POST",
				headers: { "Idempotency-Key": key },
				body: JSON.stringify(o.body),
				signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
			});
		} catch (err) {
			const backoff = NETWORK_BACKOFF_MS[networkRetries];
			// With no network at all, waiting here helps no one: the booking goes to the outbox.
			if (isCode(err, "network") && backoff !== undefined && mayBeOnline()) {
				networkRetries++;
				o.onProgress("reconnecting");
				await sleep(backoff);
			} else if (isCode(err, "idempotency_in_flight") && inFlightWaits < IN_FLIGHT_WAITS) {
				inFlightWaits++;
				o.onProgress("finishing");
				await sleep(IN_FLIGHT_WAIT_MS);
			} else {
				throw err;
			}
		}
	}
}

/**
 * Books exactly once: every attempt carries the form's key, so a double tap, a retry or a
 * resubmit after a reload gets the first job back. Only when the server says the key was
 * already used for a different booking (422, the form was edited after a submit) is a new key
 * made, kept, and the booking sent again under it.
 */
export async function sendBooking(o: Options): Promise<JobDetail> {
	try {
		return await post(o, o.key);
	} catch (err) {
		if (!isCode(err, "idempotency_key_reused")) throw err;
		const key = crypto.randomUUID();
		o.onNewKey(key);
		return await post(o, key);
	}
}
