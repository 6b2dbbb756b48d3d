import { and, asc, eq, gte, sql } from "drizzle-orm";
import { inboxUnreadCounts } from "../../../schema/tables/activity";
import { FINISHED_JOB, jobs } from "../../../schema/tables/jobs";
import { technicians } from "../../../schema/tables/staff";
import type { BoardJob } from "../../contracts/live-messages";
import type { Db } from "../../db";
import { localDate, zonedToUtc } from "../time";
import { jobFacts } from "./job-stops";

const BOARD_LIMIT = 500;

type JobRow = typeof jobs.$inferSelect;

/**
 * Derived from the records: the last failed attempt of a job that is open again (a job is
 * only ever open after a failed completion, so finished jobs skip the lookup).
 */
const lastFailedAttempt = sql<
	string | null
>`(SELECT json_object('reason', c.failure_reason, 'text', c.failure_text) FROM job_completions c WHERE c.tenant_id = "jobs"."tenant_id" AND c.job_id = "jobs"."id" AND c.outcome = 'failed' AND "jobs"."is_open" ORDER BY c.created_at DESC LIMIT 1)`.as(
	"failed_attempt",
);
// The job's columns are named with their table: drizzle writes a single table's columns bare,
// and bare, "id" and "tenant_id" would be the completion's own.

type BoardRow = { job: JobRow; failedAttempt: string | null };

export function toBoardJob({ job, failedAttempt }: BoardRow, technicianName: string | null): BoardJob {
	return {
		...jobFacts(job),
		customerName: job.customerName,
		accountName: job.accountName,
		stops: job.stopsSummary,
		technicianId: job.technicianId,
		technicianName,
		pausedMessage: job.pausedMessage,
		updatedAt: new Date(job.updatedAt).toISOString(),
		failedAttempt: failedAttempt ? (JSON.parse(failedAttempt) as BoardJob["failedAttempt"]) : null,
	};
}

/** The read, for a `db.batch`, of the board's jobs: every open one, plus those finished today. */
export function boardJobsRead(db: Db, tenantId: string, timeZone: string, now = Date.now()) {
	const startOfToday = zonedToUtc(localDate(now, timeZone), timeZone) ?? now - 86_400_000;
	// Open jobs (one range on the derived `is_open`) and jobs finished today (ranges on
	// (tenant, status, updated), partial on finished jobs); one OR would walk every job the tenant ever had. UNION ALL
	// streams both, ordered after.
	// The names come from the job row (its account's) and the technicians read beside it: no
	// lookup per job.
	const open = db
		.select({ job: jobs, failedAttempt: lastFailedAttempt })
		.from(jobs)
		.where(and(eq(jobs.tenantId, tenantId), eq(jobs.isOpen, true)));
	const finishedToday = db
		.select({ job: jobs, failedAttempt: sql<string | null>`NULL`.as("failed_attempt") })
		.from(jobs)
		.where(and(eq(jobs.tenantId, tenantId), sql.raw(FINISHED_JOB), gte(jobs.updatedAt, startOfToday)));
	return open.unionAll(finishedToday);
}

type TechnicianRow = { id: string; name: string; photoUrl: string | null; active: boolean };

/** The board's jobs, newest first, from what `boardJobsRead` and `boardTechniciansRead` read. */
export function toBoardJobs(rows: BoardRow[], technicianRows: TechnicianRow[]): BoardJob[] {
	const names = new Map(technicianRows.map((t) => [t.id, t.name]));
	return [...rows]
		.sort((a, b) => b.job.createdAt - a.job.createdAt || (a.job.id < b.job.id ? 1 : -1))
		.slice(0, BOARD_LIMIT)
		.map((row) => toBoardJob(row, row.job.technicianId ? (names.get(row.job.technicianId) ?? null) : null));
}

/**
 * The tenant's technicians, for a `db.batch`: the active ones are those a dispatcher can assign
 * (`assignableTechnicians`); all of them name the jobs on the board.
 */
export function boardTechniciansRead(db: Db, tenantId: string) {
	return db
		.select({
			id: technicians.id,
			name: technicians.name,
			photoUrl: technicians.photoUrl,
			active: technicians.active,
		})
		.from(technicians)
		.where(eq(technicians.tenantId, tenantId))
		.orderBy(asc(technicians.name), asc(technicians.id));
}

/** The technicians a dispatcher can assign, from what `boardTechniciansRead` read. */
export const assignableTechnicians = (rows: TechnicianRow[]) =>
	rows.filter((t) => t.active).map(({ id, name, photoUrl }) => ({ id, name, photoUrl }));

/** The read of one job as the board shows it, to run alone or at the end of a batch that wrote it. */
export function boardJobRead(db: Db, tenantId: string, jobId: string) {
	return db
		.select({
			job: jobs,
			failedAttempt: lastFailedAttempt,
			technicianName: sql<string | null>`${technicians.name}`.as("technician_name"),
		})
		.from(jobs)
		.leftJoin(
			technicians,
			and(eq(technicians.id, jobs.technicianId), eq(technicians.tenantId, jobs.tenantId)),
		)
		.where(and(eq(jobs.tenantId, tenantId), eq(jobs.id, jobId)))
		.limit(1);
}

/** One job as the board shows it, or undefined when it is not the tenant's. */
export async function loadBoardJob(db: Db, tenantId: string, jobId: string): Promise<BoardJob | undefined> {
	const [row] = await boardJobRead(db, tenantId, jobId);
	return row ? toBoardJob(row, row.technicianName) : undefined;
}

/**
 * The unread count stops here: a badge says "99+" past it. The count itself is exact, one row
 * kept by triggers on `inbox_alerts` (`inboxUnreadCounts`).
 */
export const UNREAD_COUNT_CAP = 100;

/**
 * The read of the inbox's unread count (at most UNREAD_COUNT_CAP) the board shows, alone or in a
 * batch: one row by primary key, or none for a tenant that never had an unread alert (count 0).
 */
export function unreadAlertsRead(db: Db, tenantId: string) {
	return db
		.select({
			n: sql<number>`min(max(${inboxUnreadCounts.unread}, 0), ${UNREAD_COUNT_CAP})`.mapWith(Number).as("n"),
		})
		.from(inboxUnreadCounts)
		.where(eq(inboxUnreadCounts.tenantId, tenantId));
}
