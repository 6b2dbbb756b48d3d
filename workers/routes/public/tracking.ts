import { createRoute } from "@hono/zod-openapi";
import { errorResponses } from "../../contracts/openapi";
import { TokenParam, TrackedJobSchema, upgradeResponses } from "../../contracts/tracking";
import { resolveTrackingToken, trackedJob } from "../../domain/live/tracking-links";
import { notFound } from "../../errors";
import { upgradeToRelay } from "../live-upgrade";
import { createRouter } from "../router";

/** Anonymous tracking links: read-only, the live job only. */
export const trackingRoutes = createRouter()
	.openapi(
		createRoute({
			method: "get",
			path: "/track/{token}",
			tags: ["tracking"],
			summary: "What an anonymous tracking link shows: the tenant's branding and the live job, nothing else",
			request: { params: TokenParam },
			responses: {
				200: {
					description: "The tracked job",
					content: { "application/json": { schema: TrackedJobSchema } },
				},
				...errorResponses(404),
			},
		}),
		async (c) => {
			const tracked = await trackedJob(c.var.db, c.req.valid("param").token);
			if (!tracked) throw notFound("This tracking link");
			c.header("Cache-Control", "no-store");
			c.header("Referrer-Policy", "no-referrer");
			return c.json(tracked, 200);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/track/{token}/live",
			tags: ["tracking"],
			summary: "WebSocket: the tracked job's position (while en route), ETA and status",
			request: { params: TokenParam },
			responses: { ...upgradeResponses, ...errorResponses(400, 403, 404) },
		}),
		async (c) => {
			const found = await resolveTrackingToken(c.var.db, c.req.valid("param").token);
			if (!found) throw notFound("This tracking link");
			return upgradeToRelay(c, found.tenantId, found.jobId, {
				role: "tracking",
				subjectId: found.linkId,
				sessionHash: null,
			}) as unknown as never;
		},
	);
