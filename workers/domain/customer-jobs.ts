import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import { accounts } from "../../schema/tables/accounts";
import { type JobStatus, jobEvents, jobStops, jobs, type StopSummary } from "../../schema/tables/jobs";
import { technicians } from "../../schema/tables/staff";
import type { Db } from "../app-env";
import type { CustomerScope } from "./customer-scope";
import { visibleJobs } from "./customer-scope";

export const STATUS_GROUPS: Record<"upcoming" | "active" | "past", JobStatus[]> = {
	upcoming: ["unassigned", "assigned"],
	active: ["en_route", "in_progress", "paused"],
	past: ["completed", "cancelled"],
};

export type JobListFilters = {
	statuses?: JobStatus[];
	from?: number;
	to?: number;
	q?: string;
	cursor?: { createdAt: number; id: string };
	limit: number;
};

export type JobListItem = {
	id: string;
	number: number;
	kind: string;
	status: JobStatus;
	reference: string | null;
	createdAt: string;
	windowStart: string | null;
	windowEnd: string | null;
	stops: StopSummary[];
};

/** Opaque pagination position: the last row's (createdAt, id). */
export function encodeCursor(item: { createdAt: number; id: string }): string {
	return btoa(`${item.createdAt}:${item.id}`).replaceAll("=", "");
}

export function decodeCursor(value: string): { createdAt: number; id: string } | null {
	try {
		const [at, id] = atob(value).split(":");
		const createdAt = Number(at);
		return Number.isSafeInteger(createdAt) && id && /^[a-z]+_[a-z0-9_]+$/.test(id) ? { createdAt, id } : null;
	} catch {
		return null;
	}
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/**
 * A page of the contact's jobs, newest first. Each way a job can be theirs is its own
 * index range scan limited to the page size, merged after: rows read stay near rows returned.
 */
export async function listCustomerJobs(db: Db, scope: CustomerScope, f: JobListFilters) {
	const filters: SQL[] = [];
	if (f.statuses?.length)
		filters.push(
			sql`status IN (${sql.join(
				f.statuses.map((s) => sql`${s}`),
				sql`, `,
			)})`,
		);
	if (f.from !== undefined) filters.push(sql`created_at >= ${f.from}`);
	if (f.to !== undefined) filters.push(sql`created_at < ${f.to}`);
	if (f.cursor) {
		// The `<=` keeps this a range on the index; the OR only breaks ties.
		filters.push(
			sql`created_at <= ${f.cursor.createdAt} AND (created_at < ${f.cursor.createdAt} OR id < ${f.cursor.id})`,
		);
	}
	if (f.q) {
		const like = `%${escapeLike(f.q)}%`;
		filters.push(
			sql`(reference LIKE ${like} ESCAPE '\\' OR stops_summary LIKE ${like} ESCAPE '\\' OR CAST(number AS TEXT) = ${f.q})`,
		);
	}
	const extra = filters.length ? sql` AND ${sql.join(filters, sql` AND `)}` : sql``;
	const take = f.limit + 1;
	const columns = sql`id, number, kind, status, reference, created_at, window_start, window_end, stops_summary`;
	const owner = scope.adminOfAccountId
		? sql`account_id = ${scope.adminOfAccountId}`
		: sql`contact_id = ${scope.contactId}`;
	const branch = (who: SQL) =>
		sql`SELECT * FROM (SELECT ${columns} FROM jobs WHERE tenant_id = ${scope.tenantId} AND ${who}${extra} ORDER BY created_at DESC, id DESC LIMIT ${take})`;
	const rows = await db.all<{
		id: string;
		number: number;
		kind: string;
		status: JobStatus;
		reference: string | null;
		created_at: number;
		window_start: number | null;
		window_end: number | null;
		stops_summary: string;
	}>(
		sql`${branch(owner)} UNION ${branch(sql`customer_email_normalized = ${scope.emailNormalized}`)} ORDER BY created_at DESC, id DESC LIMIT ${take}`,
	);
	const page = rows.slice(0, f.limit);
	const items: JobListItem[] = page.map((r) => ({
		id: r.id,
		number: r.number,
		kind: r.kind,
		status: r.status,
		reference: r.reference,
		createdAt: new Date(r.created_at).toISOString(),
		windowStart: iso(r.window_start),
		windowEnd: iso(r.window_end),
		stops: JSON.parse(r.stops_summary) as StopSummary[],
	}));
	const last = page[page.length - 1];
	const nextCursor =
		rows.length > f.limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null;
	return { items, nextCursor };
}

/**
 * One job with its stops, technician and customer-visible timeline, in one D1 round trip;
 * undefined when it is not the contact's (whatever tenant it belongs to).
 */
export async function getCustomerJob(db: Db, scope: CustomerScope, jobId: string) {
	const [jobRows, stops, events] = await db.batch([
		db
			// Aliased: D1 batches return rows keyed by column name, so two `name`s would collide.
			.select({
				job: jobs,
				accountName: sql<string | null>`${accounts.name}`.as("account_name"),
				technician: {
					name: sql<string>`${technicians.name}`.as("technician_name"),
					photoUrl: sql<string | null>`${technicians.photoUrl}`.as("technician_photo_url"),
					bio: sql<string | null>`${technicians.bio}`.as("technician_bio"),
					bioApprovedAt: sql<number | null>`${technicians.bioApprovedAt}`.as("technician_bio_approved_at"),
				},
			})
			.from(jobs)
			.leftJoin(accounts, and(eq(accounts.id, jobs.accountId), eq(accounts.tenantId, jobs.tenantId)))
			.leftJoin(
				technicians,
				and(eq(technicians.id, jobs.technicianId), eq(technicians.tenantId, jobs.tenantId)),
			)
			.where(and(eq(jobs.id, jobId), visibleJobs(scope)))
			.limit(1),
		db
			.select()
			.from(jobStops)
			.where(and(eq(jobStops.tenantId, scope.tenantId), eq(jobStops.jobId, jobId)))
			.orderBy(asc(jobStops.seq)),
		db
			.select()
			.from(jobEvents)
			.where(
				and(
					eq(jobEvents.tenantId, scope.tenantId),
					eq(jobEvents.jobId, jobId),
					eq(jobEvents.visibleToCustomer, true),
				),
			)
			.orderBy(asc(jobEvents.createdAt)),
	]);
	const row = jobRows[0];
	if (!row) return undefined;
	const { job } = row;
	// A left join with no technician yields a row of nulls.
	const technician = row.technician.name === null ? null : row.technician;
	return {
		id: job.id,
		number: job.number,
		kind: job.kind,
		status: job.status,
		source: job.source,
		reference: job.reference,
		description: job.description,
		packageDescription: job.packageDescription,
		customerName: job.customerName,
		accountName: row.accountName,
		createdAt: new Date(job.createdAt).toISOString(),
		windowStart: iso(job.windowStart),
		windowEnd: iso(job.windowEnd),
		pausedMessage: job.status === "paused" ? job.pausedMessage : null,
		technician: technician
			? {
					name: technician.name,
					photoUrl: technician.photoUrl,
					// Customers see a bio only once a dispatcher approved it.
					bio: technician.bioApprovedAt ? technician.bio : null,
				}
			: null,
		stops: stops.map((s) => ({
			seq: s.seq,
			kind: s.kind,
			line1: s.line1,
			line2: s.line2,
			city: s.city,
			region: s.region,
			postalCode: s.postalCode,
			country: s.country,
			contactName: s.contactName,
			contactPhone: s.contactPhone,
			instructions: s.instructions,
			windowStart: iso(s.windowStart),
			windowEnd: iso(s.windowEnd),
		})),
		timeline: events.map((e) => ({
			type: e.type,
			message: e.message,
			actor: e.actorLabel,
			at: new Date(e.createdAt).toISOString(),
		})),
	};
}

export type CustomerJob = NonNullable<Awaited<ReturnType<typeof getCustomerJob>>>;
