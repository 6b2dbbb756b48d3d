// Loads the demo tenants into the local D1 database. Safe to run again: every insert
// leaves existing rows alone. Usage: node scripts/seed-demo.ts [--persist-to DIR] [--now ISO]
// The demo's jobs are laid out around now; `--now` lays them out around a fixed instant instead
// (the screenshot tests, whose pages must look the same on every run).
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { demoSeedStatements } from "../schema/demo/index.ts";

const persistIndex = process.argv.indexOf("--persist-to");
const persistTo = persistIndex > 0 ? process.argv[persistIndex + 1] : undefined;
const nowIndex = process.argv.indexOf("--now");
const now = nowIndex > 0 ? Date.parse(process.argv[nowIndex + 1] ?? "") : Date.now();
if (Number.isNaN(now)) throw new Error(`--now needs an ISO date and time, not ${process.argv[nowIndex + 1]}`);

mkdirSync(".wrangler", { recursive: true });
const file = join(".wrangler", "demo-seed.sql");
writeFileSync(file, `${(await demoSeedStatements(now)).join("\n")}\n`);

const args = ["d1", "execute", "DB", "--local", `--file=${file}`];
if (persistTo) args.push(`--persist-to=${persistTo}`);
execFileSync("wrangler", args, { stdio: ["ignore", "ignore", "inherit"] });
console.log("Demo data loaded: acme-courier and bayside-plumbing.");
