// (c) GPS publish → receive latency with 1, 100 and 1,000 watchers on one job, and lost fixes.
import { SLUG } from "./accounts.ts";
import { runPinned } from "./child.ts";
import type { BenchContext } from "./context.ts";
import { type Row, row } from "./report.ts";
import { GpsLoadResult } from "./specs.ts";
import { median, quantile, round } from "./stats.ts";

const WATCHER_COUNTS = [1, 100, 1000] as const;
const FRAMES = 8;
// Above the relay's 2 s per-frame limit with room for a frame that is handled late.
const INTERVAL_MS = 2300;
const GOALS: Record<number, number> = { 100: 2, 1000: 10 };

/** The demo's en-route job of the technician who signed in, and a tracking link to it. */
async function trackedJob(ctx: BenchContext): Promise<{ jobId: string; token: string }> {
	const res = await fetch(`${ctx.baseUrl}/api/t/${SLUG}/jobs`, {
		headers: { Cookie: ctx.cookies.technician },
	});
	const { items } = (await res.json()) as { items: Array<{ id: string; status: string }> };
	const job = items.find((j) => j.status === "en_route");
	if (!job) throw new Error("the technician has no en-route job today");
	const link = await fetch(`${ctx.baseUrl}/api/d/${SLUG}/jobs/${job.id}/tracking-links`, {
		method: "POST",
		headers: { Cookie: ctx.cookies.staff },
	});
	if (link.status !== 201) throw new Error(`tracking link: ${link.status} ${await link.text()}`);
	const { url } = (await link.json()) as { url: string };
	const token = url.split("/track/")[1];
	if (!token) throw new Error(`no token in ${url}`);
	return { jobId: job.id, token };
}

export async function measureGps(ctx: BenchContext): Promise<{ rows: Row[]; detail: unknown }> {
	const { jobId, token } = await trackedJob(ctx);
	const ws = ctx.baseUrl.replace(/^http/, "ws");
	const spec = {
		watcherUrl: `${ws}/api/track/${token}/live`,
		publisherUrl: `${ws}/api/t/${SLUG}/jobs/${jobId}/live`,
		publisherCookie: ctx.cookies.technician,
		origin: ctx.baseUrl,
		frames: FRAMES,
		intervalMs: INTERVAL_MS,
	};
	type Figures = { p50: number; p95: number; lost: number; connectSeconds: number };
	const runs = new Map<number, Figures[]>(WATCHER_COUNTS.map((n) => [n, []]));
	for (let i = 0; i < ctx.runs; i++) {
		for (const watchers of WATCHER_COUNTS) {
			const r = await runPinned("test/bench/gps-load.ts", { ...spec, watchers }, GpsLoadResult);
			const figures = {
				p50: quantile(r.latenciesMs, 0.5),
				p95: quantile(r.latenciesMs, 0.95),
				lost: r.expected - r.received,
				connectSeconds: r.connectSeconds,
			};
			runs.get(watchers)?.push(figures);
			ctx.log(
				`  run ${i + 1}, ${watchers} watchers: p50 ${figures.p50.toFixed(2)} p95 ${figures.p95.toFixed(2)} ms, lost ${figures.lost} of ${r.expected} (connected in ${r.connectSeconds.toFixed(1)} s)`,
			);
		}
	}
	const p95 = (n: number) => median((runs.get(n) ?? []).map((r) => r.p95));
	const lost = WATCHER_COUNTS.reduce(
		(sum, n) => sum + (runs.get(n) ?? []).reduce((s, r) => s + r.lost, 0),
		0,
	);
	const base = p95(1);
	const rows: Row[] = WATCHER_COUNTS.map((n) => {
		const goal = GOALS[n];
		const label = `GPS publish→receive p95, ${n} watcher${n === 1 ? "" : "s"}`;
		return goal
			? row(label, round(p95(n)), "ms", round(p95(n) / base), { op: "<=", target: goal })
			: row(label, round(p95(n)), "ms", null, null);
	});
	rows.push(row("GPS fixes lost (all runs)", lost, "", null, { op: "==", target: 0 }));
	return { rows, detail: { frames: FRAMES, intervalMs: INTERVAL_MS, runs: Object.fromEntries(runs) } };
}
