import { and, eq, gt, lte } from "drizzle-orm";
import { idempotencyRecords } from "../../../schema/tables/idempotency";
import type { Db } from "../../db";
import { AppError } from "../../errors";
import { sha256Hex } from "../secrets";
import { canonicalJson, IDEMPOTENCY_RETENTION_MS } from "./idempotency";

/**
 * One keyed request kept in D1 (`idempotency_records`), written in the same atomic batch as
 * the change it made: the change and its record exist together or not at all, so a replay
 * finds the first answer and a concurrent twin fails on the primary key with nothing applied.
 */
export type RequestKey = { tenantId: string; scope: string; key: string; fingerprint: string };

/** The key of a request, bound to what it asks for: the same key with another body is refused. */
export async function requestKey(tenantId: string, scope: string, key: string, body: unknown) {
	return { tenantId, scope, key, fingerprint: await sha256Hex(canonicalJson(body)) } satisfies RequestKey;
}

const sameKey = (k: RequestKey) =>
	and(
		eq(idempotencyRecords.tenantId, k.tenantId),
		eq(idempotencyRecords.scope, k.scope),
		eq(idempotencyRecords.key, k.key),
	);

/** The read, for a `db.batch`, of the key's record while it is kept. */
export function requestRecordRead(db: Db, k: RequestKey, now: number) {
	return db
		.select({
			fingerprint: idempotencyRecords.fingerprint,
			status: idempotencyRecords.responseStatus,
			body: idempotencyRecords.responseBody,
		})
		.from(idempotencyRecords)
		.where(and(sameKey(k), gt(idempotencyRecords.expiresAt, now)))
		.limit(1);
}

/** The statements, for the change's batch, that record its answer (and drop an expired record of the key). */
export function requestRecordWrites(
	db: Db,
	k: RequestKey,
	answer: { status: number; body: unknown; resourceId: string | null },
	now: number,
) {
	return [
		db.delete(idempotencyRecords).where(and(sameKey(k), lte(idempotencyRecords.expiresAt, now))),
		db.insert(idempotencyRecords).values({
			tenantId: k.tenantId,
			scope: k.scope,
			key: k.key,
			fingerprint: k.fingerprint,
			responseStatus: answer.status,
			responseBody: JSON.stringify(answer.body),
			resourceId: answer.resourceId,
			createdAt: now,
			expiresAt: now + IDEMPOTENCY_RETENTION_MS,
		}),
	] as const;
}

type RecordRow = { fingerprint: string; body: string };

/**
 * The first answer to replay for a record found, parsed by `answer`; 422 when the key was
 * used for a different request.
 */
export function replayRecord<T>(
	k: RequestKey,
	row: RecordRow,
	answer: { parse(data: unknown): T },
	noun: string,
): T {
	if (row.fingerprint !== k.fingerprint) {
		throw new AppError(
			422,
			"idempotency_key_reused",
			`This Idempotency-Key was already used for a different ${noun}. Use a new key for a new ${noun}.`,
		);
	}
	return answer.parse(JSON.parse(row.body));
}
