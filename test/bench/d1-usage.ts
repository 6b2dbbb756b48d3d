// (d) D1 round trips per read request and rows read per row returned, on each list endpoint,
// as the Worker counts them when asked with `X-Bench-D1: 1` (development only).
import type { Person } from "./accounts.ts";
import { SLUG } from "./accounts.ts";
import type { BenchContext } from "./context.ts";
import { type Row, row } from "./report.ts";
import { median, round } from "./stats.ts";

/**
 * List endpoints and who reads them; those not built yet answer 404 and are skipped. `nested`
 * names the lists inside each item that are rows of their own table (a technician's job's stops,
 * an account's locations and contacts), so they count as returned; a list kept in a column of
 * the item's own row (the board's stop summary) does not.
 */
const LISTS: Array<{ path: string; who: Person; nested?: string[] }> = [
	{ path: `/api/c/${SLUG}/jobs`, who: "customer" },
	{ path: `/api/c/${SLUG}/addresses`, who: "customer" },
	{ path: `/api/t/${SLUG}/jobs`, who: "technician", nested: ["stops"] },
	{ path: `/api/d/${SLUG}/board`, who: "staff" },
	{ path: `/api/d/${SLUG}/inbox`, who: "staff" },
	{ path: `/api/d/${SLUG}/audit`, who: "staff" },
	{ path: `/api/d/${SLUG}/customers`, who: "staff", nested: ["locations", "contacts"] },
	{ path: `/api/d/${SLUG}/technicians`, who: "staff" },
];

/** Rows a list answer returns: its top-level arrays' items, and each item's `nested` lists' items. */
function rowsReturned(body: unknown, nested: readonly string[] = []): number {
	const count = (items: unknown[]) =>
		items.reduce((n: number, item) => {
			if (typeof item !== "object" || item === null) return n + 1;
			const inner = nested.reduce((m, key) => {
				const list = (item as Record<string, unknown>)[key];
				return m + (Array.isArray(list) ? list.length : 0);
			}, 0);
			return n + 1 + inner;
		}, 0);
	if (Array.isArray(body)) return count(body);
	if (typeof body !== "object" || body === null) return 0;
	return Object.values(body).reduce((n: number, v) => n + (Array.isArray(v) ? count(v) : 0), 0);
}

type Usage = {
	roundTrips: number;
	rowsRead: number;
	/** Rows read by the session check (tenant, session and person joined), part of `rowsRead`. */
	sessionRowsRead: number;
	unmeasured: number;
	returned: number;
	trace: string;
};

/**
 * The rows the session check read, from a trace like
 * `batch[select:contact_locations+tenants+sessions+…=5,select:jobs=22]`: the one statement that
 * reads the sessions table.
 */
function sessionCheckRows(trace: string): number {
	let rows = 0;
	for (const m of trace.matchAll(/select:([a-z_+]+)=(\d+)/g)) {
		if (m[1]?.split("+").includes("sessions")) rows += Number(m[2]);
	}
	return rows;
}

async function usageOf(
	ctx: BenchContext,
	path: string,
	who: Person,
	nested?: string[],
): Promise<Usage | "missing"> {
	const res = await fetch(`${ctx.baseUrl}${path}`, {
		headers: { Cookie: ctx.cookies[who], "X-Bench-D1": "1" },
	});
	if (res.status === 404) return "missing";
	if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
	const header = (name: string) => res.headers.get(name);
	const roundTrips = header("X-D1-Round-Trips");
	if (roundTrips === null) throw new Error(`GET ${path} did not report its D1 usage`);
	const trace = header("X-D1-Trace") ?? "";
	return {
		roundTrips: Number(roundTrips),
		rowsRead: Number(header("X-D1-Rows-Read")),
		sessionRowsRead: sessionCheckRows(trace),
		unmeasured: Number(header("X-D1-Unmeasured")),
		returned: rowsReturned(await res.json(), nested),
		trace,
	};
}

export async function measureD1Usage(ctx: BenchContext): Promise<{ rows: Row[]; detail: unknown }> {
	const rows: Row[] = [];
	const detail: Record<string, Usage[] | "missing"> = {};
	for (const { path, who, nested } of LISTS) {
		const samples: Usage[] = [];
		for (let i = 0; i < ctx.runs; i++) {
			const usage = await usageOf(ctx, path, who, nested);
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
		const listRead = median(samples.map((s) => s.rowsRead - s.sessionRowsRead));
		const returned = median(samples.map((s) => s.returned));
		ctx.log(
			`  GET ${label}: ${trips} round trips [${first.trace}], ${read} rows read for ${returned} returned`,
		);
		const unmeasured = first.unmeasured
			? `${first.unmeasured} round trips without rows-read meta`
			: undefined;
		rows.push(row(`D1 round trips, GET ${label}`, trips, "", null, { op: "<=", target: 1 }, first.trace));
		// Judged on the list's own statements; the session check riding in the same batch reads a
		// fixed handful of rows (tenant, session, person) whatever the list's length.
		rows.push(
			row(
				`rows read per row returned, GET ${label}`,
				listRead,
				`read by the list / ${returned} returned (${read} with the session check)`,
				// An empty list still costs its reads: judged as if it returned one row.
				round(listRead / Math.max(returned, 1)),
				{ op: "<=", target: 2 },
				unmeasured,
			),
		);
	}
	return { rows, detail };
}
