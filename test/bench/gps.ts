// (c) GPS publish → receive latency with 1, 100 and 1,000 watchers on one job, lost fixes, and
// the relay's own fan-out time beside them.
//
// The watchers are spread over several receiving processes and the publisher has its own, all
// on the load core, so no one process's event loop queues the arrivals it is timing; send and
// receive times are taken on the machine-wide monotonic clock (clock.ts), so they compare.
import { SLUG } from "./accounts.ts";
import { runPinned, startPinned } from "./child.ts";
import type { BenchContext } from "./context.ts";
import { type Row, row } from "./report.ts";
import { GpsPublisherResult, GpsWatchersResult } from "./specs.ts";
import { median, quantile, round } from "./stats.ts";

const WATCHER_COUNTS = [1, 100, 1000] as const;
/** Receiving processes per run (fewer when there are fewer watchers). */
const RECEIVERS = 4;
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

/** The relay's fan-out times since the last call (the dev probe forgets what it answers). */
async function takeFanOut(ctx: BenchContext, jobId: string): Promise<{ sendMs: number[]; turnMs: number[] }> {
	const res = await fetch(`${ctx.baseUrl}/dev/bench/job-relay/${jobId}/fan-out/take`, { method: "POST" });
	if (res.status !== 200) throw new Error(`fan-out probe: ${res.status} ${await res.text()}`);
	return (await res.json()) as { sendMs: number[]; turnMs: number[] };
}

/** `n` watchers split as evenly as can be over at most RECEIVERS processes. */
const shares = (n: number) => {
	const k = Math.min(RECEIVERS, n);
	return Array.from({ length: k }, (_, i) => Math.floor(n / k) + (i < n % k ? 1 : 0));
};

type Figures = {
	p50: number;
	p95: number;
	fanOutP50: number;
	fanOutP95: number;
	/** To the relay's next timer turn: what the runtime did after the sends, included (detail only). */
	turnP50: number;
	turnP95: number;
	lost: number;
	duplicates: number;
	connectSeconds: number;
};

async function oneRun(
	ctx: BenchContext,
	jobId: string,
	urls: { watcherUrl: string; publisherUrl: string },
	watchers: number,
): Promise<Figures & { expected: number }> {
	const receivers = shares(watchers).map((share) =>
		startPinned(
			"test/bench/gps-watchers.ts",
			{ watcherUrl: urls.watcherUrl, origin: ctx.baseUrl, watchers: share },
			GpsWatchersResult,
		),
	);
	await Promise.all(receivers.map((r) => r.ready));
	await takeFanOut(ctx, jobId); // forget what connecting and earlier runs left
	const { sent } = await runPinned(
		"test/bench/gps-publisher.ts",
		{
			publisherUrl: urls.publisherUrl,
			publisherCookie: ctx.cookies.technician,
			origin: ctx.baseUrl,
			frames: FRAMES,
			intervalMs: INTERVAL_MS,
		},
		GpsPublisherResult,
	);
	// Read while the watchers are still connected: a relay left idle with no sockets is evicted,
	// and its in-memory times with it.
	const fanOut = await takeFanOut(ctx, jobId);
	const results = await Promise.all(receivers.map((r) => r.finish()));
	if (fanOut.sendMs.length !== sent.length) {
		ctx.log(
			`  note: the relay timed ${fanOut.sendMs.length} of ${sent.length} fixes (it was evicted meanwhile)`,
		);
	}
	const sentAt = new Map(sent);
	const latencies: number[] = [];
	let strays = 0;
	for (const r of results) {
		for (const [at, received] of r.samples) {
			const t = sentAt.get(at);
			if (t === undefined) strays++;
			else latencies.push(received - t);
		}
	}
	const sockets = results.reduce((s, r) => s + r.sockets, 0);
	if (sockets !== watchers) throw new Error(`expected ${watchers} watchers, ${sockets} were open`);
	if (strays > 0) throw new Error(`${strays} arrivals of fixes nobody sent in this run`);
	const unreadable = results.reduce((s, r) => s + r.unreadable, 0);
	if (unreadable > 0) throw new Error(`${unreadable} position messages without a readable fix time`);
	const expected = watchers * sent.length;
	return {
		p50: quantile(latencies, 0.5),
		p95: quantile(latencies, 0.95),
		fanOutP50: quantile(fanOut.sendMs, 0.5),
		fanOutP95: quantile(fanOut.sendMs, 0.95),
		turnP50: quantile(fanOut.turnMs, 0.5),
		turnP95: quantile(fanOut.turnMs, 0.95),
		lost: expected - latencies.length,
		duplicates: results.reduce((s, r) => s + r.duplicates, 0),
		connectSeconds: Math.max(...results.map((r) => r.connectSeconds)),
		expected,
	};
}

export async function measureGps(ctx: BenchContext): Promise<{ rows: Row[]; detail: unknown }> {
	const { jobId, token } = await trackedJob(ctx);
	const ws = ctx.baseUrl.replace(/^http/, "ws");
	const urls = {
		watcherUrl: `${ws}/api/track/${token}/live`,
		publisherUrl: `${ws}/api/t/${SLUG}/jobs/${jobId}/live`,
	};
	const runs = new Map<number, Figures[]>(WATCHER_COUNTS.map((n) => [n, []]));
	for (let i = 0; i < ctx.runs; i++) {
		for (const watchers of WATCHER_COUNTS) {
			const { expected, ...figures } = await oneRun(ctx, jobId, urls, watchers);
			runs.get(watchers)?.push(figures);
			ctx.log(
				`  run ${i + 1}, ${watchers} watchers over ${shares(watchers).length} receivers: p50 ${figures.p50.toFixed(2)} p95 ${figures.p95.toFixed(2)} ms, relay fan-out p50 ${figures.fanOutP50.toFixed(2)} p95 ${figures.fanOutP95.toFixed(2)} ms (next turn p50 ${figures.turnP50.toFixed(2)} p95 ${figures.turnP95.toFixed(2)}), lost ${figures.lost} of ${expected} (connected in ${figures.connectSeconds.toFixed(1)} s)`,
			);
		}
	}
	const med = (n: number, pick: (f: Figures) => number) => median((runs.get(n) ?? []).map(pick));
	const p95 = (n: number) => med(n, (f) => f.p95);
	const lost = WATCHER_COUNTS.reduce(
		(sum, n) => sum + (runs.get(n) ?? []).reduce((s, r) => s + r.lost, 0),
		0,
	);
	const base = p95(1);
	const plural = (n: number) => `${n} watcher${n === 1 ? "" : "s"}`;
	const rows: Row[] = [];
	for (const n of WATCHER_COUNTS) {
		const goal = GOALS[n];
		const label = `GPS publish→receive p95, ${plural(n)}`;
		rows.push(
			goal
				? row(label, round(p95(n)), "ms", round(p95(n) / base), { op: "<=", target: goal })
				: row(label, round(p95(n)), "ms", null, null),
		);
		// Informational: how much of the end-to-end time is the relay's own work.
		for (const q of ["p50", "p95"] as const) {
			const pick = (f: Figures) => (q === "p50" ? f.fanOutP50 : f.fanOutP95);
			rows.push(row(`GPS relay fan-out ${q}, ${plural(n)}`, round(med(n, pick)), "ms", null, null));
		}
	}
	rows.push(row("GPS fixes lost (all runs)", lost, "", null, { op: "==", target: 0 }));
	return {
		rows,
		detail: {
			frames: FRAMES,
			intervalMs: INTERVAL_MS,
			receivers: RECEIVERS,
			runs: Object.fromEntries(runs),
		},
	};
}
