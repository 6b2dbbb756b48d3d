import { drizzle } from "drizzle-orm/d1";
import type { Context } from "hono";
import * as schema from "../../schema";
import type { AppEnv } from "../app-env";
import { RequestTally } from "../domain/tenant/usage";

/** One tally per isolate: requests of every tenant this isolate answered since the last flush. */
const tally = new RequestTally();

/**
 * Counts a request to the tenant on `c.var.tenant` (see `RequestTally`). The flush runs after
 * the answer on a client of its own, so the benchmark's per-request D1 meter never sees it.
 */
export function countTenantRequest(c: Context<AppEnv>, tenantId: string): void {
	const now = Date.now();
	if (!tally.count(tenantId, now)) return;
	const db = drizzle(c.env.DB, { schema });
	c.executionCtx.waitUntil(
		tally.flush(db, now).catch((err: unknown) => console.error("usage flush failed", { err: String(err) })),
	);
}
