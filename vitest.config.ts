import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => {
	const migrations = await readD1Migrations("./schema/migrations");
	return {
		plugins: [
			cloudflareTest({
				wrangler: { configPath: "./wrangler.toml" },
				miniflare: {
					bindings: { ENVIRONMENT: "development", TEST_MIGRATIONS: migrations },
					// Two shards, so every test runs where tenants live apart (the demo's two are on
					// different ones); `DB` is shard 0 under its old name, for tests that query it directly.
					d1Databases: { DB_0: "test-shard-0", DB_1: "test-shard-1", DB: "test-shard-0" },
					// Tests import the built front end only through the ASSETS binding; an empty
					// directory keeps the worker tests independent of `vite build`.
					assets: { directory: "./test/worker/fixtures/assets" },
				},
			}),
		],
		test: {
			include: ["test/worker/**/*.test.ts"],
			setupFiles: ["./test/worker/apply-migrations.ts"],
			// Each file runs in a workerd of its own, single-threaded and mostly waiting on its
			// storage: two at once keep both cores busy (1.45× faster than one at a time here).
			maxWorkers: 2,
		},
	};
});
