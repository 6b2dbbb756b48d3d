// Applies the D1 migrations to every shard the wrangler config declares (DB_0, DB_1, …).
// Usage: node scripts/migrate.ts [--remote] [--persist-to DIR] [--config FILE]
import { migrateEveryShard, shardBindings } from "./shards.ts";

const args = process.argv.slice(2);
const option = (name: string) => {
	const i = args.indexOf(name);
	return i >= 0 ? args[i + 1] : undefined;
};
const where = {
	remote: args.includes("--remote"),
	persistTo: option("--persist-to"),
	config: option("--config"),
};
migrateEveryShard(where);
console.log(`Migrations applied to ${shardBindings(where.config).join(", ")}.`);
