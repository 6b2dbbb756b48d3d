import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { demoSeedStatementsByShard } from "../../schema/demo/index.ts";
import worker from "../../workers/index";

export const BASE = "https://portal.test";

/** A request through the Worker's own fetch handler, as a browser on the same origin would send it. */
export function call(path: string, init: RequestInit = {}): Promise<Response> {
	return exports.default.fetch(new Request(`${BASE}${path}`, init));
}

/**
 * Like `call`, but through the Worker's handler with an execution context of the test's own,
 * resolved only once the work the request left running after its answer (`waitUntil`: emails,
 * audit rows) has finished. For asserting what that work did, and what it did not do.
 */
export async function callToCompletion(path: string, init: RequestInit = {}): Promise<Response> {
	const ctx = createExecutionContext();
	const res = await worker.fetch(new Request(`${BASE}${path}`, init), env, ctx);
	await waitOnExecutionContext(ctx);
	return res;
}

/** The tests' shards (vitest.config.ts): shard n is `DB_n`. */
export const SHARDS = [env.DB_0, env.DB_1] as const;

/**
 * The shard a tenant is on, by slug or id, as the directory on shard 0 says (shard 0 when it
 * does not list it): for tests that look at a tenant's rows directly.
 */
export async function shardOf(slugOrId: string): Promise<D1Database> {
	const row = await env.DB_0.prepare("SELECT shard FROM shard_directory WHERE slug = ? OR tenant_id = ?")
		.bind(slugOrId, slugOrId)
		.first<{ shard: number }>();
	return SHARDS[row?.shard ?? 0] ?? env.DB_0;
}

/**
 * Loads the demo tenants into this test file's D1 shards (a no-op when they are there): Acme on
 * shard 0, Bayside on shard 1, the directory on shard 0.
 */
export async function loadDemoData(now = Date.now()): Promise<void> {
	const perShard = await demoSeedStatementsByShard(now, SHARDS.length);
	for (const [shard, binding] of SHARDS.entries()) {
		const statements = (perShard[shard] ?? []).map((sql) => binding.prepare(sql));
		if (statements.length) await binding.batch(statements);
	}
}

export type Envelope = {
	error: { code: string; message: string; issues?: Array<{ field: string; message: string }> };
};
