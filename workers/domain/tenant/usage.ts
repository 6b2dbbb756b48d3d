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

/** What a tenant's day counts: the requests answered for it, the emails it had delivered. */
export type UsageKind = "requests" | "emails";

type Pending = { tenantId: string; day: string; requests: number; emails: number };

/**
 * Requests and delivered emails per tenant per day, counted in memory and written to D1 in one
 * batch now and then (every 30 s or 100 counts per isolate) — so counting costs a request or a
 * send no D1 round trip of its own, and a day's counts are one row written per flush instead of
 * one per email. What an isolate held when it was evicted is lost: the figure is for billing by
 * the thousand, not an audit trail.
 */
export class UsageTally {
	private pending = new Map<string, Pending>();
	private total = 0;
	private lastFlushAt = Number.NEGATIVE_INFINITY;

	/** Counts one request (or one email); true when the caller should flush now. */
	count(tenantId: string, now: number, kind: UsageKind = "requests"): boolean {
		const day = usageDay(now);
		this.add({ tenantId, day, requests: 0, emails: 0, [kind]: 1 });
		return this.total >= FLUSH_AT_COUNT || now - this.lastFlushAt >= FLUSH_EVERY_MS;
	}

	private add(counts: Pending) {
		const key = `${counts.tenantId}/${counts.day}`;
		const entry = this.pending.get(key);
		if (entry) {
			entry.requests += counts.requests;
			entry.emails += counts.emails;
		} else this.pending.set(key, { ...counts });
		this.total += counts.requests + counts.emails;
	}

	/** Writes what was counted and forgets it; a failed write puts the counts back. */
	async flush(db: Db, now: number): Promise<void> {
		if (this.pending.size === 0) return;
		const entries = [...this.pending.values()];
		this.pending = new Map();
		this.total = 0;
		this.lastFlushAt = now;
		const [first, ...rest] = entries.map((e) =>
			usageIncrement(db, e.tenantId, e.day, { requests: e.requests, emails: e.emails }),
		);
		if (!first) return;
		try {
			await db.batch([first, ...rest]);
		} catch (err) {
			for (const e of entries) this.add(e);
			throw err;
		}
	}
}

/** One tally per shard per isolate: what this isolate counted for the tenants on that shard. */
const tallies = new Map<number, UsageTally>();

export function usageTallyOf(shard: number): UsageTally {
	let tally = tallies.get(shard);
	if (!tally) {
		tally = new UsageTally();
		tallies.set(shard, tally);
	}
	return tally;
}
