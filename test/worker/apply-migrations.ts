import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

// Setup files run before each test file; applied migrations are skipped. Every shard has every table.
for (const shard of [env.DB_0, env.DB_1]) await applyD1Migrations(shard, env.TEST_MIGRATIONS);
