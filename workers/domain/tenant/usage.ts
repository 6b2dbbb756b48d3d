import { sql } from "drizzle-orm";
import { tenantUsageDays } from "../../../schema/tables/platform";
import type { Db } from "../../db";

/** The UTC day a moment is counted under: `2026-12-02`. */
export const usageDay = (now: number) => new Date(now).toISOString().slice(0, 10);

/** Adds to a tenant's figures for a day, creating the day's row on its first count. */
export function usageIncrement(
	db: Db,
	tenantId: string,
	day: string,
	add: { requests?: number; emails?: number },
) {
	const requests = add.requests ?? 0;
	const emails = add.emails ?? 0;
	return db
		.insert(tenantUsageDays)
		.values({ tenantId, day, requests, emails })
		.onConflictDoUpdate({
			target: [tenantUsageDays.tenantId, tenantUsageDays.day],
			set: {
				requests: sql`${tenantUsageDays.requests} + ${requests}`,
				emails: sql`${tenantUsageDays.emails} + ${emails}`,
			},
		});
}

const FLUSH_EVERY_MS = 30_000;
const FLUSH_AT_COUNT = 100;

/**
 * Requests per tenant per day, counted in memory and written to D1 in one batch now and then
 * (every 30 s or 100 requests per isolate) after an answer has gone — so counting costs a
 * request no D1 round trip of its own. What an isolate held when it was evicted is lost: the
 * figure is for billing by the thousand, not an audit trail.
 */
export class RequestTally {
	private pending = new Map<string, { tenantId: string; day: string; requests: number }>();
	private total = 0;
	private lastFlushAt = Number.NEGATIVE_INFINITY;

	/** Counts one request; true when the caller should flush now. */
	count(tenantId: string, now: number): boolean {
		const day = usageDay(now);
		const key = `${tenantId}/${day}`;
		const entry = this.pending.get(key);
		if (entry) entry.requests++;
		else this.pending.set(key, { tenantId, day, requests: 1 });
		this.total++;
		return this.total >= FLUSH_AT_COUNT || now - this.lastFlushAt >= FLUSH_EVERY_MS;
	}

	/** Writes what was counted and forgets it; a failed write puts the counts back. */
	async flush(db: Db, now: number): Promise<void> {
		if (this.pending.size === 0) return;
		const entries = [...this.pending.values()];
		this.pending = new Map();
		this.total = 0;
		this.lastFlushAt = now;
		const [first, ...rest] = entries.map((e) =>
			usageIncrement(db, e.tenantId, e.day, { requests: e.requests }),
		);
		if (!first) return;
		try {
			await db.batch([first, ...rest]);
		} catch (err) {
			for (const e of entries) {
				const key = `${e.tenantId}/${e.day}`;
				const entry = this.pending.get(key);
				if (entry) entry.requests += e.requests;
				else this.pending.set(key, { ...e });
				this.total += e.requests;
			}
			throw err;
		}
	}
}
