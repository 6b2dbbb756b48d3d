// (b) Bookings per second through one tenant's TenantGate against a no-op RPC to the same
// object, and a 50-way replay of one Idempotency-Key that must create exactly one job.
import { ACME } from "../../schema/demo/people.ts";
import { localDateTime } from "../../workers/domain/time.ts";
import { SLUG } from "./accounts.ts";
import { runPinned } from "./child.ts";
import type { BenchContext } from "./context.ts";
import { type Row, row } from "./report.ts";
import { HttpLoadResult } from "./specs.ts";
import { median, round } from "./stats.ts";

const SECONDS = 4;
const CONCURRENCY = 16;
const REPLAY_WAY = 50;
const HOUR = 3_600_000;

export function pickupBooking(timeZone: string, reference: string) {
	return {
		kind: "pickup_delivery",
		pickup: {
			address: { line1: "350 Fifth Avenue", city: "New York", region: "NY", postalCode: "10118" },
			contactName: "Front desk",
			contactPhone: "+1 212 555 0100",
		},
		dropoff: { address: { line1: "60 Centre Street", city: "New York", region: "NY" } },
		readyAt: localDateTime(Date.now() + HOUR, timeZone),
		deliverBy: localDateTime(Date.now() + 4 * HOUR, timeZone),
		packageDescription: "Sealed envelope",
		reference,
	};
}

async function tenantOf(baseUrl: string): Promise<{ timezone: string }> {
	const res = await fetch(`${baseUrl}/api/tenants/${SLUG}`);
	const body = (await res.json()) as { timezone?: unknown };
	if (typeof body.timezone !== "string") throw new Error(`no timezone for ${SLUG}`);
	return { timezone: body.timezone };
}

/** 50 identical bookings at once with one key; then how many jobs exist for it. */
async function replay(ctx: BenchContext, timeZone: string) {
	const reference = `BENCH-${crypto.randomUUID().slice(0, 8)}`;
	const body = JSON.stringify(pickupBooking(timeZone, reference));
	const headers = {
		"Content-Type": "application/json",
		Cookie: ctx.cookies.customer,
		"Idempotency-Key": crypto.randomUUID(),
	};
	const url = `${ctx.baseUrl}/api/c/${SLUG}/bookings`;
	const post = async () => {
		const res = await fetch(url, { method: "POST", headers, body });
		const json = (await res.json()) as { id?: unknown };
		return { status: res.status, id: typeof json.id === "string" ? json.id : null };
	};
	const answers = await Promise.all(Array.from({ length: REPLAY_WAY }, post));
	// Once the first has finished, a retry must replay the same job.
	let last = await post();
	for (let i = 0; last.status === 409 && i < 50; i++) {
		await new Promise((r) => setTimeout(r, 100));
		last = await post();
	}
	const statuses: Record<string, number> = {};
	for (const a of [...answers, last]) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
	const answeredIds = new Set([...answers, last].map((a) => a.id).filter((id) => id !== null));
	const list = await fetch(`${url.replace("/bookings", "/jobs")}?q=${encodeURIComponent(reference)}`, {
		headers: { Cookie: ctx.cookies.customer },
	});
	const { items } = (await list.json()) as { items: Array<{ id: string }> };
	return { reference, statuses, answeredIds: [...answeredIds], jobsInD1: items.map((i) => i.id) };
}

export async function measureBookings(ctx: BenchContext): Promise<{ rows: Row[]; detail: unknown }> {
	const { timezone } = await tenantOf(ctx.baseUrl);
	const booking = {
		url: `${ctx.baseUrl}/api/c/${SLUG}/bookings`,
		method: "POST" as const,
		headers: { Cookie: ctx.cookies.customer },
		body: JSON.stringify(pickupBooking(timezone, "BENCH-LOAD")),
		freshIdempotencyKey: true,
		mode: { kind: "closed" as const, concurrency: CONCURRENCY },
		seconds: SECONDS,
	};
	const noop = {
		url: `${ctx.baseUrl}/dev/bench/tenant-gate/${ACME.id}/noop`,
		method: "POST" as const,
		mode: { kind: "closed" as const, concurrency: CONCURRENCY },
		seconds: SECONDS,
	};
	const runs: { bookings: number; noop: number; errors: number; statuses: Record<string, number> }[] = [];
	for (let i = 0; i < ctx.runs; i++) {
		const n = await runPinned("test/bench/http-load.ts", noop, HttpLoadResult);
		const b = await runPinned("test/bench/http-load.ts", booking, HttpLoadResult);
		const [nRate, bRate] = [n.completed / n.seconds, b.completed / b.seconds];
		runs.push({ bookings: bRate, noop: nRate, errors: n.errors + b.errors, statuses: b.statuses });
		ctx.log(
			`  run ${i + 1}: no-op ${nRate.toFixed(0)}/s, bookings ${bRate.toFixed(0)}/s (${JSON.stringify(b.statuses)})`,
		);
	}
	const bookings = median(runs.map((r) => r.bookings));
	const noopRate = median(runs.map((r) => r.noop));
	const errors = runs.reduce((n, r) => n + r.errors, 0);
	const replayed = await replay(ctx, timezone);
	ctx.log(`  replay: ${JSON.stringify(replayed.statuses)}, jobs in D1 ${replayed.jobsInD1.length}`);
	const duplicates = Math.max(replayed.answeredIds.length, replayed.jobsInD1.length) - 1;
	const rows = [
		row(`no-op RPC to TenantGate (c=${CONCURRENCY})`, round(noopRate, 0), "req/s", null, null),
		row(
			`bookings through TenantGate (c=${CONCURRENCY})`,
			round(bookings, 0),
			"req/s",
			round(bookings / noopRate),
			{ op: ">=", target: 0.5 },
			errors ? `${errors} non-2xx answers` : undefined,
		),
		row(`${REPLAY_WAY}-way replay: jobs in D1`, replayed.jobsInD1.length, "jobs", null, {
			op: "==",
			target: 1,
		}),
		row(`${REPLAY_WAY}-way replay: duplicates`, Math.max(0, duplicates), "", null, { op: "==", target: 0 }),
	];
	return { rows, detail: { concurrency: CONCURRENCY, runs, replay: replayed } };
}
