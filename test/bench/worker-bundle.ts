// (e′) The Worker as it would deploy: its bundle from `wrangler deploy --dry-run` (raw and
// gzipped, against the budget the README states) and a CPU profile of its start from
// `wrangler check startup`, which says whether the heavy libraries that only some requests need
// (the PDF renderer, the Stripe SDK) are evaluated when an isolate starts. Both run locally.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { type Row, row } from "./report.ts";
import { round } from "./stats.ts";

/** The gzipped size the README promises the Worker stays under (Cloudflare's own limit is 10 MB). */
export const WORKER_BUNDLE_BUDGET_KIB = 1300;

/** Libraries loaded on first use only: none of their code may run while an isolate starts. */
const LOADED_ON_USE = ["@pdf-lib/fontkit", "pdf-lib", "stripe"];

type CpuProfile = {
	nodes: Array<{ id: number; callFrame: { functionName: string; url: string }; children?: number[] }>;
	samples: number[];
	timeDeltas: number[];
};

/** Milliseconds of start-up CPU spent under a frame that names each library, from a profile. */
function startupTimeIn(profile: CpuProfile, names: readonly string[]): Record<string, number> {
	const parent = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const spent = Object.fromEntries(names.map((n) => [n, 0]));
	profile.samples.forEach((sample, i) => {
		const hit = new Set<string>();
		for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) {
			const frame = byId.get(id)?.callFrame;
			for (const name of names) if (frame?.functionName.includes(`node_modules/${name}/`)) hit.add(name);
		}
		for (const name of hit) spent[name] = (spent[name] ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000;
	});
	return spent;
}

export async function measureWorkerBundle(): Promise<{ rows: Row[]; detail: unknown }> {
	const dir = mkdtempSync(join(tmpdir(), "fleet-portal-bench-worker-"));
	const wrangler = resolve("node_modules/.bin/wrangler");
	try {
		execFileSync(wrangler, ["deploy", "--dry-run", "--outdir", dir], { stdio: "ignore" });
		const bundle = readFileSync(join(dir, "index.js"));
		const gzKib = round(gzipSync(bundle).length / 1024, 0);
		const profilePath = join(dir, "startup.cpuprofile");
		const out = execFileSync(wrangler, ["check", "startup", "--outfile", profilePath], { encoding: "utf8" });
		const active = Number(out.match(/Active: ([\d.]+) ms/)?.[1] ?? Number.NaN);
		const spent = startupTimeIn(JSON.parse(readFileSync(profilePath, "utf8")) as CpuProfile, LOADED_ON_USE);
		const evaluated = Object.entries(spent).filter(([, ms]) => ms > 0);
		return {
			rows: [
				row("Worker bundle (wrangler deploy --dry-run)", round(bundle.length / 1024, 0), "KiB", null, null),
				row("Worker bundle gzipped", gzKib, `KiB gz (budget ${WORKER_BUNDLE_BUDGET_KIB})`, null, {
					op: "<=",
					target: WORKER_BUNDLE_BUDGET_KIB,
				}),
				row("Worker start-up CPU, local profile", active, "ms", null, null),
				row(
					"PDF renderer and Stripe SDK evaluated at start-up",
					round(evaluated.reduce((n, [, ms]) => n + ms, 0)),
					evaluated.length ? `ms in ${evaluated.map(([name]) => name).join(", ")}` : "ms",
					null,
					{ op: "==", target: 0 },
				),
			],
			detail: { bytes: bundle.length, gzipKib: gzKib, startupActiveMs: active, startupMsIn: spent },
		};
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
