import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { usageTallyOf } from "../domain/tenant/usage";
import { openShard } from "../shards";

/**
 * Counts a request to the tenant on `c.var.tenant` (see `UsageTally`). The flush runs after
 * the answer on a client of its own, so the benchmark's per-request D1 meter never sees it.
 */
export function countTenantRequest(c: Context<AppEnv>, tenantId: string): void {
	const now = Date.now();
	const shard = c.var.shard;
	const tally = usageTallyOf(shard);
	if (!tally.count(tenantId, now)) return;
	const db = openShard(c.env, shard);
	c.executionCtx.waitUntil(
		tally.flush(db, now).catch((err: unknown) => console.error("usage flush failed", { err: String(err) })),
	);
}
