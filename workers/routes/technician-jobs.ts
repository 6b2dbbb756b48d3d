import { createRoute, z } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import { jobEvents, jobs } from "../../schema/tables/jobs";
import { JobIdParam } from "../contracts/customer";
import { errorResponses, SlugParam } from "../contracts/openapi";
import { StatusMovedSchema, TechnicianDaySchema } from "../contracts/technician";
import { auditInsert } from "../domain/audit";
import { newId } from "../domain/ids";
import { canTechnicianMove, statusEventMessage } from "../domain/job-status";
import { technicianJobReads, toTechnicianJobs } from "../domain/technician-jobs";
import { publishJobToBoard, tenantGate } from "../durable-objects/board-feed";
import { geocoderFor, jobRelay, relayConfigFor } from "../durable-objects/relay-feed";
import { AppError, notFound } from "../errors";
import { requireSession } from "../middleware/session";
import { readSignedIn, requireSessionForRead } from "../middleware/signed-in-read";
import { resolveTenant } from "../middleware/tenant";
import { requestMeta } from "../request-meta";
import { upgradeToRelay } from "./live-upgrade";
import { createRouter } from "./router";

const technicianOnly = [resolveTenant, requireSession("technician")];

const StatusChange = z
	.object({
		status: z.enum(["en_route", "in_progress", "paused", "completed"]),
		/** Shown to the customer while paused ("Waiting for parts, back at 2 pm"). */
		message: z.string().trim().max(280).optional(),
	})
	.refine((v) => v.status !== "paused" || (v.message?.length ?? 0) > 0, {
		message: "Tell the customer why the job is paused.",
		path: ["message"],
	});

export const technicianJobRoutes = createRouter()
	.openapi(
		createRoute({
			method: "get",
			path: "/api/t/{slug}/jobs",
			tags: ["technician"],
			summary: "The signed-in technician's jobs for today, with stops",
			middleware: [requireSessionForRead("technician")],
			request: { params: SlugParam },
			responses: {
				200: {
					description: "Today's jobs",
					content: { "application/json": { schema: TechnicianDaySchema } },
				},
				...errorResponses(401, 403, 404),
			},
		}),
		async (c) => {
			const [rows] = await readSignedIn(c, ({ tenant, me }) =>
				technicianJobReads(c.var.db, tenant.id, me.id, tenant.timezone),
			);
			return c.json({ items: toTechnicianJobs(rows) }, 200);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/api/t/{slug}/jobs/{id}/status",
			tags: ["technician"],
			summary: "Move a job: en route → started → paused → completed",
			middleware: technicianOnly,
			request: {
				params: JobIdParam,
				body: { content: { "application/json": { schema: StatusChange } }, required: true },
			},
			responses: {
				200: {
					description: "The new status",
					content: { "application/json": { schema: StatusMovedSchema } },
				},
				...errorResponses(400, 401, 403, 404, 409),
			},
		}),
		async (c) => {
			const { db, tenant, me } = c.var;
			const { id } = c.req.valid("param");
			const { status, message } = c.req.valid("json");
			const job = await db
				.select({ status: jobs.status })
				.from(jobs)
				.where(and(eq(jobs.tenantId, tenant.id), eq(jobs.id, id), eq(jobs.technicianId, me.id)))
				.get();
			if (!job) throw notFound("That job");
			if (!canTechnicianMove(job.status, status)) {
				throw new AppError(
					409,
					"conflict",
					`A job that is ${job.status.replace("_", " ")} cannot become ${status.replace("_", " ")}.`,
				);
			}
			const now = Date.now();
			const pausedMessage = status === "paused" ? (message ?? null) : null;
			await db.batch([
				db
					.update(jobs)
					.set({ status, pausedMessage, updatedAt: now, completedAt: status === "completed" ? now : null })
					.where(and(eq(jobs.tenantId, tenant.id), eq(jobs.id, id))),
				db.insert(jobEvents).values({
					id: newId("evt"),
					tenantId: tenant.id,
					jobId: id,
					type: status,
					actorType: "technician",
					actorId: me.id,
					actorLabel: me.name,
					message: statusEventMessage(status, me.name, pausedMessage),
					createdAt: now,
				}),
				auditInsert(db, {
					tenantId: tenant.id,
					actorType: "technician",
					actorId: me.id,
					actorLabel: me.name,
					action: `job.${status}`,
					targetType: "job",
					targetId: id,
					data: { from: job.status, pausedMessage },
					...requestMeta(c),
				}),
			]);
			const config = await relayConfigFor(db, tenant.id, id, geocoderFor(c.env));
			await Promise.all([
				config ? jobRelay(c.env, id).configure(config) : undefined,
				publishJobToBoard(c.env, db, tenant.id, id),
				// The board stops showing a van once it is no longer driving to a stop.
				status === "en_route" ? undefined : tenantGate(c.env, tenant.id).clearPosition(me.id),
			]);
			return c.json({ status, pausedMessage }, 200);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/api/t/{slug}/jobs/{id}/live",
			tags: ["technician"],
			summary: "WebSocket: publish GPS fixes for a job assigned to you",
			middleware: technicianOnly,
			request: { params: JobIdParam },
			responses: { 101: { description: "Switching to WebSocket" }, ...errorResponses(400, 401, 403, 404) },
		}),
		async (c) => {
			const { tenant, me, session } = c.var;
			const { id } = c.req.valid("param");
			return upgradeToRelay(
				c,
				tenant.id,
				id,
				{ role: "technician", subjectId: me.id, sessionHash: session.idHash },
				eq(jobs.technicianId, me.id),
			) as unknown as never;
		},
	);
