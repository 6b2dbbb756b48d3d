import { DurableObject } from "cloudflare:workers";
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
			 CREATE INDEX IF NOT EXISTS send_events_bucket_at ON send_events (bucket, at);`,
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
}
