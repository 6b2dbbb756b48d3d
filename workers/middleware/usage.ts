import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { RequestTally } from "../domain/tenant/usage";
import { openShard } from "../shards";

/**
 * One tally per shard per isolate: requests of every tenant on that shard this isolate answered
 * since the last flush, which writes them to that shard.
 */
const tallies = new Map<number, RequestTally>();

/**
 * Counts a request to the tenant on `c.var.tenant` (see `RequestTally`). The flush runs after
 * the answer on a client of its own, so the benchmark's per-request D1 meter never sees it.
 */
export function countTenantRequest(c: Context<AppEnv>, tenantId: string): void {
	const now = Date.now();
	const shard = c.var.shard;
	let tally = tallies.get(shard);
	if (!tally) {
		tally = new RequestTally();
		tallies.set(shard, tally);
	}
	if (!tally.count(tenantId, now)) return;
	const db = openShard(c.env, shard);
	c.executionCtx.waitUntil(
		tally.flush(db, now).catch((err: unknown) => console.error("usage flush failed", { err: String(err) })),
	);
}
