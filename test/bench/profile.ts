// `npm run bench:profile` — where workerd's CPU goes under a load: starts a pinned `wrangler dev`
// as the benchmark does, takes a V8 CPU profile through the Worker's inspector while a load runs
// from the other core, and prints self time grouped by where the code comes from (our files by
// folder, libraries by package, V8's own buckets) and the heaviest functions.
//
//   npm run bench:profile                    # bookings, 8 s at 16 callers
//   PROFILE_LOAD=noop npm run bench:profile  # the no-op round trip to TenantGate
//   PROFILE_LOAD=read npm run bench:profile  # a signed-in portal list
// The raw profile is written to test/bench/last.cpuprofile (open it in Chrome's DevTools).
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { startDevServer } from "../e2e/server.ts";
import { LOAD_CPU, runPinned } from "./child.ts";
import { devtools } from "./devtools.ts";
import { singleLoads } from "./single-loads.ts";
import { HttpLoadResult } from "./specs.ts";

const SECONDS = Number(process.env.PROFILE_SECONDS ?? 8);
const LOAD = process.env.PROFILE_LOAD ?? "bookings";
const OUT = "test/bench/last.cpuprofile";

type CallFrame = { functionName: string; url: string; lineNumber: number; scriptId: string };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

/**
 * The module each line of the bundle belongs to: esbuild heads every module with a `// <path>`
 * comment, so a line's module is the last such comment above it.
 */
function moduleLines(source: string): (line: number) => string {
	const starts: Array<[number, string]> = [];
	source.split("\n").forEach((text, i) => {
		const m = text.match(/^\/\/ ((?:node_modules|workers|schema|web)\/\S+)$/);
		if (m?.[1]) starts.push([i, m[1]]);
	});
	return (line) => {
		let lo = 0;
		let hi = starts.length - 1;
		let found = "(bundle)";
		while (lo <= hi) {
			const mid = (lo + hi) >> 1;
			const start = starts[mid];
			if (!start) break;
			if (start[0] <= line) {
				found = start[1];
				lo = mid + 1;
			} else hi = mid - 1;
		}
		return found;
	};
}

/** Where a function's code comes from: a folder of ours, a package, or one of V8's buckets. */
function origin(frame: CallFrame, moduleOf: (scriptId: string, line: number) => string | undefined): string {
	const { url, functionName } = frame;
	if (!url) return functionName.startsWith("(") ? functionName : "(native)";
	const path = moduleOf(frame.scriptId, frame.lineNumber) ?? url;
	const pkg = path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
	if (pkg) return pkg[1] ?? path;
	const ours = path.match(/^(workers|schema)\/((?:[^/]+\/)?)/);
	if (ours) return `${ours[1]}/${ours[2]}`;
	return path.replace(/^.*\//, "");
}

function summarise(profile: Profile, moduleOf: (scriptId: string, line: number) => string | undefined) {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const self = new Map<number, number>();
	profile.samples.forEach((id, i) => {
		self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
	});
	const total = [...self.values()].reduce((a, b) => a + b, 0);
	const groups = new Map<string, number>();
	const functions = new Map<string, number>();
	for (const [id, us] of self) {
		const frame = byId.get(id)?.callFrame;
		if (!frame) continue;
		const group = origin(frame, moduleOf);
		groups.set(group, (groups.get(group) ?? 0) + us);
		if (group === "(idle)") continue;
		const where = moduleOf(frame.scriptId, frame.lineNumber) ?? group;
		const name = `${frame.functionName || "(anonymous)"}  ${where}`;
		functions.set(name, (functions.get(name) ?? 0) + us);
	}
	const idle = groups.get("(idle)") ?? 0;
	const busy = total - idle;
	const print = (title: string, map: Map<string, number>, n: number) => {
		console.log(`\n${title} (share of busy CPU)`);
		for (const [name, us] of [...map]
			.filter(([k]) => k !== "(idle)")
			.sort((a, b) => b[1] - a[1])
			.slice(0, n)) {
			console.log(
				`  ${((100 * us) / busy).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}`,
			);
		}
	};
	console.log(
		`\nsampled ${(total / 1e6).toFixed(1)} s: busy ${(busy / 1e6).toFixed(2)} s (${((100 * busy) / total).toFixed(0)}%), idle ${(idle / 1e6).toFixed(2)} s`,
	);
	print("by origin", groups, 25);
	print("heaviest functions", functions, 30);
	const { inclusive, libraryByCaller } = inclusiveOfOurs(profile, moduleOf);
	print("our functions, with what they call (inclusive)", inclusive, 30);
	print("drizzle-orm and D1's client, by the nearest function of ours above them", libraryByCaller, 20);
}

/**
 * Each of our functions' inclusive time: a sample counts for every function of `workers/` or
 * `schema/` on its stack (once each), so a builder's calls into drizzle and D1 are charged to it.
 */
function inclusiveOfOurs(profile: Profile, moduleOf: (scriptId: string, line: number) => string | undefined) {
	const parent = new Map<number, number>();
	for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const oursOf = new Map<number, string | null>();
	const ours = (id: number): string | null => {
		if (oursOf.has(id)) return oursOf.get(id) ?? null;
		const frame = byId.get(id)?.callFrame;
		const where = frame ? moduleOf(frame.scriptId, frame.lineNumber) : undefined;
		const name =
			frame && where && /^(workers|schema)\//.test(where)
				? `${frame.functionName || "(anonymous)"}  ${where}`
				: null;
		oursOf.set(id, name);
		return name;
	};
	const inclusive = new Map<string, number>();
	const libraryByCaller = new Map<string, number>();
	profile.samples.forEach((leaf, i) => {
		const us = profile.timeDeltas[i] ?? 0;
		const seen = new Set<string>();
		const leafFrame = byId.get(leaf)?.callFrame;
		const leafOrigin = leafFrame ? origin(leafFrame, moduleOf) : "";
		let library = leafOrigin === "drizzle-orm" || leafOrigin === "cloudflare-internal:d1-api";
		for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
			const name = ours(id);
			if (!name || seen.has(name)) continue;
			seen.add(name);
			inclusive.set(name, (inclusive.get(name) ?? 0) + us);
			if (library) {
				libraryByCaller.set(name, (libraryByCaller.get(name) ?? 0) + us);
				library = false;
			}
		}
	});
	return { inclusive, libraryByCaller };
}

const server = await startDevServer({}, { cpus: "0" });
try {
	execFileSync("taskset", ["-pc", LOAD_CPU, String(process.pid)], { stdio: "ignore" });
	const loads = await singleLoads(server.baseUrl, {
		concurrency: 16,
		seconds: SECONDS,
		reference: "BENCH-PROFILE",
	});
	const spec = loads[LOAD];
	if (!spec) throw new Error(`PROFILE_LOAD is one of ${Object.keys(loads).join(", ")}`);
	// Warm the isolate and the code paths before sampling.
	await runPinned("test/bench/http-load.ts", { ...spec, seconds: 2 }, HttpLoadResult);
	const cdp = await devtools(server.inspectorPort);
	await cdp.send("Profiler.enable");
	await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
	await cdp.send("Profiler.start");
	const result = await runPinned("test/bench/http-load.ts", spec, HttpLoadResult);
	const { profile } = await cdp.send<{ profile: Profile }>("Profiler.stop");
	// The bundle's sources, fetched after sampling so the debugger costs the load nothing.
	await cdp.send("Debugger.enable");
	const maps = new Map<string, (line: number) => string>();
	for (const scriptId of new Set(profile.nodes.map((n) => n.callFrame.scriptId))) {
		const url = profile.nodes.find((n) => n.callFrame.scriptId === scriptId)?.callFrame.url ?? "";
		if (!url.endsWith(".js") || url.startsWith("cloudflare")) continue;
		const { scriptSource } = await cdp.send<{ scriptSource: string }>("Debugger.getScriptSource", {
			scriptId,
		});
		maps.set(scriptId, moduleLines(scriptSource ?? ""));
	}
	cdp.close();
	writeFileSync(OUT, JSON.stringify(profile));
	console.log(
		`${LOAD}: ${(result.completed / result.seconds).toFixed(0)} req/s over ${result.seconds.toFixed(1)} s, statuses ${JSON.stringify(result.statuses)}; profile in ${OUT}`,
	);
	summarise(profile, (scriptId, line) => maps.get(scriptId)?.(line));
} finally {
	await server.stop();
}
