import { and, desc, eq, gte, inArray, or, sql } from "drizzle-orm";
import { accounts } from "../../schema/tables/accounts";
import { jobs } from "../../schema/tables/jobs";
import { technicians } from "../../schema/tables/staff";
import type { Db } from "../app-env";
import type { BoardJob } from "./live-messages";
import { localDate, zonedToUtc } from "./time";

const OPEN_STATUSES = ["unassigned", "assigned", "en_route", "in_progress", "paused"] as const;

const boardColumns = {
	job: jobs,
	accountName: sql<string | null>`${accounts.name}`.as("account_name"),
	technicianName: sql<string | null>`${technicians.name}`.as("technician_name"),
};

type BoardRow = { job: typeof jobs.$inferSelect; accountName: string | null; technicianName: string | null };

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toBoardJob(row: BoardRow): BoardJob {
	const { job } = row;
	return {
		id: job.id,
		number: job.number,
		kind: job.kind,
		status: job.status,
		source: job.source,
		customerName: job.customerName,
		accountName: row.accountName,
		reference: job.reference,
		windowStart: iso(job.windowStart),
		windowEnd: iso(job.windowEnd),
		stops: job.stopsSummary,
		technicianId: job.technicianId,
		technicianName: row.technicianName,
		pausedMessage: job.pausedMessage,
		updatedAt: new Date(job.updatedAt).toISOString(),
	};
}

function boardQuery(db: Db) {
	return db
		.select(boardColumns)
		.from(jobs)
		.leftJoin(accounts, and(eq(accounts.id, jobs.accountId), eq(accounts.tenantId, jobs.tenantId)))
		.leftJoin(
			technicians,
			and(eq(technicians.id, jobs.technicianId), eq(technicians.tenantId, jobs.tenantId)),
		);
}

/** The board: every open job, plus jobs finished today in the tenant's zone. */
export async function loadBoardJobs(
	db: Db,
	tenantId: string,
	timeZone: string,
	now = Date.now(),
): Promise<BoardJob[]> {
	const startOfToday = zonedToUtc(localDate(now, timeZone), timeZone) ?? now - 86_400_000;
	const rows = await boardQuery(db)
		.where(
			and(
				eq(jobs.tenantId, tenantId),
				or(
					inArray(jobs.status, [...OPEN_STATUSES]),
					and(inArray(jobs.status, ["completed", "cancelled"]), gte(jobs.updatedAt, startOfToday)),
				),
			),
		)
		.orderBy(desc(jobs.createdAt))
		.limit(500);
	return rows.map(toBoardJob);
}

/** One job as the board shows it, or undefined when it is not the tenant's. */
export async function loadBoardJob(db: Db, tenantId: string, jobId: string): Promise<BoardJob | undefined> {
	const row = await boardQuery(db)
		.where(and(eq(jobs.tenantId, tenantId), eq(jobs.id, jobId)))
		.get();
	return row ? toBoardJob(row) : undefined;
}
