// (d) D1 round trips per read request and rows read per row returned, on each list endpoint,
// as the Worker counts them when asked with `X-Bench-D1: 1` (development only).
import type { Person } from "./accounts.ts";
import { SLUG } from "./accounts.ts";
import type { BenchContext } from "./context.ts";
import { type Row, row } from "./report.ts";
import { median, round } from "./stats.ts";

/** List endpoints and who reads them; those not built yet answer 404 and are skipped. */
const LISTS: Array<{ path: string; who: Person }> = [
	{ path: `/api/c/${SLUG}/jobs`, who: "customer" },
	{ path: `/api/c/${SLUG}/addresses`, who: "customer" },
	{ path: `/api/t/${SLUG}/jobs`, who: "technician" },
	{ path: `/api/d/${SLUG}/board`, who: "staff" },
	{ path: `/api/d/${SLUG}/inbox`, who: "staff" },
	{ path: `/api/d/${SLUG}/audit`, who: "staff" },
	{ path: `/api/d/${SLUG}/customers`, who: "staff" },
	{ path: `/api/d/${SLUG}/customers/accounts`, who: "staff" },
	{ path: `/api/d/${SLUG}/customers/contacts`, who: "staff" },
	{ path: `/api/d/${SLUG}/technicians`, who: "staff" },
];

/** Rows a list answer returns: the lengths of its top-level arrays (`items`, `jobs`, …). */
function rowsReturned(body: unknown): number {
	if (Array.isArray(body)) return body.length;
	if (typeof body !== "object" || body === null) return 0;
	return Object.values(body).reduce((n: number, v) => n + (Array.isArray(v) ? v.length : 0), 0);
}

type Usage = { roundTrips: number; rowsRead: number; unmeasured: number; returned: number; trace: string };

async function usageOf(ctx: BenchContext, path: string, who: Person): Promise<Usage | "missing"> {
	const res = await fetch(`${ctx.baseUrl}${path}`, {
		headers: { Cookie: ctx.cookies[who], "X-Bench-D1": "1" },
	});
	if (res.status === 404) return "missing";
	if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
	const header = (name: string) => res.headers.get(name);
	const roundTrips = header("X-D1-Round-Trips");
	if (roundTrips === null) throw new Error(`GET ${path} did not report its D1 usage`);
	return {
		roundTrips: Number(roundTrips),
		rowsRead: Number(header("X-D1-Rows-Read")),
		unmeasured: Number(header("X-D1-Unmeasured")),
		returned: rowsReturned(await res.json()),
		trace: header("X-D1-Trace") ?? "",
	};
}

export async function measureD1Usage(ctx: BenchContext): Promise<{ rows: Row[]; detail: unknown }> {
	const rows: Row[] = [];
	const detail: Record<string, Usage[] | "missing"> = {};
	for (const { path, who } of LISTS) {
		const samples: Usage[] = [];
		for (let i = 0; i < ctx.runs; i++) {
			const usage = await usageOf(ctx, path, who);
			if (usage === "missing") break;
			samples.push(usage);
		}
		const label = path.replace(`/${SLUG}`, "/:slug");
		const first = samples[0];
		if (!first) {
			detail[label] = "missing";
			ctx.log(`  GET ${label}: 404, skipped`);
			continue;
		}
		detail[label] = samples;
		const trips = median(samples.map((s) => s.roundTrips));
		const read = median(samples.map((s) => s.rowsRead));
		const returned = median(samples.map((s) => s.returned));
		ctx.log(
			`  GET ${label}: ${trips} round trips [${first.trace}], ${read} rows read for ${returned} returned`,
		);
		const unmeasured = first.unmeasured
			? `${first.unmeasured} round trips without rows-read meta`
			: undefined;
		rows.push(row(`D1 round trips, GET ${label}`, trips, "", null, { op: "<=", target: 1 }, first.trace));
		rows.push(
			row(
				`rows read per row returned, GET ${label}`,
				read,
				`read / ${returned} returned`,
				// An empty list still costs its reads: judged as if it returned one row.
				round(read / Math.max(returned, 1)),
				{ op: "<=", target: 2 },
				unmeasured,
			),
		);
	}
	return { rows, detail };
}
