// The platform operator's view of its tenants, read from and written to D1 through
// `wrangler d1 execute` — the local database by default, the deployed one with --remote.
//
//   npm run tenant -- list [--remote]              every tenant: status, created, jobs, emails, requests
//   npm run tenant -- suspend <slug> [--remote]    every audience answers 404 from the next request on
//   npm run tenant -- resume <slug> [--remote]
//   npm run tenant -- usage <slug> [--remote]      per UTC day: requests, emails, jobs created
//   [--persist-to DIR]                             the local state directory, as `wrangler dev` takes it
//
// Requests are counted per tenant per day by the Worker (workers/domain/tenant/usage.ts, flushed
// to `tenant_usage_days` in batches); emails when a tenant's email is delivered.
import { execFileSync } from "node:child_process";
import { SLUG_PATTERN } from "../workers/domain/start/slug-rules.ts";

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
	const i = args.indexOf(name);
	return i >= 0 ? args[i + 1] : undefined;
};
const persistTo = option("--persist-to");
const [command, slugArg] = args.filter((a, i) => !a.startsWith("--") && args[i - 1] !== "--persist-to");

function usage(message?: string): never {
	if (message) console.error(message);
	console.error("usage: npm run tenant -- list | suspend <slug> | resume <slug> | usage <slug> [--remote]");
	process.exit(2);
}

type Row = Record<string, string | number | null>;

/** Runs one statement; `wrangler d1 execute` binds no parameters, so only checked values are spliced in. */
function d1(statement: string): Row[] {
	const wranglerArgs = [
		"d1",
		"execute",
		"DB",
		flag("--remote") ? "--remote" : "--local",
		"--json",
		`--command=${statement}`,
	];
	if (persistTo) wranglerArgs.push(`--persist-to=${persistTo}`);
	const out = execFileSync("wrangler", wranglerArgs, {
		encoding: "utf8",
		stdio: ["ignore", "pipe", "inherit"],
	});
	const parsed: unknown = JSON.parse(out);
	const first = Array.isArray(parsed) ? parsed[0] : undefined;
	const results = first && typeof first === "object" && "results" in first ? first.results : undefined;
	return Array.isArray(results) ? results : [];
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
		d1(`SELECT t.slug, ${STATUS} AS status, ${day("t.created_at")} AS created,
			(SELECT count(*) FROM jobs j WHERE j.tenant_id = t.id) AS jobs,
			(SELECT coalesce(sum(u.emails), 0) FROM tenant_usage_days u WHERE u.tenant_id = t.id) AS emails,
			(SELECT coalesce(sum(u.requests), 0) FROM tenant_usage_days u WHERE u.tenant_id = t.id) AS requests,
			t.name
			FROM tenants t ORDER BY t.created_at, t.slug`),
	);
}

function setSuspended(slug: string, suspended: boolean) {
	const change = suspended
		? `UPDATE tenants SET suspended_at = ${Date.now()} WHERE slug = '${slug}' AND suspended_at IS NULL`
		: `UPDATE tenants SET suspended_at = NULL WHERE slug = '${slug}'`;
	d1(change);
	const [row] = d1(`SELECT t.slug, ${STATUS} AS status FROM tenants t WHERE t.slug = '${slug}'`);
	if (!row) usage(`No tenant has the slug "${slug}".`);
	console.log(`${row.slug}: ${row.status}`);
}

function usageOf(slug: string) {
	const [tenant] = d1(
		`SELECT t.id, t.slug, t.name, ${STATUS} AS status, ${day("t.created_at")} AS created FROM tenants t WHERE t.slug = '${slug}'`,
	);
	if (!tenant) usage(`No tenant has the slug "${slug}".`);
	console.log(`${tenant.name} (${tenant.slug}) · ${tenant.status} · created ${tenant.created}`);
	const id = String(tenant.id).replaceAll("'", "''");
	printTable(
		d1(`WITH days AS (
				SELECT day FROM tenant_usage_days WHERE tenant_id = '${id}'
				UNION SELECT ${day("created_at")} FROM jobs WHERE tenant_id = '${id}'
			)
			SELECT d.day,
				coalesce((SELECT requests FROM tenant_usage_days WHERE tenant_id = '${id}' AND day = d.day), 0) AS requests,
				coalesce((SELECT emails FROM tenant_usage_days WHERE tenant_id = '${id}' AND day = d.day), 0) AS emails,
				(SELECT count(*) FROM jobs WHERE tenant_id = '${id}' AND ${day("created_at")} = d.day) AS jobs
			FROM days d ORDER BY d.day DESC LIMIT 62`),
	);
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
	default:
		usage(command ? `Unknown command "${command}".` : undefined);
}
