// (a) A signed-in portal read (session + D1 list) against a hello-world route: latency at a
// fixed arrival rate, and saturation throughput.

import { SLUG } from "./accounts.ts";
import { runPinned } from "./child.ts";
import type { BenchContext } from "./context.ts";
import { type Row, row } from "./report.ts";
import { HttpLoadResult, type HttpLoadSpec } from "./specs.ts";
import { median, quantile, round } from "./stats.ts";

/** The fixed arrival rate; at most half of what the portal read sustains, so neither route queues. */
const MAX_RATE = Number(process.env.BENCH_RATE ?? 200);
const OPEN_SECONDS = 5;
const CLOSED_SECONDS = 4;
const CONCURRENCY = 32;

type RunFigures = { p50: number; p99: number; throughput: number; errors: number };

async function load(spec: HttpLoadSpec) {
	return runPinned("test/bench/http-load.ts", spec, HttpLoadResult);
}

async function runOnce(url: string, headers: Record<string, string>, rate: number): Promise<RunFigures> {
	const open = await load({
		url,
		headers,
		mode: { kind: "open", ratePerSecond: rate },
		seconds: OPEN_SECONDS,
	});
	const closed = await load({
		url,
		headers,
		mode: { kind: "closed", concurrency: CONCURRENCY },
		seconds: CLOSED_SECONDS,
	});
	return {
		p50: quantile(open.latenciesMs, 0.5),
		p99: quantile(open.latenciesMs, 0.99),
		throughput: closed.completed / closed.seconds,
		errors: open.errors + closed.errors,
	};
}

export async function measureReads(ctx: BenchContext): Promise<{ rows: Row[]; detail: unknown }> {
	const health = { url: `${ctx.baseUrl}/api/health`, headers: {} };
	const portal = { url: `${ctx.baseUrl}/api/c/${SLUG}/jobs`, headers: { Cookie: ctx.cookies.customer } };
	const probe = await fetch(portal.url, { headers: portal.headers });
	if (probe.status !== 200) throw new Error(`GET ${portal.url} answered ${probe.status}`);
	// An arrival rate above what a route sustains measures its queue, not its latency.
	const calibration = await load({
		...portal,
		mode: { kind: "closed", concurrency: CONCURRENCY },
		seconds: 2,
	});
	const sustained = calibration.completed / calibration.seconds;
	const rate = Math.max(10, Math.min(MAX_RATE, Math.floor(sustained / 2)));
	ctx.log(`  portal read sustains ~${sustained.toFixed(0)} req/s: fixed arrival rate ${rate} req/s`);
	const runs: { health: RunFigures; portal: RunFigures }[] = [];
	for (let i = 0; i < ctx.runs; i++) {
		// Interleaved, so drift in the machine's load hits both routes alike.
		const h = await runOnce(health.url, health.headers, rate);
		const p = await runOnce(portal.url, portal.headers, rate);
		runs.push({ health: h, portal: p });
		ctx.log(
			`  run ${i + 1}: health p50 ${h.p50.toFixed(2)} p99 ${h.p99.toFixed(2)} ms ${h.throughput.toFixed(0)} req/s; portal p50 ${p.p50.toFixed(2)} p99 ${p.p99.toFixed(2)} ms ${p.throughput.toFixed(0)} req/s`,
		);
	}
	const m = (pick: (r: (typeof runs)[number]) => number) => median(runs.map(pick));
	const h = { p50: m((r) => r.health.p50), p99: m((r) => r.health.p99), tput: m((r) => r.health.throughput) };
	const p = { p50: m((r) => r.portal.p50), p99: m((r) => r.portal.p99), tput: m((r) => r.portal.throughput) };
	const errors = runs.reduce((n, r) => n + r.health.errors + r.portal.errors, 0);
	const note = errors ? `${errors} non-2xx answers` : undefined;
	const rows = [
		row(`hello-world p50 @${rate}/s`, round(h.p50), "ms", null, null),
		row(`hello-world p99 @${rate}/s`, round(h.p99), "ms", null, null),
		row(`hello-world saturation (c=${CONCURRENCY})`, round(h.tput, 0), "req/s", null, null),
		row(
			`portal read p50 @${rate}/s`,
			round(p.p50),
			"ms",
			round(p.p50 / h.p50),
			{ op: "<=", target: 2 },
			note,
		),
		row(
			`portal read p99 @${rate}/s`,
			round(p.p99),
			"ms",
			round(p.p99 / h.p99),
			{ op: "<=", target: 3 },
			note,
		),
		row(
			`portal read saturation (c=${CONCURRENCY})`,
			round(p.tput, 0),
			"req/s",
			round(p.tput / h.tput),
			{ op: ">=", target: 0.4 },
			note,
		),
	];
	return {
		rows,
		detail: { ratePerSecond: rate, calibratedFrom: sustained, concurrency: CONCURRENCY, runs, errors },
	};
}
