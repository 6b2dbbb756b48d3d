import type { BoardEvent } from "../../contracts/live-messages";
import { AppError } from "../../errors";
import { sha256Hex } from "../secrets";
import { isUniqueViolation } from "../unique-violation";
import { canonicalJson, type IdempotencyClaim, isIdempotencyKey } from "./idempotency";

/** What `createJobOnce` needs of the tenant's `TenantGate`: the key ledger and the board fan-out. */
export interface IdempotencyGate {
	claimIdempotencyKey(
		scope: string,
		key: string,
		fingerprint: string,
		now?: number,
	): Promise<IdempotencyClaim>;
	completeIdempotencyKey(
		scope: string,
		key: string,
		status: number,
		body: string,
		publish?: BoardEvent[],
	): Promise<void>;
	releaseIdempotencyKey(scope: string, key: string): Promise<void>;
	publishBoard(event: BoardEvent): Promise<number>;
}

/** A job just written, and what the open boards should hear about it. */
export type WrittenJob<T> = { job: T; publish: BoardEvent[] };

/** One write done at most once per owner and Idempotency-Key: a job, an approval. */
export type OnceWrite<T> = {
	gate: IdempotencyGate;
	/** Whose keys these are (the booking contact, the dispatcher): one person's key never replays another's job. */
	ownerId: string;
	/** The Idempotency-Key as sent; null writes without one (a dispatcher may omit it). */
	key: string | null;
	/** The request body the key is bound to: the same key with another body is refused. */
	body: unknown;
	/** The answer's schema: a replayed answer is parsed, never trusted as typed. */
	answer: { parse(data: unknown): T };
	/** "booking", "job" or "approval", for what people are told. */
	noun: string;
	/** The status the answer is recorded with (201 for a creation, 200 for an approval). */
	status?: number;
	now: number;
	/** Validates and writes in one atomic batch, stamped with `scopedKey` (the D1 backstop). */
	write: (scopedKey: string | null) => Promise<WrittenJob<NoInfer<T>>>;
	/** What `scopedKey` already wrote, when the D1 backstop refused a second one. */
	findByKey: (scopedKey: string) => Promise<NoInfer<T> | undefined>;
};

export type JobCreation<T> = OnceWrite<T>;

/**
 * 400 for a key that is not 8–255 visible ASCII characters; `required` makes a missing one 400 too.
 * `noun` is what the key makes once ("booking", "checkout"), for the message.
 */
export function checkIdempotencyKey(raw: string | undefined, required: true, noun?: string): string;
export function checkIdempotencyKey(raw: string | undefined, required: false, noun?: string): string | null;
export function checkIdempotencyKey(
	raw: string | undefined,
	required: boolean,
	noun = "booking",
): string | null {
	const key = raw?.trim();
	if (!key) {
		if (!required) return null;
		throw new AppError(
			400,
			"idempotency_key_required",
			`Send an Idempotency-Key header (one per ${noun}, reused on retries) so a ${noun} is never made twice.`,
		);
	}
	if (!isIdempotencyKey(key)) {
		throw new AppError(400, "bad_request", "The Idempotency-Key must be 8–255 visible ASCII characters.");
	}
	return key;
}

/**
 * Creates a job at most once per owner and key, whoever asks (portal booking, dispatcher, API,
 * an estimate converted): see `writeOnce`.
 */
export const createJobOnce = <T>(run: JobCreation<T>) => writeOnce(run);

/**
 * Writes at most once per owner and key: claim the key in the gate before any other I/O →
 * replay the first answer / 409 while it is in flight / 422 for another body → write atomically
 * → complete the key (and tell the boards in the same call), or release it when the write
 * failed so a retry can succeed.
 */
export async function writeOnce<T>(run: OnceWrite<T>): Promise<{ job: T; replayed: boolean }> {
	const { gate, ownerId, key } = run;
	if (key === null) {
		const written = await writeOrFind(run, null);
		if (!written.replayed) for (const event of written.publish) await gate.publishBoard(event);
		return written;
	}
	const fingerprint = await sha256Hex(canonicalJson(run.body));
	const claim = await gate.claimIdempotencyKey(ownerId, key, fingerprint, run.now);
	if (claim.outcome === "replay") return { job: run.answer.parse(JSON.parse(claim.body)), replayed: true };
	if (claim.outcome === "in_flight") {
		throw new AppError(
			409,
			"idempotency_in_flight",
			`This ${run.noun} is still being made. Try again in a moment.`,
			undefined,
			{ "Retry-After": "1" },
		);
	}
	if (claim.outcome === "mismatch") {
		throw new AppError(
			422,
			"idempotency_key_reused",
			`This Idempotency-Key was already used for a different ${run.noun}. Use a new key for a new ${run.noun}.`,
		);
	}
	try {
		const written = await writeOrFind(run, `${ownerId}:${key}`);
		await gate.completeIdempotencyKey(
			ownerId,
			key,
			run.status ?? 201,
			JSON.stringify(written.job),
			written.publish,
		);
		return { job: written.job, replayed: written.replayed };
	} catch (err) {
		// Nothing was written (the batch is atomic), so the same key may be tried again.
		await gate.releaseIdempotencyKey(ownerId, key);
		throw err;
	}
}

async function writeOrFind<T>(
	run: OnceWrite<T>,
	scopedKey: string | null,
): Promise<WrittenJob<T> & { replayed: boolean }> {
	try {
		return { ...(await run.write(scopedKey)), replayed: false };
	} catch (err) {
		// A UNIQUE backstop on the key: it was written, though the gate no longer knew the key.
		const existing = scopedKey && isUniqueViolation(err) ? await run.findByKey(scopedKey) : undefined;
		if (!existing) throw err;
		return { job: existing, publish: [], replayed: true };
	}
}
