import { createRoute, z } from "@hono/zod-openapi";
import { JobIdParam } from "../../contracts/customer";
import { errorResponses, SlugParam } from "../../contracts/openapi";
import { StatusChange, StatusMovedSchema, TechnicianDaySchema } from "../../contracts/technician";
import { checkIdempotencyKey } from "../../domain/jobs/create-job-once";
import { assignedTo, moveJob, technicianJobReads, toTechnicianJobs } from "../../domain/jobs/technician-jobs";
import { refuseBareCompletion } from "../../domain/proof/requirements-check";
import { readSignedIn } from "../../middleware/signed-in-read";
import { requestActor } from "../actor";
import { upgradeToRelay } from "../live-upgrade";
import { createRouter } from "../router";

export const technicianJobRoutes = createRouter()
	.openapi(
		createRoute({
			method: "get",
			path: "/jobs",
			tags: ["technician"],
			summary: "The signed-in technician's jobs for today, with stops",
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
			path: "/jobs/{id}/status",
			tags: ["technician"],
			summary: "Move a job: en route → started → paused → completed",
			description:
				"`Idempotency-Key` is optional: with one, the move is made at most once — a repeat of the key answers the first move again (header `Idempotent-Replayed: true`) rather than a 409 for a job already moved, and the key with another move is 422. The technician app sends one with every move, so a move queued offline and sent twice is applied once.",
			request: {
				params: JobIdParam,
				headers: z.object({ "idempotency-key": z.string().optional().openapi({ example: "5b0e7c1d-…" }) }),
				body: { content: { "application/json": { schema: StatusChange } }, required: true },
			},
			responses: {
				200: {
					description: "The new status",
					content: { "application/json": { schema: StatusMovedSchema } },
				},
				...errorResponses(400, 401, 403, 404, 409, 422),
			},
		}),
		async (c) => {
			const { db, live } = c.var;
			const { status, message } = c.req.valid("json");
			const key = checkIdempotencyKey(c.req.header("Idempotency-Key"), false);
			const deps = { db, live, now: Date.now(), notices: c.var.notices };
			const { id } = c.req.valid("param");
			if (status === "completed") await refuseBareCompletion(db, c.var.tenant, requestActor(c), id);
			const { moved, replayed } = await moveJob(deps, requestActor(c), id, status, message ?? null, key);
			if (replayed) c.header("Idempotent-Replayed", "true");
			return c.json(moved, 200);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/jobs/{id}/live",
			tags: ["technician"],
			summary: "WebSocket: publish GPS fixes for a job assigned to you",
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
				assignedTo(me.id),
			) as unknown as never;
		},
	);
