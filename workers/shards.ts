import { DrizzleD1Database, SQLiteD1Session } from "drizzle-orm/d1";
import { createTableRelationsHelpers, extractTablesRelationalConfig } from "drizzle-orm/relations";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import * as schema from "../schema";
import type { Bindings } from "./bindings";
import type { Db } from "./db";
import { type DirectoryEntry, directoryEntryOfSlug, directoryEntryOfTenant } from "./domain/shards/directory";
import { DirectoryCache } from "./domain/shards/directory-cache";

/**
 * The tenants' D1 databases: shards `DB_0`, `DB_1`, … (wrangler.toml). Shard 0 also holds the
 * directory of which tenant is on which shard (workers/domain/shards/directory.ts). With one
 * shard nothing here reads anything: every tenant is on shard 0.
 */

/** More bindings than any deploy would have; the count stops at the first one missing. */
const MAX_SHARDS = 64;

type D1Client = D1Database | D1DatabaseSession;

export function shardBinding(env: Bindings, shard: number): D1Database | undefined {
	return (env as unknown as Record<string, D1Database | undefined>)[`DB_${shard}`];
}

const counted = new WeakMap<object, number>();

/** How many shards this deploy has: `DB_0` … up to the first binding missing. */
export function shardCount(env: Bindings): number {
	const known = counted.get(env);
	if (known !== undefined) return known;
	let n = 0;
	while (n < MAX_SHARDS && shardBinding(env, n)) n++;
	if (n === 0) throw new Error("No D1 shard is bound: wrangler.toml needs DB_0.");
	counted.set(env, n);
	return n;
}

/**
 * The shards a new tenant may be placed on: all of them, unless `NEW_TENANT_SHARDS` ("1,2")
 * names some (a full shard keeps its tenants and takes no new ones).
 */
export function openShards(env: Bindings): number[] {
	const all = Array.from({ length: shardCount(env) }, (_, i) => i);
	const named = env.NEW_TENANT_SHARDS?.split(",")
		.map((s) => Number(s.trim()))
		.filter((n) => all.includes(n));
	return named?.length ? named : all;
}

/** Which shard a drizzle client reads; clients made elsewhere (tests) are shard 0's. */
const shardOfClient = new WeakMap<Db, number>();

export function shardOf(db: Db): number {
	return shardOfClient.get(db) ?? 0;
}

/**
 * What `drizzle(client, { schema })` derives from the schema before every client it makes: the
 * relational map of all tables. It is the same for every request, and deriving it took about a
 * tenth of a cheap request's CPU (test/bench/profile.ts), so the isolate derives it once.
 */
let relational:
	| { dialect: SQLiteAsyncDialect; schema: ConstructorParameters<typeof SQLiteD1Session>[2] }
	| undefined;

function relationalSchema() {
	if (!relational) {
		const tables = extractTablesRelationalConfig(schema, createTableRelationsHelpers);
		relational = {
			dialect: new SQLiteAsyncDialect(),
			schema: { fullSchema: schema, schema: tables.tables, tableNamesMap: tables.tableNamesMap },
		};
	}
	return relational;
}

/** A drizzle client over one shard, or over a session on it (`withSession`) or a metered wrapper. */
export function openShard(env: Bindings, shard: number, client?: D1Client): Db {
	const binding = (client ?? shardBinding(env, shard)) as D1Database | undefined;
	if (!binding) throw new Error(`No D1 binding DB_${shard}.`);
	// What drizzle(binding, { schema }) builds, over the map derived once; its generic types
	// cannot follow the map's construction, hence the cast. drizzle uses only prepare() and
	// batch(), which a session has too.
	const { dialect, schema: tables } = relationalSchema();
	const session = new SQLiteD1Session(binding, dialect, tables, {});
	// Made without the map, then given it: drizzle's constructor would also make a relational
	// query builder for each of the schema's tables (about 4% of a cheap read's CPU), which only
	// the few `db.query.<table>` calls use; `query` makes them on first use instead.
	const made = new DrizzleD1Database("async", dialect, session, undefined) as unknown as {
		_: unknown;
		query: unknown;
	};
	made._ = { schema: tables?.schema, fullSchema: tables?.fullSchema, tableNamesMap: tables?.tableNamesMap };
	let relationalQueries: unknown;
	Object.defineProperty(made, "query", {
		get: () => {
			relationalQueries ??= new DrizzleD1Database("async", dialect, session, tables).query;
			return relationalQueries;
		},
	});
	const db = Object.assign(made, { $client: binding }) as unknown as Db;
	shardOfClient.set(db, shard);
	return db;
}

/** The directory's home. */
export const directoryDb = (env: Bindings) => openShard(env, 0);

/** Every shard's client, for the jobs that run over all tenants (cron sweeps). */
export function everyShard(env: Bindings): Db[] {
	return Array.from({ length: shardCount(env) }, (_, i) => openShard(env, i));
}

const cache = new DirectoryCache();

/** A shard as the directory says, cached: `key` in the isolate's cache, else `lookup` on shard 0. */
async function shardFromDirectory(
	env: Bindings,
	key: string,
	lookup: (directory: Db) => Promise<DirectoryEntry | undefined>,
): Promise<number> {
	if (shardCount(env) === 1) return 0;
	const cached = cache.get(key);
	if (cached !== undefined) return cached;
	const entry = await lookup(directoryDb(env));
	if (entry) remember(entry);
	return entry?.shard ?? 0;
}

/** The shard of the tenant with this slug; 0 for one not in the directory (shard 0's, or no tenant). */
export const shardOfSlug = (env: Bindings, slug: string) =>
	shardFromDirectory(env, `slug:${slug}`, (directory) => directoryEntryOfSlug(directory, slug));

/** The shard of the tenant with this id (queue messages and Durable Objects know the id). */
export const shardOfTenant = (env: Bindings, tenantId: string) =>
	shardFromDirectory(env, `tenant:${tenantId}`, (directory) => directoryEntryOfTenant(directory, tenantId));

/** Puts an answer in this isolate's cache (a sign-up places a tenant, a lookup finds one). */
export function remember(entry: { slug: string; tenantId: string; shard: number }): void {
	cache.set(`slug:${entry.slug}`, entry.shard);
	cache.set(`tenant:${entry.tenantId}`, entry.shard);
}

/** The first shard on which `found` answers true, or undefined: for what names no tenant (a token). */
export async function shardWhere(
	env: Bindings,
	found: (db: Db) => Promise<boolean>,
): Promise<number | undefined> {
	const n = shardCount(env);
	if (n === 1) return 0;
	for (let shard = 0; shard < n; shard++) if (await found(openShard(env, shard))) return shard;
	return undefined;
}

/** Queue messages say which shard their rows are on (`shard`); one without it is from shard 0. */
export type ShardStamped = { shard?: number };

/** The shard a message's rows are on: its `shard`, when this deploy has it; 0 otherwise. */
export function shardOfMessage(env: Bindings, body: unknown): number {
	const shard = typeof body === "object" && body !== null ? (body as ShardStamped).shard : undefined;
	return typeof shard === "number" && Number.isInteger(shard) && shard >= 0 && shard < shardCount(env)
		? shard
		: 0;
}

/** A producer that stamps every message it sends with `shard`, for its consumer to open that shard. */
export function stampShard<Body>(queue: Queue<Body>, shard: number): Queue<Body> {
	const stamp = (body: Body) => ({ ...(body as object), shard }) as Body;
	return {
		send: (body, options) => queue.send(stamp(body), options),
		sendBatch: (messages, options) =>
			queue.sendBatch(
				[...messages].map((m) => ({ ...m, body: stamp(m.body) })),
				options,
			),
		metrics: () => queue.metrics(),
	} as Queue<Body>;
}

/** Messages grouped by the shard they name, in arrival order within each. */
export function byShard<M extends { body: unknown }>(
	env: Bindings,
	messages: readonly M[],
): Map<number, M[]> {
	const groups = new Map<number, M[]>();
	for (const message of messages) {
		const shard = shardOfMessage(env, message.body);
		const group = groups.get(shard);
		if (group) group.push(message);
		else groups.set(shard, [message]);
	}
	return groups;
}
