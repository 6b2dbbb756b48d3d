// The D1 shards a wrangler config declares (`DB_0`, `DB_1`, … in [[d1_databases]]), for the
// scripts that run `wrangler d1` on each: migrations, the demo loader, the operator's command.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** The shard bindings of the config, in order; shard n is `DB_n`. */
export function shardBindings(config = "wrangler.toml"): string[] {
	const text = readFileSync(config, "utf8")
		.split("\n")
		.filter((line) => !line.trim().startsWith("#"))
		.join("\n");
	const found = [...text.matchAll(/^\s*binding\s*=\s*"DB_(\d+)"/gm)].map((m) => Number(m[1]));
	const shards = [...new Set(found)].sort((a, b) => a - b);
	if (shards.length === 0 || shards.some((n, i) => n !== i))
		throw new Error(
			`${config} must declare D1 shards DB_0, DB_1, … without gaps (found ${shards.join(", ")}).`,
		);
	return shards.map((n) => `DB_${n}`);
}

export type Where = { remote?: boolean; persistTo?: string; config?: string };

/** `wrangler d1 <args> <binding>` against the local state (or --remote), quietly. */
export function wranglerD1(args: string[], where: Where, output: "ignore" | "pipe" = "ignore"): string {
	const full = ["d1", ...args, where.remote ? "--remote" : "--local"];
	if (where.persistTo) full.push(`--persist-to=${where.persistTo}`);
	if (where.config) full.push(`--config=${where.config}`);
	return execFileSync("wrangler", full, { encoding: "utf8", stdio: ["ignore", output, "inherit"] }) ?? "";
}

/** Applies the migrations to every shard: each has every table. */
export function migrateEveryShard(where: Where): void {
	for (const binding of shardBindings(where.config)) wranglerD1(["migrations", "apply", binding], where);
}
