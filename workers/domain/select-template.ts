import { fillPlaceholders, type Placeholder, type Query, sql } from "drizzle-orm";
import type { Db } from "../db";

/**
 * What drizzle's query builder hands its session: the SQL with its parameters (placeholders
 * where a request's values go), the fields that map result rows, and the tables it reads.
 */
type Template = { query: Query; fields: unknown; metadata: unknown };

type Prepared = {
	getQuery(): Query;
	fields: unknown;
	queryMetadata: unknown;
	get(): Promise<unknown>;
	all(): Promise<unknown>;
};

type Session = {
	prepareQuery(
		query: Query,
		fields: unknown,
		executeMethod: "all",
		isResponseInArrayMode: boolean,
		customResultMapper: undefined,
		queryMetadata: unknown,
	): Prepared;
};

const templates = new Map<string, Template>();

/** The builder's own `_prepare`, which every drizzle select has (and `db.batch` calls). */
const prepareOf = (query: unknown) => (query as { _prepare(): Prepared })._prepare();

/**
 * A select built once per isolate and then only filled in. drizzle builds a statement's SQL
 * text from its tree of columns and conditions on every call, which is most of the CPU a cheap
 * request spends (test/bench/profile.ts); a statement every signed-in request sends, with the same
 * shape each time, is built here once with placeholders (`slot("slug")`) and each call fills them
 * with `values` and prepares it on `db`'s own session (its shard, its D1 session).
 *
 * The answer stands in for the builder's result with what callers use of it: awaiting it,
 * `.all()`, `.get()`, and a place in `db.batch`. `name` names the statement's shape: one
 * `build` per name.
 */
export function templatedSelect<Q>(
	db: Db,
	name: string,
	build: (db: Db, slot: (key: string) => Placeholder) => Q,
	values: Record<string, unknown>,
): Q {
	let template = templates.get(name);
	if (!template) {
		const prepared = prepareOf(build(db, (key) => sql.placeholder(key)));
		template = { query: prepared.getQuery(), fields: prepared.fields, metadata: prepared.queryMetadata };
		templates.set(name, template);
	}
	const { query, fields, metadata } = template;
	const session = (db as unknown as { session: Session }).session;
	const _prepare = () =>
		session.prepareQuery(
			{ sql: query.sql, params: fillPlaceholders(query.params, values) },
			fields,
			"all",
			true,
			undefined,
			metadata,
		);
	const all = () => _prepare().all();
	return {
		_prepare,
		all,
		get: () => _prepare().get(),
		// biome-ignore lint/suspicious/noThenProperty: it stands in for drizzle's awaitable builder.
		then: (done: (rows: unknown) => unknown, fail: (err: unknown) => unknown) => all().then(done, fail),
	} as unknown as Q;
}
