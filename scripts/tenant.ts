// The platform operator's view of its tenants, read from and written to D1 through
// `wrangler d1 execute` — the local databases by default, the deployed ones with --remote.
// Each tenant is on one shard (DB_0, DB_1, …; the directory on DB_0 says which).
//
//   npm run tenant -- list [--remote]              every tenant of every shard: shard, status, created, jobs, emails, requests
//   npm run tenant -- suspend <slug> [--remote]    every audience answers 404 from the next request on
//   npm run tenant -- resume <slug> [--remote]
//   npm run tenant -- usage <slug> [--remote]      per UTC day: requests, emails, jobs created
//   npm run tenant -- move <slug> <shard> [--remote] [--drain-seconds N]
//                                                  copies the tenant to another shard and points the directory there
//   [--persist-to DIR] [--config FILE]             the local state directory, as `wrangler dev` takes it; the wrangler config
//
// Requests are counted per tenant per day by the Worker (workers/domain/tenant/usage.ts, flushed
// to `tenant_usage_days` in batches); emails when a tenant's email is delivered.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SLUG_PATTERN } from "../workers/domain/start/slug-rules.ts";
import { shardBindings, wranglerD1 } from "./shards.ts";

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const VALUED = new Set(["--persist-to", "--config", "--drain-seconds"]);
const option = (name: string) => {
	const i = args.indexOf(name);
	return i >= 0 ? args[i + 1] : undefined;
};
const where = { remote: flag("--remote"), persistTo: option("--persist-to"), config: option("--config") };
const [command, slugArg, shardArg] = args.filter(
	(a, i) => !a.startsWith("--") && !VALUED.has(args[i - 1] ?? ""),
);
const SHARDS = shardBindings(where.config);

function usage(message?: string): never {
	if (message) console.error(message);
	console.error(
		"usage: npm run tenant -- list | suspend <slug> | resume <slug> | usage <slug> | move <slug> <shard> [--remote]",
	);
	process.exit(2);
}

type Row = Record<string, string | number | null>;

/** Runs one statement on a shard; `wrangler d1 execute` binds no parameters, so only checked values are spliced in. */
function d1(statement: string, shard = 0): Row[] {
	const binding = SHARDS[shard];
	if (!binding) usage(`There is no shard ${shard}: ${SHARDS.join(", ")}.`);
	const out = wranglerD1(["execute", binding, "--json", `--command=${statement}`], where, "pipe");
	const parsed: unknown = JSON.parse(out);
	const first = Array.isArray(parsed) ? parsed[0] : undefined;
	const results = first && typeof first === "object" && "results" in first ? first.results : undefined;
	return Array.isArray(results) ? results : [];
}

/** A statement file run on a shard (a move's copy: more than a command line holds). */
function d1File(statements: string[], shard: number, name: string): void {
	const binding = SHARDS[shard];
	if (!binding) usage(`There is no shard ${shard}.`);
	mkdirSync(".wrangler", { recursive: true });
	const file = join(".wrangler", name);
	writeFileSync(file, `${statements.join("\n")}\n`);
	wranglerD1(["execute", binding, `--file=${file}`], where);
}

const quoted = (v: string | number | null) =>
	v === null ? "NULL" : typeof v === "number" ? String(v) : `'${String(v).replaceAll("'", "''")}'`;

/** The shard the directory puts the tenant on; shard 0 when it does not list it. */
function shardOfSlug(slug: string): number {
	const [row] = d1(`SELECT shard FROM shard_directory WHERE slug = ${quoted(slug)}`);
	return typeof row?.shard === "number" ? row.shard : 0;
}

/** A slug as the app allows (or the demo's older ones): nothing else is ever put into SQL. */
function checkedSlug(slug: string | undefined): string {
	if (!slug) usage("Name the tenant by its slug.");
	if (!SLUG_PATTERN.test(slug) || slug.length > 64) usage(`"${slug}" is not a slug.`);
	return slug;
}

const STATUS = "CASE WHEN t.suspended_at IS NOT NULL THEN 'suspended' ELSE t.status END";
const day = (column: string) => `strftime('%Y-%m-%d', ${column} / 1000, 'unixepoch')`;

function printTable(rows: Row[]) {
	if (rows.length === 0) return console.log("(none)");
	const columns = Object.keys(rows[0] ?? {});
	const text = (v: Row[string]) => (v === null ? "—" : String(v));
	const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => text(r[c] ?? null).length)));
	// Figures line up on the right, words on the left.
	const numeric = columns.map((c) => rows.every((r) => typeof r[c] === "number"));
	const line = (cells: string[]) =>
		cells
			.map((cell, i) => (numeric[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
			.join("  ")
			.trimEnd();
	console.log(line(columns));
	for (const row of rows) console.log(line(columns.map((c) => text(row[c] ?? null))));
}

function list() {
	printTable(
		SHARDS.flatMap((_, shard) =>
			d1(
				`SELECT t.slug, ${shard} AS shard, ${STATUS} AS status, ${day("t.created_at")} AS created,
			(SELECT count(*) FROM jobs j WHERE j.tenant_id = t.id) AS jobs,
			(SELECT coalesce(sum(u.emails), 0) FROM tenant_usage_days u WHERE u.tenant_id = t.id) AS emails,
			(SELECT coalesce(sum(u.requests), 0) FROM tenant_usage_days u WHERE u.tenant_id = t.id) AS requests,
			t.name
			FROM tenants t ORDER BY t.created_at, t.slug`,
				shard,
			),
		),
	);
}

function setSuspended(slug: string, suspended: boolean) {
	const shard = shardOfSlug(slug);
	const change = suspended
		? `UPDATE tenants SET suspended_at = ${Date.now()} WHERE slug = '${slug}' AND suspended_at IS NULL`
		: `UPDATE tenants SET suspended_at = NULL WHERE slug = '${slug}'`;
	d1(change, shard);
	const [row] = d1(`SELECT t.slug, ${STATUS} AS status FROM tenants t WHERE t.slug = '${slug}'`, shard);
	if (!row) usage(`No tenant has the slug "${slug}".`);
	console.log(`${row.slug}: ${row.status}`);
}

function usageOf(slug: string) {
	const shard = shardOfSlug(slug);
	const [tenant] = d1(
		`SELECT t.id, t.slug, t.name, ${STATUS} AS status, ${day("t.created_at")} AS created FROM tenants t WHERE t.slug = '${slug}'`,
		shard,
	);
	if (!tenant) usage(`No tenant has the slug "${slug}".`);
	console.log(
		`${tenant.name} (${tenant.slug}) · ${tenant.status} · shard ${shard} · created ${tenant.created}`,
	);
	const id = String(tenant.id).replaceAll("'", "''");
	printTable(
		d1(
			`WITH days AS (
				SELECT day FROM tenant_usage_days WHERE tenant_id = '${id}'
				UNION SELECT ${day("created_at")} FROM jobs WHERE tenant_id = '${id}'
			)
			SELECT d.day,
				coalesce((SELECT requests FROM tenant_usage_days WHERE tenant_id = '${id}' AND day = d.day), 0) AS requests,
				coalesce((SELECT emails FROM tenant_usage_days WHERE tenant_id = '${id}' AND day = d.day), 0) AS emails,
				(SELECT count(*) FROM jobs WHERE tenant_id = '${id}' AND ${day("created_at")} = d.day) AS jobs
			FROM days d ORDER BY d.day DESC LIMIT 62`,
			shard,
		),
	);
}

const sleep = (seconds: number) => new Promise((done) => setTimeout(done, seconds * 1000));

/**
 * Not a tenant's: the migrations' ledger, the directory (shard 0's alone) and the development
 * mailboxes. Nor copied: the inbox's unread count, which the triggers on `inbox_alerts` rebuild
 * on the new shard as the tenant's alerts are copied (a copy of it too would count them twice).
 */
const NOT_MOVED = new Set([
	"d1_migrations",
	"shard_directory",
	"outbox_emails",
	"dev_webhook_inbox",
	"inbox_unread_counts",
]);

/**
 * Every table that holds a tenant's rows, with the column naming the tenant (`tenants` by its
 * `id`, every other by `tenant_id`) and its stored columns (`pragma_table_info` leaves generated
 * ones out, which cannot be inserted).
 */
function tenantTables(shard: number): Array<{ table: string; key: string; columns: string[] }> {
	const rows = d1(
		`SELECT m.name AS t, p.name AS c FROM sqlite_master m, pragma_table_info(m.name) p
		 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_cf_%' ORDER BY m.name, p.cid`,
		shard,
	);
	const columns = new Map<string, string[]>();
	for (const r of rows) columns.set(String(r.t), [...(columns.get(String(r.t)) ?? []), String(r.c)]);
	return [...columns.entries()]
		.filter(([table]) => !NOT_MOVED.has(table))
		.map(([table, cols]) => ({ table, columns: cols, key: table === "tenants" ? "id" : "tenant_id" }))
		.filter(({ columns: cols, key }) => cols.includes(key))
		.sort((a, b) => Number(b.table === "tenants") - Number(a.table === "tenants"));
}

/** The tenant's rows of one table on a shard, as INSERTs. */
function copyOf(
	{ table, key, columns }: { table: string; key: string; columns: string[] },
	tenantId: string,
	shard: number,
): { inserts: string[]; count: number } {
	const list = columns.map((c) => `"${c}"`).join(", ");
	const rows = d1(`SELECT ${list} FROM "${table}" WHERE "${key}" = ${quoted(tenantId)}`, shard);
	const inserts = rows.map(
		(row) =>
			`INSERT INTO "${table}" (${list}) VALUES (${columns.map((c) => quoted(row[c] ?? null)).join(", ")}) ON CONFLICT DO NOTHING;`,
	);
	return { inserts, count: rows.length };
}

/**
 * Moves a tenant to another shard (README, "Scaling"): suspends it (every audience 404s, so
 * nothing writes), waits for queue messages in flight, copies its rows of every table, checks
 * the counts, points the directory at the new shard and resumes it there; once every isolate's
 * directory cache has expired (60 s) its rows on the old shard are deleted.
 */
async function move(slug: string, to: number) {
	if (!Number.isInteger(to) || !SHARDS[to]) usage(`There is no shard ${shardArg}: ${SHARDS.join(", ")}.`);
	const from = shardOfSlug(slug);
	if (from === to) usage(`${slug} is on shard ${to} already.`);
	const [tenant] = d1(`SELECT id, suspended_at FROM tenants WHERE slug = ${quoted(slug)}`, from);
	if (!tenant) usage(`No tenant has the slug "${slug}" on shard ${from}.`);
	const tenantId = String(tenant.id);
	const wasSuspended = tenant.suspended_at ?? null;
	const [already] = d1(`SELECT count(*) AS n FROM tenants WHERE id = ${quoted(tenantId)}`, to);
	if (Number(already?.n) > 0) usage(`Shard ${to} already has rows of ${slug}: delete them first.`);

	console.log(`Moving ${slug} from ${SHARDS[from]} to ${SHARDS[to]}: suspended while it moves.`);
	d1(
		`UPDATE tenants SET suspended_at = ${Date.now()} WHERE id = ${quoted(tenantId)} AND suspended_at IS NULL`,
		from,
	);
	const drain = Number(option("--drain-seconds") ?? 90);
	console.log(`Waiting ${drain} s for requests and queue messages in flight…`);
	await sleep(drain);

	const copied: Array<{ table: string; key: string; count: number }> = [];
	const statements: string[] = [];
	for (const table of tenantTables(from)) {
		const { inserts, count } = copyOf(table, tenantId, from);
		statements.push(...inserts);
		copied.push({ table: table.table, key: table.key, count });
	}
	d1File(statements, to, `move-${slug}.sql`);
	for (const { table, key, count } of copied) {
		const [row] = d1(`SELECT count(*) AS n FROM "${table}" WHERE "${key}" = ${quoted(tenantId)}`, to);
		if (Number(row?.n) !== count) {
			console.error(
				`${table}: ${count} rows on shard ${from}, ${row?.n} on shard ${to}. The directory is unchanged;`,
			);
			console.error(
				`${slug} stays suspended on shard ${from}. Delete its rows on shard ${to} and try again.`,
			);
			process.exit(1);
		}
	}
	const now = Date.now();
	d1(
		`INSERT INTO shard_directory (slug, tenant_id, shard, created_at) VALUES (${quoted(slug)}, ${quoted(tenantId)}, ${to}, ${now})
		 ON CONFLICT (slug) DO UPDATE SET shard = excluded.shard, tenant_id = excluded.tenant_id`,
	);
	d1(`UPDATE tenants SET suspended_at = ${quoted(wasSuspended)} WHERE id = ${quoted(tenantId)}`, to);
	console.log(
		`${slug} is on ${SHARDS[to]} (${copied.reduce((n, c) => n + c.count, 0)} rows) and open again.`,
	);
	console.log("Waiting 65 s for every isolate's directory cache to expire before deleting the old copy…");
	await sleep(65);
	d1File(
		copied.map(({ table, key }) => `DELETE FROM "${table}" WHERE "${key}" = ${quoted(tenantId)};`).reverse(),
		from,
		`move-${slug}-delete.sql`,
	);
	console.log(`Its rows on ${SHARDS[from]} are deleted.`);
}

switch (command) {
	case "list":
		list();
		break;
	case "suspend":
		setSuspended(checkedSlug(slugArg), true);
		break;
	case "resume":
		setSuspended(checkedSlug(slugArg), false);
		break;
	case "usage":
		usageOf(checkedSlug(slugArg));
		break;
	case "move":
		await move(checkedSlug(slugArg), Number(shardArg));
		break;
	default:
		usage(command ? `Unknown command "${command}".` : undefined);
}
