import type { z } from "@hono/zod-openapi";
import { and, eq, gte, type SQL, sql } from "drizzle-orm";
import type { BatchResponse } from "drizzle-orm/batch";
import { COMPLETED_JOB, type JobStatus, jobStops, jobs } from "../../../schema/tables/jobs";
import { StatusMovedSchema } from "../../contracts/technician";
import type { Db } from "../../db";
import { AppError, notFound } from "../../errors";
import { type Actor, auditBy } from "../activity/actor";
import type { LiveChannels } from "../live/live-jobs";
import { type NoticeLog, notificationInsert } from "../notifications/record";
import { prefixedColumns } from "../prefixed-columns";
import { localDate, zonedToUtc } from "../time";
import { isUniqueViolation } from "../unique-violation";
import { jobWebhookStatements } from "../webhooks/events";
import { jobEventInsert } from "./job-events";
import { canTechnicianMove, statusEventMessage } from "./job-status";
import {
	type RequestKey,
	replayRecord,
	requestKey,
	requestRecordRead,
	requestRecordWrites,
} from "./request-records";
import { type TechnicianJob, technicianStopView, toTechnicianJob } from "./technician-job-view";

/** Ascending, with no time first, as SQLite orders. */
const compareNullsFirst = (a: number | null, b: number | null) =>
	a === b ? 0 : a === null ? -1 : b === null ? 1 : a - b;

/**
 * The read, for a `db.batch`, of a technician's jobs for today: everything open assigned to
 * them, and what they finished today, one row per stop.
 */
export function technicianJobReads(
	db: Db,
	tenantId: string,
	technicianId: string,
	timeZone: string,
	now = Date.now(),
) {
	const startOfToday = zonedToUtc(localDate(now, timeZone), timeZone) ?? now - 86_400_000;
	// Open jobs (the derived `is_open`) and jobs finished today are two index ranges; one OR
	// would scan all their jobs.
	// CROSS JOIN keeps jobs as the outer loop, so stops are read only for the jobs found.
	const mine = and(eq(jobs.tenantId, tenantId), eq(jobs.technicianId, technicianId));
	const select = () =>
		db
			// Stops' columns are prefixed: a batch keys rows by column name, and jobs share some.
			.select({
				job: jobs,
				stop: prefixedColumns(jobStops, "stop"),
			})
			.from(jobs)
			.crossJoin(jobStops);
	const stopOfJob = and(eq(jobStops.tenantId, jobs.tenantId), eq(jobStops.jobId, jobs.id));
	// A job assigned to someone is never unassigned: open is theirs to do.
	const open = select().where(and(mine, eq(jobs.isOpen, true), stopOfJob));
	const finished = select().where(
		and(mine, sql.raw(COMPLETED_JOB), gte(jobs.updatedAt, startOfToday), stopOfJob),
	);
	// UNION ALL streams both ranges with no temporary table; ordered after, the lists are short.
	return [open.unionAll(finished)] as const;
}

type JobStopRow = BatchResponse<ReturnType<typeof technicianJobReads>>[0][number];

/** Today's jobs, each with its stops, from what `technicianJobReads` read. */
export function toTechnicianJobs(found: JobStopRow[]) {
	const rows = [...found].sort(
		(a, b) =>
			compareNullsFirst(a.job.windowStart, b.job.windowStart) ||
			b.job.createdAt - a.job.createdAt ||
			a.stop.seq - b.stop.seq,
	);
	const byJob = new Map<string, TechnicianJob>();
	for (const { job, stop } of rows) {
		const entry = byJob.get(job.id) ?? toTechnicianJob(job, job.accountName);
		entry.stops.push(technicianStopView(stop));
		byJob.set(job.id, entry);
	}
	return [...byJob.values()];
}

/** The jobs a technician may publish GPS for and move: those assigned to them. */
export const assignedTo = (technicianId: string): SQL => eq(jobs.technicianId, technicianId);

type TechnicianStatus = "en_route" | "in_progress" | "paused" | "completed";

/** The customer's email for each move; starting work is no news to someone who opened the door. */
const STAGE_OF_MOVE: Record<TechnicianStatus, "on_the_way" | "paused" | "completed" | null> = {
	en_route: "on_the_way",
	in_progress: null,
	paused: "paused",
	completed: "completed",
};

/** A move as it was answered: the job's new status and what the customer reads while paused. */
export type StatusMoved = z.infer<typeof StatusMovedSchema>;

/**
 * A technician moves their job (en route → started → paused → completed): the status, its
 * timeline entry and the audit entry in one batch, then the relay, the boards and — once the
 * van is no longer driving to a stop — the board's position of it are brought up to date.
 *
 * With an Idempotency-Key (a phone sending a move it queued offline, perhaps twice) the move is
 * made at most once: its answer is recorded in the same batch, and a repeat of the key answers
 * it again (`replayed`) instead of a 409 for a job already in that status.
 */
export async function moveJob(
	deps: { db: Db; live: LiveChannels; now: number; notices?: NoticeLog },
	actor: Actor,
	jobId: string,
	status: TechnicianStatus,
	message: string | null,
	idempotencyKey: string | null = null,
): Promise<{ moved: StatusMoved; replayed: boolean }> {
	const { db, now } = deps;
	const pausedMessage = status === "paused" ? message : null;
	const jobRead = db
		.select({ status: jobs.status })
		.from(jobs)
		.where(and(eq(jobs.tenantId, actor.tenantId), eq(jobs.id, jobId), assignedTo(actor.id)))
		.limit(1);
	if (idempotencyKey === null) {
		const [job] = await jobRead;
		return {
			moved: await applyMove(deps, actor, jobId, job?.status, status, pausedMessage, null),
			replayed: false,
		};
	}
	// Scoped by technician: one person's key never answers for another's move.
	const key = await requestKey(actor.tenantId, `job-status:${actor.id}`, idempotencyKey, {
		jobId,
		status,
		pausedMessage,
	});
	const [[job], [record]] = await db.batch([jobRead, requestRecordRead(db, key, now)]);
	if (record) return { moved: replayRecord(key, record, StatusMovedSchema, "move"), replayed: true };
	try {
		return {
			moved: await applyMove(deps, actor, jobId, job?.status, status, pausedMessage, key),
			replayed: false,
		};
	} catch (err) {
		// The same key sent twice at once: the first batch won, this one wrote nothing.
		if (!isUniqueViolation(err)) throw err;
		const [first] = await requestRecordRead(db, key, now);
		if (!first) throw err;
		return { moved: replayRecord(key, first, StatusMovedSchema, "move"), replayed: true };
	}
}

async function applyMove(
	deps: { db: Db; live: LiveChannels; now: number; notices?: NoticeLog },
	actor: Actor,
	jobId: string,
	from: JobStatus | undefined,
	status: TechnicianStatus,
	pausedMessage: string | null,
	key: RequestKey | null,
): Promise<StatusMoved> {
	const { db, live, now } = deps;
	if (!from) throw notFound("That job");
	if (!canTechnicianMove(from, status)) {
		throw new AppError(
			409,
			"conflict",
			`A job that is ${from.replace("_", " ")} cannot become ${status.replace("_", " ")}.`,
		);
	}
	const moved: StatusMoved = { status, pausedMessage };
	await db.batch([
		db
			.update(jobs)
			.set({ status, pausedMessage, updatedAt: now, completedAt: status === "completed" ? now : null })
			.where(and(eq(jobs.tenantId, actor.tenantId), eq(jobs.id, jobId))),
		jobEventInsert(
			db,
			actor,
			jobId,
			{ type: status, message: statusEventMessage(status, actor.label, pausedMessage) },
			now,
		),
		auditBy(
			db,
			actor,
			{
				action: `job.${status}`,
				targetType: "job",
				targetId: jobId,
				data: { from, pausedMessage },
			},
			now,
		),
		...(key ? requestRecordWrites(db, key, { status: 200, body: moved, resourceId: jobId }, now) : []),
		...jobWebhookStatements(db, actor.tenantId, "job.status_changed", jobId, now, { previousStatus: from }),
		...(STAGE_OF_MOVE[status]
			? [
					notificationInsert(
						db,
						deps.notices,
						{
							tenantId: actor.tenantId,
							kind: STAGE_OF_MOVE[status],
							jobId,
							data: status === "paused" ? { pausedMessage } : {},
						},
						now,
					),
				]
			: []),
	]);
	await Promise.all([
		live.refreshRelay(actor.tenantId, jobId),
		live.publishJob(actor.tenantId, jobId),
		status === "en_route" ? undefined : live.clearPosition(actor.tenantId, actor.id),
	]);
	return moved;
}
