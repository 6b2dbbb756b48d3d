import { createRoute } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { jobEvents, jobNotes, jobStops, jobs } from "../../schema/tables/jobs";
import { JobIdParam } from "../contracts/customer";
import { errorResponses } from "../contracts/openapi";
import { jsonAnswer, jsonBody } from "../contracts/staff";
import { StaffJobSchema } from "../contracts/staff-jobs";
import { newId } from "../domain/ids";
import { describeChanges, FINISHED_STATUSES, planJobEdit } from "../domain/job-edits";
import { JobCancelInput, JobEditInput, JobNoteInput } from "../domain/staff-job-input";
import { publishJobToBoard, tenantGate } from "../durable-objects/board-feed";
import { geocoderFor, jobRelay, relayConfigFor } from "../durable-objects/relay-feed";
import { createRouter } from "./router";
import { staffAuditInsert } from "./staff-audit";
import {
	finished,
	invalid,
	loadJobRow,
	staffEvent,
	staffJob,
	staffOnly,
	jobTags as tags,
} from "./staff-job-context";

/** Dispatcher changes to a job: edit, cancel, staff notes. Each lands in the timeline and the audit log. */
export const staffJobChangeRoutes = createRouter()
	.openapi(
		createRoute({
			method: "patch",
			path: "/api/d/{slug}/jobs/{id}",
			tags,
			summary: "Edit a job: reference, description, window, stops",
			description:
				"Only the fields sent change. The window is sent whole, with the booking form's names for the job's kind, and follows the booking rules. A completed or cancelled job is 409.",
			middleware: staffOnly,
			request: { params: JobIdParam, body: jsonBody(JobEditInput) },
			responses: { 200: jsonAnswer("The job", StaffJobSchema), ...errorResponses(400, 401, 403, 404, 409) },
		}),
		async (c) => {
			const { db, tenant } = c.var;
			const { id } = c.req.valid("param");
			const job = await loadJobRow(c, id);
			if (FINISHED_STATUSES.has(job.status)) throw finished(job.status);
			const stops = await db
				.select()
				.from(jobStops)
				.where(and(eq(jobStops.tenantId, tenant.id), eq(jobStops.jobId, id)))
				.orderBy(jobStops.seq);
			const now = Date.now();
			const edit = planJobEdit(job, stops, c.req.valid("json"), tenant.timezone, now);
			if (!edit.ok) throw invalid(edit.issues);
			const { plan } = edit;
			if (!plan.changed.length) return c.json(await staffJob(c, id), 200);
			const statements: BatchItem<"sqlite">[] = [
				db
					.update(jobs)
					.set({ ...plan.job, updatedAt: now })
					.where(and(eq(jobs.tenantId, tenant.id), eq(jobs.id, id))),
				...plan.stops.map((s) =>
					db
						.update(jobStops)
						.set(s.set)
						.where(and(eq(jobStops.tenantId, tenant.id), eq(jobStops.id, s.id))),
				),
				staffEvent(c, id, "updated", describeChanges(plan.changed), now, {
					changed: plan.changed,
				}),
				staffAuditInsert(c, { action: "job.updated", targetType: "job", targetId: id, data: plan.change }),
			];
			await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
			await publishJobToBoard(c.env, db, tenant.id, id);
			return c.json(await staffJob(c, id), 200);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/api/d/{slug}/jobs/{id}/cancel",
			tags,
			summary: "Cancel a job, with a reason the customer sees",
			middleware: staffOnly,
			request: { params: JobIdParam, body: jsonBody(JobCancelInput) },
			responses: { 200: jsonAnswer("The job", StaffJobSchema), ...errorResponses(400, 401, 403, 404, 409) },
		}),
		async (c) => {
			const { db, tenant } = c.var;
			const { id } = c.req.valid("param");
			const { reason } = c.req.valid("json");
			const job = await loadJobRow(c, id);
			if (FINISHED_STATUSES.has(job.status)) throw finished(job.status);
			const now = Date.now();
			await db.batch([
				db
					.update(jobs)
					.set({ status: "cancelled", cancelledAt: now, pausedMessage: null, updatedAt: now })
					.where(and(eq(jobs.tenantId, tenant.id), eq(jobs.id, id))),
				staffEvent(c, id, "cancelled", `Cancelled: ${reason}`, now, { reason }),
				staffAuditInsert(c, {
					action: "job.cancelled",
					targetType: "job",
					targetId: id,
					data: { reason, from: job.status },
				}),
			]);
			// Only an assigned job's relay is reconfigured, so only its config is read.
			const config = job.technicianId
				? await relayConfigFor(db, tenant.id, id, geocoderFor(c.env))
				: undefined;
			await Promise.all([
				// Watchers of the live view learn at once that the job is off.
				config ? jobRelay(c.env, id).configure(config) : undefined,
				job.technicianId ? tenantGate(c.env, tenant.id).clearPosition(job.technicianId) : undefined,
				publishJobToBoard(c.env, db, tenant.id, id),
			]);
			return c.json(await staffJob(c, id), 200);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/api/d/{slug}/jobs/{id}/notes",
			tags,
			summary: "Add a dispatcher's note to a job (staff only; customers do not see it)",
			middleware: staffOnly,
			request: { params: JobIdParam, body: jsonBody(JobNoteInput) },
			responses: { 201: jsonAnswer("The job", StaffJobSchema), ...errorResponses(400, 401, 403, 404) },
		}),
		async (c) => {
			const { db, tenant, me } = c.var;
			const { id } = c.req.valid("param");
			const { text } = c.req.valid("json");
			await loadJobRow(c, id);
			const now = Date.now();
			const noteId = newId("not");
			await db.batch([
				db.insert(jobNotes).values({
					id: noteId,
					tenantId: tenant.id,
					jobId: id,
					authorType: "staff",
					authorId: me.id,
					body: text,
					createdAt: now,
				}),
				db.insert(jobEvents).values({
					id: newId("evt"),
					tenantId: tenant.id,
					jobId: id,
					type: "staff_note",
					actorType: "staff",
					actorId: me.id,
					actorLabel: me.name,
					message: text,
					data: { noteId },
					visibleToCustomer: false,
					createdAt: now,
				}),
				staffAuditInsert(c, { action: "job.note_added", targetType: "job", targetId: id, data: { noteId } }),
			]);
			return c.json(await staffJob(c, id), 201);
		},
	);
