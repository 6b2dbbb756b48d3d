import { normalizeEmail } from "../../workers/domain/email.ts";
import { placeKey } from "../place-key.ts";
import { webhookEventTypes } from "../webhook-values.ts";
import { demoEstimates } from "./estimates.ts";
import { demoInvoices } from "./invoices.ts";
import { demoJobs } from "./jobs.ts";
import {
	ACME,
	ACME_ACCOUNTS,
	BAYSIDE,
	BAYSIDE_ACCOUNTS,
	type DemoAccount,
	STAFF,
	TECHNICIANS,
} from "./people.ts";
import { demoRecurring } from "./recurring.ts";
import { insertIgnoringExisting, type Row } from "./sql.ts";
import { demoSurveys } from "./surveys.ts";

export { ACME, BAYSIDE, SHARED_EMAIL } from "./people.ts";

const e6 = (deg: number) => Math.round(deg * 1e6);

function accountRows(tenantId: string, accounts: DemoAccount[], now: number): Record<string, Row[]> {
	const rows: Record<string, Row[]> = {
		accounts: [],
		locations: [],
		contacts: [],
		contact_locations: [],
		saved_addresses: [],
	};
	for (const a of accounts) {
		rows.accounts?.push({
			id: a.id,
			tenant_id: tenantId,
			name: a.name,
			kind: a.kind,
			phone: a.phone,
			email_domain: a.emailDomain ?? null,
			created_at: now,
		});
		for (const loc of [a.location, ...(a.moreLocations ?? [])]) {
			const l = loc.address;
			rows.locations?.push({
				id: loc.id,
				tenant_id: tenantId,
				account_id: a.id,
				name: loc.name,
				line1: l.line1,
				line2: null,
				city: l.city,
				region: l.region,
				postal_code: l.postal,
				country: "US",
				lat_e6: e6(l.lat),
				lng_e6: e6(l.lng),
				default_contact_id: a.contacts[0]?.id ?? null,
				notes: ("notes" in loc && typeof loc.notes === "string" ? loc.notes : null) as string | null,
				created_at: now,
			});
		}
		for (const c of [...a.contacts, ...(a.newerContacts ?? [])]) {
			const scope = c.locationIds ?? [a.location.id];
			for (const locationId of scope) {
				rows.contact_locations?.push({ tenant_id: tenantId, contact_id: c.id, location_id: locationId });
			}
			rows.contacts?.push({
				id: c.id,
				tenant_id: tenantId,
				account_id: a.id,
				location_id: scope[0] ?? null,
				name: c.name,
				email: c.email,
				email_normalized: normalizeEmail(c.email),
				phone: c.phone,
				role: c.role,
				notify_prefs: {},
				blocked_at: null,
				blocked_by: null,
				last_sign_in_at: null,
				created_at: now,
			});
		}
		for (const p of a.pickups) {
			rows.saved_addresses?.push({
				id: p.id,
				tenant_id: tenantId,
				account_id: a.id,
				location_id: a.location.id,
				label: p.label,
				line1: p.address.line1,
				line2: null,
				city: p.address.city,
				region: p.address.region,
				postal_code: p.address.postal,
				country: "US",
				lat_e6: e6(p.address.lat),
				lng_e6: e6(p.address.lng),
				contact_name: p.contact,
				contact_phone: a.phone,
				instructions: p.instructions,
				created_by_contact_id: null,
				last_used_at: null,
				use_count: 0,
				created_at: now,
			});
		}
	}
	return rows;
}

const PLACE_COLUMNS = [
	"line1",
	"line2",
	"city",
	"region",
	"postal_code",
	"country",
	"lat_e6",
	"lng_e6",
	"contact_name",
	"contact_phone",
	"instructions",
] as const;

/** The contacts' recent places, as booking each demo job would have left them: its last use. */
function recentPlaceRows(jobRows: Row[], stopRows: Row[]): Row[] {
	const jobsById = new Map(jobRows.map((j) => [j.id, j]));
	const places = new Map<string, Row>();
	for (const stop of stopRows) {
		const job = jobsById.get(stop.job_id ?? null);
		if (!job?.contact_id) continue;
		const addressKey = placeKey(String(stop.line1), String(stop.city));
		const at = `${job.tenant_id}|${job.contact_id}|${addressKey}`;
		const seen = places.get(at);
		if (seen && Number(seen.last_used_at) >= Number(job.created_at)) continue;
		const row: Row = {
			tenant_id: job.tenant_id ?? null,
			contact_id: job.contact_id,
			address_key: addressKey,
		};
		for (const column of PLACE_COLUMNS) row[column] = stop[column] ?? null;
		places.set(at, { ...row, country: stop.country ?? "US", last_used_at: job.created_at ?? null });
	}
	return [...places.values()];
}

/** Every demo row, by table, in an order that satisfies references. */
export function demoRows(now: number): Array<[table: string, rows: Row[]]> {
	const tenants = [ACME, BAYSIDE].map((t) => ({ ...t, created_at: now, updated_at: now }));
	const acme = accountRows(ACME.id, ACME_ACCOUNTS, now);
	const bay = accountRows(BAYSIDE.id, BAYSIDE_ACCOUNTS, now);
	const jobs = demoJobs(now);
	const merge = (table: string) => [...(acme[table] ?? []), ...(bay[table] ?? [])];
	return [
		["tenants", tenants],
		["accounts", merge("accounts")],
		["locations", merge("locations")],
		["contacts", merge("contacts")],
		["contact_locations", merge("contact_locations")],
		["saved_addresses", merge("saved_addresses")],
		[
			"staff",
			STAFF.map((s) => ({
				id: s.id,
				tenant_id: s.tenant,
				name: s.name,
				email: s.email,
				email_normalized: normalizeEmail(s.email),
				role: s.role,
				disabled_at: null,
				last_sign_in_at: null,
				created_at: now,
			})),
		],
		[
			"technicians",
			TECHNICIANS.map((t) => ({
				id: t.id,
				tenant_id: t.tenant,
				name: t.name,
				email: t.email,
				email_normalized: normalizeEmail(t.email),
				phone: t.phone,
				photo_url: t.photo,
				bio: t.bio,
				bio_approved_at: t.approved ? now : null,
				bio_approved_by: t.approved ? "seed" : null,
				active: true,
				last_sign_in_at: null,
				created_at: now,
			})),
		],
		["jobs", jobs.flatMap((j) => j.jobs)],
		["job_stops", jobs.flatMap((j) => j.job_stops)],
		[
			"recent_places",
			recentPlaceRows(
				jobs.flatMap((j) => j.jobs),
				jobs.flatMap((j) => j.job_stops),
			),
		],
		["job_events", jobs.flatMap((j) => j.job_events)],
		[
			"surveys",
			demoSurveys(
				jobs.flatMap((j) => j.jobs),
				merge("contacts"),
				{
					[ACME.id]: "stars",
					[BAYSIDE.id]: "nps",
				},
			),
		],
		[
			"webhook_endpoints",
			[ACME, BAYSIDE].map((t) => ({
				id: `whe_demo_${t.id.replace("ten_", "")}`,
				tenant_id: t.id,
				// Delivered in process to the local inbox (/dev/webhooks) whatever the host and port.
				url: "http://localhost:8787/dev/webhooks/inbox",
				events: [...webhookEventTypes],
				secret: DEMO_WEBHOOK_SECRET,
				previous_secret: null,
				previous_secret_expires_at: null,
				created_at: now,
				failing_since: null,
				disabled_at: null,
				deleted_at: null,
			})),
		],
	];
}

/** The demo endpoints' signing secret: development only, so the inbox can verify what it receives. */
export const DEMO_WEBHOOK_SECRET = `whsec_${btoa("fleet-portal-demo-webhooks!")}`;

/** The demo estimates in every status (and the job one was booked as), by table, after `demoRows`. */
async function estimateRows(now: number): Promise<Array<[table: string, rows: Row[]]>> {
	const tenants = await demoEstimates(now);
	const tables = ["jobs", "job_stops", "job_events", "estimates", "estimate_versions", "line_items"];
	tables.push("estimate_events", "estimate_comments", "estimate_approvals");
	return tables.map((table) => [table, tenants.flatMap((t) => t[table] ?? [])]);
}

/** The demo invoices (open, partly paid, paid, overdue, a draft) by table, after the jobs they bill. */
function invoiceRows(now: number): Array<[table: string, rows: Row[]]> {
	const tenants = demoInvoices(
		now,
		demoJobs(now).flatMap((j) => j.jobs),
	);
	return ["invoices", "invoice_lines", "payments"].map((table) => [
		table,
		tenants.flatMap((t) => t[table] ?? []),
	]);
}

/** A proof of work for each completed demo job: who received it, and the technician's note. */
function proofRows(now: number): Array<[table: string, rows: Row[]]> {
	const completed = demoJobs(now)
		.flatMap((j) => j.jobs)
		.filter((j) => j.status === "completed" && typeof j.technician_id === "string");
	return [
		[
			"job_completions",
			completed.map((j) => ({
				id: `cmp_${String(j.id).slice(4)}`,
				tenant_id: j.tenant_id ?? null,
				job_id: j.id ?? null,
				technician_id: j.technician_id ?? null,
				technician_name: TECHNICIANS.find((t) => t.id === j.technician_id)?.name ?? "Technician",
				outcome: "completed",
				recipient_name: "Front desk",
				photo_ids: [],
				note:
					j.kind === "service_call" ? "Tested after the repair; all working." : "Handed over and signed for.",
				work_done: j.kind === "service_call" ? "Inspected, repaired and tested." : null,
				parts: [],
				created_at: j.completed_at ?? null,
			})),
		],
	];
}

/** The demo tenants in the order they are placed on shards: the i-th goes on shard i mod N. */
const DEMO_TENANTS = [ACME, BAYSIDE];

/** The shard a demo tenant is loaded on, of `shards`. */
export function demoShardOf(tenantId: string, shards: number): number {
	const i = DEMO_TENANTS.findIndex((t) => t.id === tenantId);
	if (i < 0) throw new Error(`${tenantId} is not a demo tenant`);
	return i % shards;
}

/**
 * The SQL that loads the demo tenants, per shard (index = shard): each tenant's rows on its
 * shard, and the directory's rows saying so on shard 0. Running it again changes nothing.
 */
export async function demoSeedStatementsByShard(now: number, shards: number): Promise<string[][]> {
	const rows = [
		...demoRows(now),
		...(await estimateRows(now)),
		...invoiceRows(now),
		...demoRecurring(now),
		...proofRows(now),
	];
	const perShard: string[][] = Array.from({ length: shards }, () => []);
	for (const [table, list] of rows) {
		for (const row of list) {
			const tenantId = table === "tenants" ? row.id : row.tenant_id;
			if (typeof tenantId !== "string") throw new Error(`a demo row of ${table} names no tenant`);
			perShard[demoShardOf(tenantId, shards)]?.push(insertIgnoringExisting(table, row));
		}
	}
	const directory = DEMO_TENANTS.map((t) =>
		insertIgnoringExisting("shard_directory", {
			slug: t.slug,
			tenant_id: t.id,
			shard: demoShardOf(t.id, shards),
			created_at: now,
		}),
	);
	perShard[0]?.push(...directory);
	return perShard;
}

/** The demo's SQL for a one-shard deploy. */
export async function demoSeedStatements(now: number): Promise<string[]> {
	return (await demoSeedStatementsByShard(now, 1))[0] ?? [];
}
