import { createRoute, z } from "@hono/zod-openapi";
import { JobIdParam } from "../../contracts/customer";
import { errorResponses, SlugParam } from "../../contracts/openapi";
import { linkCreated, TrackingLinkListSchema, upgradeResponses } from "../../contracts/tracking";
import { listTrackingLinks, revokeShare } from "../../domain/live/tracking-links";
import { notFound } from "../../errors";
import { requestActor } from "../actor";
import { upgradeToRelay } from "../live-upgrade";
import { createRouter } from "../router";
import { shareJobAnswer } from "../tracking-link-answer";

/** A dispatcher's live view of any job of the tenant, and its tracking links. */
export const staffLiveRoutes = createRouter()
	.openapi(
		createRoute({
			method: "get",
			path: "/jobs/{id}/live",
			tags: ["dispatch board"],
			summary: "WebSocket: live position, ETA and status of a job",
			request: { params: JobIdParam },
			responses: { ...upgradeResponses, ...errorResponses(400, 401, 403, 404) },
		}),
		async (c) => {
			const { id } = c.req.valid("param");
			const who = { role: "staff" as const, subjectId: c.var.me.id, sessionHash: c.var.session.idHash };
			return upgradeToRelay(c, c.var.tenant.id, id, who) as unknown as never;
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/jobs/{id}/tracking-links",
			tags: ["tracking"],
			summary: "Create a read-only live tracking link for a job",
			request: { params: JobIdParam },
			responses: { ...linkCreated, ...errorResponses(401, 403, 404) },
		}),
		(c) => shareJobAnswer(c, c.req.valid("param").id),
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/jobs/{id}/tracking-links",
			tags: ["tracking"],
			summary:
				"A job's tracking links, live and ended, newest first (the links themselves are shown only once)",
			request: { params: JobIdParam },
			responses: {
				200: {
					description: "The job's links",
					content: { "application/json": { schema: TrackingLinkListSchema } },
				},
				...errorResponses(401, 403, 404),
			},
		}),
		async (c) => {
			const items = await listTrackingLinks(c.var.db, c.var.tenant.id, c.req.valid("param").id);
			if (!items) throw notFound("That job");
			return c.json({ items }, 200);
		},
	)
	.openapi(
		createRoute({
			method: "delete",
			path: "/tracking-links/{linkId}",
			tags: ["tracking"],
			summary: "Revoke a tracking link",
			request: {
				params: SlugParam.extend({
					linkId: z
						.string()
						.max(64)
						.openapi({ param: { name: "linkId", in: "path" } }),
				}),
			},
			responses: { 204: { description: "Revoked" }, ...errorResponses(401, 403, 404) },
		}),
		async (c) => {
			const revoked = await revokeShare(c.var.db, c.var.live, requestActor(c), c.req.valid("param").linkId);
			if (!revoked) throw notFound("That link");
			return c.body(null, 204);
		},
	);
