import { DurableObject } from "cloudflare:workers";
import {
	IDEMPOTENCY_RETENTION_MS,
	type IdempotencyClaim,
	IN_FLIGHT_TAKEOVER_MS,
} from "../domain/idempotency";
import { LONGEST_WINDOW_MS, type SendLimit, waitBeforeNextSend } from "../domain/send-limits";
import { guarded } from "./guarded";

export type SendClaim = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * One per tenant (`idFromName(tenantId)`): send rate limits, booking idempotency
 * and the dispatcher board fan-out all serialize through it. State lives in the
 * object's SQLite storage, so eviction loses nothing.
 */
export class TenantGate extends DurableObject<Env> {
	constructor(ctx: DurableObjectState, env: Env) {
		super(ctx, env);
		this.ctx.storage.sql.exec(
			`CREATE TABLE IF NOT EXISTS send_events (bucket TEXT NOT NULL, at INTEGER NOT NULL);
			 CREATE INDEX IF NOT EXISTS send_events_bucket_at ON send_events (bucket, at);
			 CREATE TABLE IF NOT EXISTS idempotency_keys (
			   scope TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL,
			   state TEXT NOT NULL, status INTEGER, body TEXT, claimed_at INTEGER NOT NULL,
			   PRIMARY KEY (scope, key));
			 CREATE INDEX IF NOT EXISTS idempotency_keys_claimed ON idempotency_keys (claimed_at);`,
		);
	}

	/** Round trip with no work, the baseline the booking benchmark is measured against. */
	async noop(): Promise<number> {
		return Date.now();
	}

	/**
	 * Counts one sign-in email against every limit, or refuses with the wait until all
	 * would allow it. Check and record run without an await between them, so two
	 * concurrent claims can never both take the last slot.
	 */
	async claimSend(limits: SendLimit[], now = Date.now()): Promise<SendClaim> {
		return guarded("TenantGate:claimSend", () => {
			const sql = this.ctx.storage.sql;
			sql.exec("DELETE FROM send_events WHERE at <= ?", now - LONGEST_WINDOW_MS);
			let waitMs = 0;
			for (const limit of limits) {
				const recent = sql
					.exec<{ at: number }>(
						"SELECT at FROM send_events WHERE bucket = ? AND at > ?",
						limit.bucket,
						now - limit.windowMs,
					)
					.toArray()
					.map((r) => r.at);
				waitMs = Math.max(waitMs, waitBeforeNextSend(limit, recent, now));
			}
			if (waitMs > 0) return { allowed: false, retryAfterSeconds: Math.ceil(waitMs / 1000) };
			for (const bucket of new Set(limits.map((l) => l.bucket))) {
				sql.exec("INSERT INTO send_events (bucket, at) VALUES (?, ?)", bucket, now);
			}
			return { allowed: true };
		});
	}

	/**
	 * Claims an idempotency key for one request before it does any work. The read and the
	 * write happen with no await between them, so of concurrent requests with one key exactly
	 * one is "claimed"; the others see "in_flight", "mismatch" or, once it finished, "replay".
	 */
	async claimIdempotencyKey(
		scope: string,
		key: string,
		fingerprint: string,
		now = Date.now(),
	): Promise<IdempotencyClaim> {
		return guarded("TenantGate:claimIdempotencyKey", () => {
			const sql = this.ctx.storage.sql;
			sql.exec("DELETE FROM idempotency_keys WHERE claimed_at < ?", now - IDEMPOTENCY_RETENTION_MS);
			const existing = sql
				.exec<{
					fingerprint: string;
					state: string;
					status: number | null;
					body: string | null;
					claimed_at: number;
				}>(
					"SELECT fingerprint, state, status, body, claimed_at FROM idempotency_keys WHERE scope = ? AND key = ?",
					scope,
					key,
				)
				.toArray()[0];
			if (existing) {
				if (existing.fingerprint !== fingerprint) return { outcome: "mismatch" };
				if (existing.state === "completed") {
					return { outcome: "replay", status: existing.status ?? 200, body: existing.body ?? "" };
				}
				if (now - existing.claimed_at < IN_FLIGHT_TAKEOVER_MS) return { outcome: "in_flight" };
			}
			sql.exec(
				`INSERT INTO idempotency_keys (scope, key, fingerprint, state, claimed_at) VALUES (?, ?, ?, 'in_flight', ?)
				 ON CONFLICT (scope, key) DO UPDATE SET state = 'in_flight', claimed_at = excluded.claimed_at`,
				scope,
				key,
				fingerprint,
				now,
			);
			return { outcome: "claimed" };
		});
	}

	/** Records the answer of a claimed key, to be replayed to every retry. */
	async completeIdempotencyKey(scope: string, key: string, status: number, body: string): Promise<void> {
		return guarded("TenantGate:completeIdempotencyKey", () => {
			this.ctx.storage.sql.exec(
				"UPDATE idempotency_keys SET state = 'completed', status = ?, body = ? WHERE scope = ? AND key = ?",
				status,
				body,
				scope,
				key,
			);
		});
	}

	/** Forgets a claim whose request failed, so a retry with the same key can succeed. */
	async releaseIdempotencyKey(scope: string, key: string): Promise<void> {
		return guarded("TenantGate:releaseIdempotencyKey", () => {
			this.ctx.storage.sql.exec(
				"DELETE FROM idempotency_keys WHERE scope = ? AND key = ? AND state = 'in_flight'",
				scope,
				key,
			);
		});
	}
}
