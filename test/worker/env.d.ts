import type { D1Migration } from "cloudflare:test";

declare global {
	namespace Cloudflare {
		interface Env {
			TEST_MIGRATIONS: D1Migration[];
			/** The second shard of the tests (vitest.config.ts). */
			DB_1: D1Database;
			/** Shard 0 under its old name, for the tests that query it directly. */
			DB: D1Database;
		}
	}
}
