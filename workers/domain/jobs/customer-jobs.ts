import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import { type JobStatus, jobEvents, jobStops, jobs, type StopSummary } from "../../../schema/tables/jobs";
import { technicians } from "../../../schema/tables/staff";
import type { Db } from "../../db";
import { iso } from "../time";
import type { CustomerScope } from "./customer-scope";
import { ownedJobs, typedForThem, visibleJobs } from "./customer-scope";
import { jobDetails, jobStopView } from "./job-stops";

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
	/** Only the jobs of this location of the account. */
	locationId?: string;
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
	/** The account location (branch) the job is for, if any. */
	locationId: string | null;
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

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

const listColumns = {
	id: jobs.id,
	number: jobs.number,
	kind: jobs.kind,
	locationId: jobs.locationId,
	status: jobs.status,
	reference: jobs.reference,
	createdAt: jobs.createdAt,
	windowStart: jobs.windowStart,
	windowEnd: jobs.windowEnd,
	stopsSummary: jobs.stopsSummary,
};

/**
 * The reads of a page of the contact's jobs, newest first, for one `db.batch`. Each way a job
 * can be theirs is its own index range scan limited to the page size, merged after by
 * `toCustomerJobPage`: rows read stay near rows returned.
 */
export function customerJobListReads(db: Db, scope: CustomerScope, f: JobListFilters) {
	const filters: SQL[] = [];
	if (f.statuses?.length)
		filters.push(
			sql`status IN (${sql.join(
				f.statuses.map((s) => sql`${s}`),
				sql`, `,
			)})`,
		);
	if (f.locationId) filters.push(sql`location_id = ${f.locationId}`);
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
	const branch = (who: SQL) =>
		db
			.select(listColumns)
			.from(jobs)
			.where(and(eq(jobs.tenantId, scope.tenantId), who, ...filters))
			.orderBy(desc(jobs.createdAt), desc(jobs.id))
			.limit(f.limit + 1);
	// Two plain range scans in one round trip, merged here: a SQL UNION would read both again
	// through temporary tables.
	// A job linked to the contact is in the first range only, so the two hardly overlap.
	return [branch(ownedJobs(scope)), branch(typedForThem(scope))] as const;
}

type ListRow = Awaited<ReturnType<typeof customerJobListReads>[number]>[number];

/** The page `customerJobListReads` read: both ranges merged, each job once. */
export function toCustomerJobPage(owned: ListRow[], byEmail: ListRow[], limit: number) {
	const take = limit + 1;
	const seen = new Set<string>();
	const rows = [...owned, ...byEmail]
		.filter((r) => !seen.has(r.id) && seen.add(r.id))
		.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
		.slice(0, take);
	const page = rows.slice(0, limit);
	const items: JobListItem[] = page.map((r) => ({
		id: r.id,
		number: r.number,
		kind: r.kind,
		status: r.status,
		reference: r.reference,
		createdAt: new Date(r.createdAt).toISOString(),
		windowStart: iso(r.windowStart),
		windowEnd: iso(r.windowEnd),
		stops: r.stopsSummary,
		locationId: r.locationId,
	}));
	const last = page[page.length - 1];
	const nextCursor =
		rows.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null;
	return { items, nextCursor };
}

/**
 * The reads of one job with its stops, technician and customer-visible timeline, for a
 * `db.batch` of their own (`getCustomerJob`) or at the end of the batch that wrote the job.
 */
export function customerJobReads(db: Db, scope: CustomerScope, jobId: string) {
	return [
		db
			// Aliased: D1 batches return rows keyed by column name, so two `name`s would collide.
			.select({
				job: jobs,
				technician: {
					name: sql<string>`${technicians.name}`.as("technician_name"),
					photoUrl: sql<string | null>`${technicians.photoUrl}`.as("technician_photo_url"),
					bio: sql<string | null>`${technicians.bio}`.as("technician_bio"),
					bioApprovedAt: sql<number | null>`${technicians.bioApprovedAt}`.as("technician_bio_approved_at"),
				},
			})
			.from(jobs)
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
	] as const;
}

type Reads = ReturnType<typeof customerJobReads>;
/** What the batch answers for `customerJobReads`, in order. */
export type CustomerJobRows = [Awaited<Reads[0]>, Awaited<Reads[1]>, Awaited<Reads[2]>];

/**
 * One job with its stops, technician and customer-visible timeline, in one D1 round trip;
 * undefined when it is not the contact's (whatever tenant it belongs to).
 */
export async function getCustomerJob(db: Db, scope: CustomerScope, jobId: string) {
	return toCustomerJob(await db.batch(customerJobReads(db, scope, jobId)));
}

/** The job as the customer sees it, from what `customerJobReads` read; undefined when none. */
export function toCustomerJob([jobRows, stops, events]: Readonly<CustomerJobRows>) {
	const row = jobRows[0];
	if (!row) return undefined;
	const { job } = row;
	// A left join with no technician yields a row of nulls.
	const technician = row.technician.name === null ? null : row.technician;
	return {
		...jobDetails(job),
		customerName: job.customerName,
		accountName: job.accountName,
		pausedMessage: job.status === "paused" ? job.pausedMessage : null,
		technician: technician
			? {
					name: technician.name,
					photoUrl: technician.photoUrl,
					// Customers see a bio only once a dispatcher approved it.
					bio: technician.bioApprovedAt ? technician.bio : null,
				}
			: null,
		stops: stops.map(jobStopView),
		timeline: events.map((e) => ({
			type: e.type,
			message: e.message,
			actor: e.actorLabel,
			at: new Date(e.createdAt).toISOString(),
		})),
	};
}

export type CustomerJob = NonNullable<ReturnType<typeof toCustomerJob>>;
