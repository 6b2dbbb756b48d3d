import type { Context } from "hono";
import type { AppEnv } from "../app-env";

/**
 * What one request cost in D1: round trips (each statement run outside a batch, or one batch),
 * rows read as D1 reports them, and what each round trip touched. Counted only when the
 * benchmark asks for it in development (`X-Bench-D1: 1`), never in production.
 */
export type D1Usage = {
	roundTrips: number;
	rowsRead: number;
	/** Rows written as D1 reports them (what D1 bills for writes). */
	rowsWritten: number;
	/** Rows written by kind of statement ("insert:jobs"), when the meter keeps them (the bill). */
	writtenBy?: Record<string, number>;
	/** Round trips whose rows read could not be learnt (writes answered without meta). */
	unmeasured: number;
	trace: string[];
};

export const D1_METRICS_HEADER = "X-Bench-D1";

type Meta = { rows_read?: number; rows_written?: number } | undefined;

/** "select:sessions", "select:contacts+accounts": the verb and the tables a statement names. */
function describe(sql: string): string {
	const verb = sql.trim().split(/\s+/, 1)[0]?.toLowerCase() ?? "?";
	const tables = new Set<string>();
	for (const m of sql.matchAll(/\b(?:from|join|into|update)\s+["`]?([a-z_][a-z0-9_]*)/gi)) {
		if (m[1]) tables.add(m[1].toLowerCase());
	}
	return `${verb}:${[...tables].join("+") || "?"}`;
}

function countWrites(usage: D1Usage, sql: string, meta: Meta) {
	if (!usage.writtenBy || !meta?.rows_written) return;
	const kind = describe(sql);
	usage.writtenBy[kind] = (usage.writtenBy[kind] ?? 0) + meta.rows_written;
}

/**
 * How many columns a write's RETURNING clause names, when it is a plain list of quoted columns
 * (as drizzle writes it: `returning "id", "attempts"`); null for any other write.
 */
function returnedColumns(sql: string): number | null {
	const clause = /\breturning\s+([\s\S]+)$/i.exec(sql)?.[1]?.trim();
	if (!clause) return null;
	const columns = clause.split(/\s*,\s*/);
	return columns.every((c) => /^"[^"]+"$/.test(c)) && new Set(columns).size === columns.length
		? columns.length
		: null;
}

// Only a statement that cannot write may be run a second time to learn its rows read.
const readOnly = (sql: string) =>
	/^\s*(select|with)\b/i.test(sql) && !/\b(insert|update|delete|replace)\b/i.test(sql);

class MeteredStatement {
	constructor(
		readonly inner: D1PreparedStatement,
		readonly sql: string,
		private readonly usage: D1Usage,
	) {}

	bind(...values: unknown[]): MeteredStatement {
		return new MeteredStatement(this.inner.bind(...values), this.sql, this.usage);
	}

	private record(meta: Meta) {
		this.usage.roundTrips++;
		this.usage.rowsRead += meta?.rows_read ?? 0;
		this.usage.rowsWritten += meta?.rows_written ?? 0;
		countWrites(this.usage, this.sql, meta);
		this.usage.trace.push(`${describe(this.sql)}=${meta?.rows_read ?? "?"}`);
	}

	/**
	 * `raw()` and `first()` (what drizzle's `.get()` and `.values()` use) answer without meta:
	 * a read is run once more with `all()` to learn its rows read; that second run is
	 * instrumentation, not counted as a round trip.
	 */
	private async recordWithoutMeta() {
		this.usage.roundTrips++;
		if (!readOnly(this.sql)) {
			this.usage.unmeasured++;
			this.usage.trace.push(`${describe(this.sql)}=?`);
			return;
		}
		const again = await this.inner.all();
		this.usage.rowsRead += again.meta.rows_read ?? 0;
		this.usage.trace.push(`${describe(this.sql)}=${again.meta.rows_read ?? "?"}`);
	}

	async all() {
		const result = await this.inner.all();
		this.record(result.meta);
		return result;
	}

	async run() {
		const result = await this.inner.run();
		this.record(result.meta);
		return result;
	}

	/**
	 * A write (an UPDATE … RETURNING claim, say) cannot be run twice: it is run once with `all()`,
	 * whose meta tells its rows written, and its rows are handed back as `raw()` or `first()` gives
	 * them. Only when each returned column has a name of its own, or a row's values would be lost.
	 */
	private async writeWithMeta() {
		const expected = returnedColumns(this.sql);
		if (expected === null) return null;
		const result = await this.inner.all<Record<string, unknown>>();
		const first = result.results[0];
		if (first && Object.keys(first).length !== expected)
			throw new Error(`The D1 meter cannot tell apart the columns this write returns: ${this.sql}`);
		this.record(result.meta);
		return result.results;
	}

	async first(column?: string) {
		const written = readOnly(this.sql) ? null : await this.writeWithMeta();
		if (written) {
			const row = written[0] ?? null;
			return column === undefined || row === null ? row : (row[column] ?? null);
		}
		const result = column === undefined ? await this.inner.first() : await this.inner.first(column);
		await this.recordWithoutMeta();
		return result;
	}

	async raw(options?: { columnNames?: boolean }) {
		const written = readOnly(this.sql) || options?.columnNames ? null : await this.writeWithMeta();
		if (written) return written.map((row) => Object.values(row));
		const result = options?.columnNames
			? await this.inner.raw({ columnNames: true })
			: await this.inner.raw();
		await this.recordWithoutMeta();
		return result;
	}
}

export const emptyD1Usage = (): D1Usage => ({
	roundTrips: 0,
	rowsRead: 0,
	rowsWritten: 0,
	unmeasured: 0,
	trace: [],
});

/**
 * A D1 binding (or a session on one) that counts into `usage` everything the request asks of the
 * real one.
 */
export function meteredD1(
	inner: D1Database | D1DatabaseSession,
	usage: D1Usage = emptyD1Usage(),
): { binding: D1Database; usage: D1Usage } {
	const unwrap = (s: D1PreparedStatement | MeteredStatement) => (s instanceof MeteredStatement ? s.inner : s);
	const metered = {
		prepare: (sql: string) => new MeteredStatement(inner.prepare(sql), sql, usage),
		batch: async (statements: Array<D1PreparedStatement | MeteredStatement>) => {
			const results = await inner.batch(statements.map(unwrap));
			usage.roundTrips++;
			results.forEach((r, i) => {
				usage.rowsRead += r.meta.rows_read ?? 0;
				usage.rowsWritten += r.meta.rows_written ?? 0;
				const statement = statements[i];
				if (statement instanceof MeteredStatement) countWrites(usage, statement.sql, r.meta);
			});
			const parts = statements.map(
				(s, i) =>
					`${s instanceof MeteredStatement ? describe(s.sql) : "?"}=${results[i]?.meta.rows_read ?? "?"}`,
			);
			usage.trace.push(`batch[${parts.join(",")}]`);
			return results;
		},
		exec: async (sql: string) => {
			if (!("exec" in inner)) throw new Error("A D1 session has no exec().");
			const result = await inner.exec(sql);
			usage.roundTrips++;
			usage.unmeasured++;
			usage.trace.push(`${describe(sql)}=?`);
			return result;
		},
		// A session started from a metered binding is metered into the same usage.
		...("withSession" in inner
			? {
					withSession: (constraint?: string) =>
						meteredD1(inner.withSession(constraint), usage).binding as unknown as D1DatabaseSession,
					dump: inner.dump.bind(inner),
				}
			: { getBookmark: () => inner.getBookmark() }),
	};
	// Structurally the binding's interface; the statements it hands out are unwrapped again by batch().
	return { binding: metered as unknown as D1Database, usage };
}

/** Whether this request asked for its D1 usage (development only). */
export function wantsD1Usage(c: Context<AppEnv>): boolean {
	return c.env.ENVIRONMENT === "development" && c.req.header(D1_METRICS_HEADER) === "1";
}

/** Puts the usage on the answer's headers, for the benchmark to read. */
export function reportD1Usage(c: Context<AppEnv>, usage: D1Usage): void {
	const headers = c.res.headers;
	try {
		headers.set("X-D1-Round-Trips", String(usage.roundTrips));
		headers.set("X-D1-Rows-Read", String(usage.rowsRead));
		headers.set("X-D1-Unmeasured", String(usage.unmeasured));
		headers.set("X-D1-Trace", usage.trace.join(" "));
	} catch {
		// Immutable headers (a WebSocket upgrade's answer): nothing to report there.
	}
}
