// Loads the demo tenants into the local D1 shards (the i-th demo tenant on shard i mod N; the
// directory's rows on shard 0). Safe to run again: every insert leaves existing rows alone.
// Usage: node scripts/seed-demo.ts [--persist-to DIR] [--config FILE] [--now ISO]
// The demo's jobs are laid out around now; `--now` lays them out around a fixed instant instead
// (the screenshot tests, whose pages must look the same on every run).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { demoSeedStatementsByShard } from "../schema/demo/index.ts";
import { shardBindings, wranglerD1 } from "./shards.ts";

const option = (name: string) => {
	const i = process.argv.indexOf(name);
	return i > 0 ? process.argv[i + 1] : undefined;
};
const persistTo = option("--persist-to");
const config = option("--config");
const nowArg = option("--now");
const now = nowArg === undefined ? Date.now() : Date.parse(nowArg);
if (Number.isNaN(now)) throw new Error(`--now needs an ISO date and time, not ${nowArg}`);

const bindings = shardBindings(config);
const perShard = await demoSeedStatementsByShard(now, bindings.length);
mkdirSync(".wrangler", { recursive: true });
for (const [shard, binding] of bindings.entries()) {
	const statements = perShard[shard] ?? [];
	if (statements.length === 0) continue;
	const file = join(".wrangler", `demo-seed-${shard}.sql`);
	writeFileSync(file, `${statements.join("\n")}\n`);
	wranglerD1(["execute", binding, `--file=${file}`], { persistTo, config });
}
console.log(`Demo data loaded: acme-courier and bayside-plumbing (${bindings.join(", ")}).`);
