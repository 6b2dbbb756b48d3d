// Load generator (a child process on the load core): fires HTTP requests at one route either
// at a fixed arrival rate (open loop) or as fast as `concurrency` callers can (closed loop).
import { Agent, request } from "node:http";
import type { z } from "zod";
import { specOf } from "./child.ts";
import { type HttpLoadResult, HttpLoadSpec } from "./specs.ts";

type Outcome = { status: number };

function send(spec: z.infer<typeof HttpLoadSpec>, agent: Agent): Promise<Outcome> {
	const url = new URL(spec.url);
	const headers: Record<string, string> = { ...spec.headers };
	if (spec.freshIdempotencyKey) headers["Idempotency-Key"] = crypto.randomUUID();
	if (spec.body !== undefined) {
		headers["Content-Type"] = "application/json";
		headers["Content-Length"] = String(Buffer.byteLength(spec.body));
	}
	return new Promise((done) => {
		const req = request(
			{
				host: url.hostname,
				port: url.port,
				path: url.pathname + url.search,
				method: spec.method,
				headers,
				agent,
			},
			(res) => {
				res.on("data", () => {});
				res.on("end", () => done({ status: res.statusCode ?? 0 }));
				res.on("error", () => done({ status: 0 }));
			},
		);
		req.on("error", () => done({ status: 0 }));
		req.end(spec.body);
	});
}

async function closedLoop(spec: z.infer<typeof HttpLoadSpec>, agent: Agent, seconds: number, keep: boolean) {
	const until = performance.now() + seconds * 1000;
	const latencies: number[] = [];
	const statuses = new Map<number, number>();
	const concurrency = spec.mode.kind === "closed" ? spec.mode.concurrency : 1;
	const caller = async () => {
		while (performance.now() < until) {
			const start = performance.now();
			const { status } = await send(spec, agent);
			if (!keep) continue;
			latencies.push(performance.now() - start);
			statuses.set(status, (statuses.get(status) ?? 0) + 1);
		}
	};
	const started = performance.now();
	await Promise.all(Array.from({ length: concurrency }, caller));
	return { latencies, statuses, seconds: (performance.now() - started) / 1000 };
}

/**
 * Sends request i at start + i/rate whatever happened to earlier ones, and measures each from
 * that scheduled time, so a stall shows up in the latencies instead of silently slowing the
 * sender (coordinated omission).
 */
async function openLoop(spec: z.infer<typeof HttpLoadSpec>, agent: Agent, rate: number, seconds: number) {
	const total = Math.round(rate * seconds);
	const start = performance.now() + 20;
	const latencies: number[] = [];
	const statuses = new Map<number, number>();
	const pending: Promise<void>[] = [];
	for (let i = 0; i < total; i++) {
		const scheduled = start + (i * 1000) / rate;
		const wait = scheduled - performance.now();
		if (wait > 1) await new Promise((r) => setTimeout(r, wait));
		pending.push(
			send(spec, agent).then(({ status }) => {
				latencies.push(performance.now() - scheduled);
				statuses.set(status, (statuses.get(status) ?? 0) + 1);
			}),
		);
	}
	await Promise.all(pending);
	return { latencies, statuses, seconds: (performance.now() - start) / 1000 };
}

const spec = specOf(HttpLoadSpec);
const agent = new Agent({ keepAlive: true, maxSockets: 512 });
if (spec.warmupSeconds > 0) {
	await closedLoop({ ...spec, mode: { kind: "closed", concurrency: 4 } }, agent, spec.warmupSeconds, false);
}
const run =
	spec.mode.kind === "open"
		? await openLoop(spec, agent, spec.mode.ratePerSecond, spec.seconds)
		: await closedLoop(spec, agent, spec.seconds, true);
agent.destroy();
const statuses = Object.fromEntries([...run.statuses].map(([k, v]) => [String(k), v]));
const errors = [...run.statuses].filter(([s]) => s < 200 || s >= 300).reduce((n, [, v]) => n + v, 0);
const result: HttpLoadResult = {
	latenciesMs: run.latencies,
	completed: run.latencies.length,
	errors,
	statuses,
	seconds: run.seconds,
};
console.log(JSON.stringify(result));
