// Loads the demo tenants into the local D1 database. Safe to run again: every insert
// leaves existing rows alone. Usage: node scripts/seed-demo.ts [--persist-to DIR]
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { demoSeedStatements } from "../schema/demo/index.ts";

const persistIndex = process.argv.indexOf("--persist-to");
const persistTo = persistIndex > 0 ? process.argv[persistIndex + 1] : undefined;

mkdirSync(".wrangler", { recursive: true });
const file = join(".wrangler", "demo-seed.sql");
writeFileSync(file, `${(await demoSeedStatements(Date.now())).join("\n")}\n`);

const args = ["d1", "execute", "DB", "--local", `--file=${file}`];
if (persistTo) args.push(`--persist-to=${persistTo}`);
execFileSync("wrangler", args, { stdio: ["ignore", "ignore", "inherit"] });
console.log("Demo data loaded: acme-courier and bayside-plumbing.");
