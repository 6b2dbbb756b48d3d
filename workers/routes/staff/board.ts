import { createRoute, z } from "@hono/zod-openapi";
import { BoardJobSchema, BoardSchema } from "../../contracts/board";
import { JobIdParam } from "../../contracts/customer";
import { errorResponses, SlugParam } from "../../contracts/openapi";
import {
	assignableTechnicians,
	boardJobsRead,
	boardTechniciansRead,
	loadBoardJob,
	toBoardJobs,
	unreadAlertsRead,
} from "../../domain/jobs/board";
import { assignJob } from "../../domain/jobs/job-changes";
import { notFound } from "../../errors";
import { repeatableGateCall, tenantGate } from "../../live/channels";
import { readSignedIn, type SignedInReader } from "../../middleware/signed-in-read";
import { requestActor } from "../actor";
import { requireWebSocketUpgrade } from "../origin-check";
import { createRouter } from "../router";

export const boardRoutes = createRouter()
	.openapi(
		createRoute({
			method: "get",
			path: "/board",
			tags: ["dispatch board"],
			summary: "Open jobs, today's finished ones, technicians and their positions",
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
				// The sequence number is read first, so an event that lands meanwhile is replayed, not lost.
				const seq = await repeatableGateCall(c.env, tenantId, (gate) => gate.boardSeq());
				const [rows, positions] = await Promise.all([
					readSignedIn(c, reads),
					repeatableGateCall(c.env, tenantId, (gate) => gate.boardPositions()),
				]);
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
					jobs: toBoardJobs(jobRows, techs),
					technicians: assignableTechnicians(techs),
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
			path: "/board/live",
			tags: ["dispatch board"],
			summary: "WebSocket: board events (jobs, positions, alerts); `?since=seq` catches up",
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
			path: "/jobs/{id}/assign",
			tags: ["dispatch board"],
			summary: "Assign, reassign or unassign a technician",
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
					content: { "application/json": { schema: BoardJobSchema } },
				},
				...errorResponses(400, 401, 403, 404, 409),
			},
		}),
		async (c) => {
			const { db, live, tenant } = c.var;
			const { id } = c.req.valid("param");
			await assignJob(
				{ db, live, now: Date.now(), notices: c.var.notices },
				requestActor(c),
				id,
				c.req.valid("json").technicianId,
			);
			const updated = await loadBoardJob(db, tenant.id, id);
			if (!updated) throw notFound("That job");
			return c.json(updated, 200);
		},
	);
