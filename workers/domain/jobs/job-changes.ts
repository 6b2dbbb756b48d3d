import { and, eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { jobNotes, jobStops, jobs } from "../../../schema/tables/jobs";
import { technicians } from "../../../schema/tables/staff";
import type { Db } from "../../db";
import { AppError, fieldInvalid, invalidFields, notFound } from "../../errors";
import { type Actor, auditBy } from "../activity/actor";
import { newId } from "../ids";
import type { LiveChannels } from "../live/live-jobs";
import { type NoticeLog, notificationInsert } from "../notifications/record";
import { jobWebhookStatements } from "../webhooks/events";
import { describeChanges, FINISHED_STATUSES, type JobEditPlan, planJobEdit } from "./job-edits";
import { jobEventInsert } from "./job-events";
import type { JobEditInput } from "./staff-job-input";

/** What a dispatcher's change needs: the database and the open boards and live views. */
export type JobChangeDeps = { db: Db; live: LiveChannels; now: number; notices?: NoticeLog };

type Batch = [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]];

export const finished = (status: string) =>
	new AppError(409, "conflict", `A job that is ${status} cannot be changed any more.`);

/** A job of the actor's tenant; any other id is a 404. */
export async function tenantJob(db: Db, tenantId: string, jobId: string) {
	const job = await db
		.select()
		.from(jobs)
		.where(and(eq(jobs.tenantId, tenantId), eq(jobs.id, jobId)))
		.get();
	if (!job) throw notFound("That job");
	return job;
}

/**
 * Edits a job: only the fields sent change, the window follows the booking rules; the change
 * lands in the timeline and the audit log and on the boards. A finished job is 409.
 */
export async function editJob(
	deps: JobChangeDeps,
	actor: Actor,
	jobId: string,
	input: JobEditInput,
	timeZone: string,
) {
	const { db, now } = deps;
	const job = await tenantJob(db, actor.tenantId, jobId);
	if (FINISHED_STATUSES.has(job.status)) throw finished(job.status);
	const stops = await db
		.select()
		.from(jobStops)
		.where(and(eq(jobStops.tenantId, actor.tenantId), eq(jobStops.jobId, jobId)))
		.orderBy(jobStops.seq);
	const edit = planJobEdit(job, stops, input, timeZone, now);
	if (!edit.ok) throw invalidFields(edit.issues);
	if (!edit.plan.changed.length) return;
	await db.batch(jobEditStatements(db, actor, jobId, edit.plan, now));
	await deps.live.publishJob(actor.tenantId, jobId);
}

/** The writes of a planned edit: the job, its stops, the timeline entry and the audit entry. */
export function jobEditStatements(
	db: Db,
	actor: Actor,
	jobId: string,
	plan: JobEditPlan,
	now: number,
): Batch {
	return [
		db
			.update(jobs)
			.set({ ...plan.job, updatedAt: now })
			.where(and(eq(jobs.tenantId, actor.tenantId), eq(jobs.id, jobId))),
		...plan.stops.map((s) =>
			db
				.update(jobStops)
				.set(s.set)
				.where(and(eq(jobStops.tenantId, actor.tenantId), eq(jobStops.id, s.id))),
		),
		jobEventInsert(
			db,
			actor,
			jobId,
			{ type: "updated", message: describeChanges(plan.changed), data: { changed: plan.changed } },
			now,
		),
		auditBy(db, actor, { action: "job.updated", targetType: "job", targetId: jobId, data: plan.change }, now),
	];
}

/**
 * Cancels a job, with a reason the customer sees (a customer may give none); its live view
 * learns at once that the job is off. `alongside` runs in the same batch (a customer's inbox alert).
 */
export async function cancelJob(
	deps: JobChangeDeps,
	actor: Actor,
	jobId: string,
	reason: string | null,
	alongside: BatchItem<"sqlite">[] = [],
) {
	const { db, live, now } = deps;
	const job = await tenantJob(db, actor.tenantId, jobId);
	if (FINISHED_STATUSES.has(job.status)) throw finished(job.status);
	await db.batch([
		db
			.update(jobs)
			.set({ status: "cancelled", cancelledAt: now, pausedMessage: null, updatedAt: now })
			.where(and(eq(jobs.tenantId, actor.tenantId), eq(jobs.id, jobId))),
		jobEventInsert(
			db,
			actor,
			jobId,
			{ type: "cancelled", message: reason ? `Cancelled: ${reason}` : "Cancelled", data: { reason } },
			now,
		),
		auditBy(
			db,
			actor,
			{ action: "job.cancelled", targetType: "job", targetId: jobId, data: { reason, from: job.status } },
			now,
		),
		...jobWebhookStatements(db, actor.tenantId, "job.status_changed", jobId, now, {
			previousStatus: job.status,
		}),
		notificationInsert(db, deps.notices, { tenantId: actor.tenantId, kind: "cancelled", jobId }, now),
		...alongside,
	]);
	await Promise.all([
		// Only an assigned job has a relay to tell.
		job.technicianId ? live.refreshRelay(actor.tenantId, jobId) : undefined,
		job.technicianId ? live.clearPosition(actor.tenantId, job.technicianId) : undefined,
		live.publishJob(actor.tenantId, jobId),
	]);
}

/**
 * A note on a job, by a dispatcher (staff only: customers do not see it) or a customer (see
 * `addCustomerNote`): the note, its timeline entry and the audit entry in one batch.
 */
export function noteStatements(
	db: Db,
	actor: Actor,
	jobId: string,
	text: string,
	now: number,
): { noteId: string; statements: Batch } {
	const noteId = newId("not");
	const byCustomer = actor.type === "contact";
	return {
		noteId,
		statements: [
			db.insert(jobNotes).values({
				id: noteId,
				tenantId: actor.tenantId,
				jobId,
				authorType: byCustomer ? "contact" : "staff",
				authorId: actor.id,
				body: text,
				createdAt: now,
			}),
			jobEventInsert(
				db,
				actor,
				jobId,
				{
					type: byCustomer ? "customer_note" : "staff_note",
					message: text,
					data: { noteId },
					visibleToCustomer: byCustomer,
				},
				now,
			),
			auditBy(
				db,
				actor,
				{ action: "job.note_added", targetType: "job", targetId: jobId, data: { noteId } },
				now,
			),
		],
	};
}

/** A dispatcher's note on a job of the tenant. */
export async function addStaffNote(db: Db, actor: Actor, jobId: string, text: string, now = Date.now()) {
	await tenantJob(db, actor.tenantId, jobId);
	await db.batch(noteStatements(db, actor, jobId, text, now).statements);
}

const ASSIGNABLE = new Set(["unassigned", "assigned", "paused"]);

/** Assigns, reassigns or unassigns (`technicianId` null) a technician; the boards hear of it. */
export async function assignJob(
	deps: JobChangeDeps,
	actor: Actor,
	jobId: string,
	technicianId: string | null,
) {
	const { db, now } = deps;
	const job = await tenantJob(db, actor.tenantId, jobId);
	if (!ASSIGNABLE.has(job.status)) {
		throw new AppError(
			409,
			"conflict",
			`A job that is ${job.status.replace("_", " ")} cannot be reassigned.`,
		);
	}
	const tech = technicianId
		? await db
				.select({ id: technicians.id, name: technicians.name })
				.from(technicians)
				.where(
					and(
						eq(technicians.tenantId, actor.tenantId),
						eq(technicians.id, technicianId),
						eq(technicians.active, true),
					),
				)
				.get()
		: null;
	if (technicianId && !tech) throw fieldInvalid(["technicianId"], "Choose one of your technicians.");
	const status = tech ? (job.status === "unassigned" ? "assigned" : job.status) : "unassigned";
	const action = !tech ? "job.unassigned" : job.technicianId ? "job.reassigned" : "job.assigned";
	await db.batch([
		db
			.update(jobs)
			.set({ technicianId: tech?.id ?? null, status, updatedAt: now })
			.where(and(eq(jobs.tenantId, actor.tenantId), eq(jobs.id, jobId))),
		jobEventInsert(
			db,
			actor,
			jobId,
			{
				type: tech ? "assigned" : "unassigned",
				message: tech ? `Technician assigned: ${tech.name}` : "Technician unassigned",
			},
			now,
		),
		auditBy(
			db,
			actor,
			{
				action,
				targetType: "job",
				targetId: jobId,
				data: { technicianId: tech?.id ?? null, previousTechnicianId: job.technicianId },
			},
			now,
		),
		...(tech
			? jobWebhookStatements(db, actor.tenantId, "job.assigned", jobId, now, {
					previousTechnicianId: job.technicianId,
				})
			: []),
		...(status !== job.status
			? jobWebhookStatements(db, actor.tenantId, "job.status_changed", jobId, now, {
					previousStatus: job.status,
				})
			: []),
		// Assigned or reassigned: the customer hears the window and who is coming.
		...(tech && tech.id !== job.technicianId
			? [notificationInsert(db, deps.notices, { tenantId: actor.tenantId, kind: "scheduled", jobId }, now)]
			: []),
	]);
	await deps.live.publishJob(actor.tenantId, jobId);
}
