import { createRoute, z } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import { jobEvents, jobs } from "../../schema/tables/jobs";
import { technicians } from "../../schema/tables/staff";
import { BoardSchema } from "../contracts/board";
import { JobIdParam } from "../contracts/customer";
import { BoardJob } from "../contracts/live-messages";
import { errorResponses, SlugParam } from "../contracts/openapi";
import { auditInsert } from "../domain/audit";
import {
	boardJobsRead,
	boardTechniciansRead,
	loadBoardJob,
	toBoardJobs,
	unreadAlertsRead,
} from "../domain/board";
import { newId } from "../domain/ids";
import { publishJobToBoard, tenantGate } from "../durable-objects/board-feed";
import { AppError, notFound } from "../errors";
import { requireSession } from "../middleware/session";
import { readSignedIn, requireSessionForRead, type SignedInReader } from "../middleware/signed-in-read";
import { resolveTenant } from "../middleware/tenant";
import { requestMeta } from "../request-meta";
import { requireWebSocketUpgrade } from "./origin-check";
import { createRouter } from "./router";

const staffOnly = [resolveTenant, requireSession("staff")];

/** Statuses a dispatcher may assign or reassign in. */
const ASSIGNABLE = new Set(["unassigned", "assigned", "paused"]);

export const boardRoutes = createRouter()
	.openapi(
		createRoute({
			method: "get",
			path: "/api/d/{slug}/board",
			tags: ["dispatch board"],
			summary: "Open jobs, today's finished ones, technicians and their positions",
			middleware: [requireSessionForRead("staff")],
			request: { params: SlugParam },
			responses: {
				200: {
					description: "The board",
					content: {
						"application/json": {
							schema: BoardSchema,
						},
					},
				},
				...errorResponses(401, 403, 404),
			},
		}),
		async (c) => {
			const { db } = c.var;
			const reads = ({ tenant }: SignedInReader) =>
				[
					boardJobsRead(db, tenant.id, tenant.timezone),
					boardTechniciansRead(db, tenant.id),
					unreadAlertsRead(db, tenant.id),
				] as const;
			const readBoard = async (tenantId: string) => {
				const gate = tenantGate(c.env, tenantId);
				// The sequence number is read first, so an event that lands meanwhile is replayed, not lost.
				const seq = await gate.boardSeq();
				const [rows, positions] = await Promise.all([readSignedIn(c, reads), gate.boardPositions()]);
				return { seq, rows, positions };
			};
			// The tenant at this slug as the session last saw it; the session check confirms it.
			const readFor = c.var.tenant.id;
			let board = await readBoard(readFor);
			// A slug now naming another tenant: read that tenant's board instead.
			if (c.var.tenant.id !== readFor) board = await readBoard(c.var.tenant.id);
			const [jobRows, techs, [unread]] = board.rows;
			return c.json(
				{
					jobs: toBoardJobs(jobRows),
					technicians: techs,
					positions: board.positions,
					unreadAlerts: unread?.n ?? 0,
					seq: board.seq,
				},
				200,
			);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/api/d/{slug}/board/live",
			tags: ["dispatch board"],
			summary: "WebSocket: board events (jobs, positions, alerts); `?since=seq` catches up",
			middleware: staffOnly,
			request: { params: SlugParam, query: z.object({ since: z.coerce.number().int().min(0).optional() }) },
			responses: { 101: { description: "Switching to WebSocket" }, ...errorResponses(400, 401, 403, 404) },
		}),
		async (c) => {
			requireWebSocketUpgrade(c);
			const { since } = c.req.valid("query");
			const url = new URL("https://tenant-gate/board");
			if (since !== undefined) url.searchParams.set("since", String(since));
			const headers = new Headers({
				Upgrade: "websocket",
				"X-Staff-Id": c.var.me.id,
				"X-Session-Hash": c.var.session.idHash,
			});
			return tenantGate(c.env, c.var.tenant.id).fetch(new Request(url, { headers })) as unknown as never;
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/api/d/{slug}/jobs/{id}/assign",
			tags: ["dispatch board"],
			summary: "Assign, reassign or unassign a technician",
			middleware: staffOnly,
			request: {
				params: JobIdParam,
				body: {
					content: {
						"application/json": { schema: z.object({ technicianId: z.string().max(64).nullable() }) },
					},
					required: true,
				},
			},
			responses: {
				200: {
					description: "The job as the board shows it",
					content: { "application/json": { schema: BoardJob } },
				},
				...errorResponses(400, 401, 403, 404, 409),
			},
		}),
		async (c) => {
			const { db, tenant, me } = c.var;
			const { id } = c.req.valid("param");
			const { technicianId } = c.req.valid("json");
			const job = await db
				.select({ status: jobs.status, technicianId: jobs.technicianId })
				.from(jobs)
				.where(and(eq(jobs.tenantId, tenant.id), eq(jobs.id, id)))
				.get();
			if (!job) throw notFound("That job");
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
								eq(technicians.tenantId, tenant.id),
								eq(technicians.id, technicianId),
								eq(technicians.active, true),
							),
						)
						.get()
				: null;
			if (technicianId && !tech) {
				throw new AppError(400, "validation_failed", "Check these fields: technicianId.", [
					{ path: ["technicianId"], field: "technicianId", message: "Choose one of your technicians." },
				]);
			}
			const now = Date.now();
			const status = tech ? (job.status === "unassigned" ? "assigned" : job.status) : "unassigned";
			const action = !tech ? "job.unassigned" : job.technicianId ? "job.reassigned" : "job.assigned";
			await db.batch([
				db
					.update(jobs)
					.set({ technicianId: tech?.id ?? null, status, updatedAt: now })
					.where(and(eq(jobs.tenantId, tenant.id), eq(jobs.id, id))),
				db.insert(jobEvents).values({
					id: newId("evt"),
					tenantId: tenant.id,
					jobId: id,
					type: tech ? "assigned" : "unassigned",
					actorType: "staff",
					actorId: me.id,
					actorLabel: me.name,
					message: tech ? `Technician assigned: ${tech.name}` : "Technician unassigned",
					createdAt: now,
				}),
				auditInsert(db, {
					tenantId: tenant.id,
					actorType: "staff",
					actorId: me.id,
					actorLabel: me.name,
					action,
					targetType: "job",
					targetId: id,
					data: { technicianId: tech?.id ?? null, previousTechnicianId: job.technicianId },
					...requestMeta(c),
				}),
			]);
			await publishJobToBoard(c.env, db, tenant.id, id);
			const updated = await loadBoardJob(db, tenant.id, id);
			if (!updated) throw notFound("That job");
			return c.json(updated, 200);
		},
	);
