// What workerd's memory does under one kind of traffic at a time (not part of `npm test`):
// `PHASES=health,health,read,bookings,idle node test/bench/memory-phases.ts` runs each phase for
// 30 s at 8 requests in flight (from core 1; workerd on core 0) and prints after each one the RSS of
// every workerd (pid:MiB; the Worker's and wrangler's proxy), the Worker isolate's JS heap and the
// size of the local state, then the largest state files. It tells growth that levels off (the
// allocator keeping what it once used) from growth that follows the data or a leak in the isolate.
import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { startDevServer } from "../e2e/server.ts";
import { LOAD_CPU, runPinned } from "./child.ts";
import { heapKiB } from "./devtools.ts";
import { singleLoads } from "./single-loads.ts";
import { HttpLoadResult } from "./specs.ts";

const server = await startDevServer({}, { cpus: "0" });
const DEFAULT_PHASES = "health,health,health,health,read,bookings,idle";
const rss = () => {
	const out = execFileSync("sh", [
		"-c",
		`for p in $(pgrep workerd); do grep VmRSS /proc/$p/status | awk -v p=$p '{print p":"int($2/1024)}'; done`,
	]).toString();
	return out.trim().split("\n").join(" ");
};
const du = (dir: string): number =>
	readdirSync(dir).reduce((n, name) => {
		const p = join(dir, name);
		const s = statSync(p);
		return n + (s.isDirectory() ? du(p) : s.size);
	}, 0);
try {
	execFileSync("taskset", ["-pc", LOAD_CPU, String(process.pid)], { stdio: "ignore" });
	const loads = await singleLoads(server.baseUrl, { concurrency: 8, seconds: 30, reference: "MEM" });
	const show = async (label: string) =>
		console.log(
			label.padEnd(22),
			"rss",
			rss(),
			"heap",
			await heapKiB(server.inspectorPort).catch(() => NaN),
			"KiB; state",
			(du(server.persistTo) / 1048576).toFixed(1),
			"MiB",
		);
	await show("start");
	for (const phase of (process.env.PHASES ?? DEFAULT_PHASES).split(",")) {
		const load = loads[phase];
		if (phase === "idle") await new Promise((r) => setTimeout(r, 30_000));
		else if (!load) throw new Error(`unknown phase ${phase}: health, noop, read, bookings or idle`);
		else {
			const r = await runPinned("test/bench/http-load.ts", load, HttpLoadResult);
			console.log(`  ${phase}: ${r.completed} done ${JSON.stringify(r.statuses)}`);
		}
		await show(`after ${phase}`);
	}
	const files: Array<[string, number]> = [];
	const walk = (dir: string) => {
		for (const name of readdirSync(dir)) {
			const p = join(dir, name);
			const s = statSync(p);
			if (s.isDirectory()) walk(p);
			else files.push([p.slice(server.persistTo.length), s.size]);
		}
	};
	walk(server.persistTo);
	files.sort((a, b) => b[1] - a[1]);
	for (const [p, n] of files.slice(0, 12)) console.log((n / 1024).toFixed(0).padStart(8), "KiB", p);
} finally {
	await server.stop();
}
