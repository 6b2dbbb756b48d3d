import { createRoute } from "@hono/zod-openapi";
import { JobIdParam } from "../../contracts/customer";
import { errorResponses } from "../../contracts/openapi";
import { linkCreated, upgradeResponses } from "../../contracts/tracking";
import { visibleJobs } from "../../domain/jobs/customer-scope";
import { customerScope } from "../../middleware/customer";
import { upgradeToRelay } from "../live-upgrade";
import { createRouter } from "../router";
import { shareJobAnswer } from "../tracking-link-answer";

/** A customer's live view of their own job, and the read-only links they may share of it. */
export const customerLiveRoutes = createRouter()
	.openapi(
		createRoute({
			method: "get",
			path: "/jobs/{id}/live",
			tags: ["customer jobs"],
			summary: "WebSocket: live position (while en route), ETA and status of one of your jobs",
			request: { params: JobIdParam },
			responses: { ...upgradeResponses, ...errorResponses(400, 401, 403, 404) },
		}),
		async (c) => {
			const { id } = c.req.valid("param");
			const who = { role: "customer" as const, subjectId: c.var.me.id, sessionHash: c.var.session.idHash };
			return upgradeToRelay(c, c.var.tenant.id, id, who, visibleJobs(customerScope(c))) as unknown as never;
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/jobs/{id}/tracking-links",
			tags: ["tracking"],
			summary: "Share a read-only live view of your job (e.g. with the recipient)",
			request: { params: JobIdParam },
			responses: { ...linkCreated, ...errorResponses(401, 403, 404) },
		}),
		(c) => shareJobAnswer(c, c.req.valid("param").id, visibleJobs(customerScope(c))),
	);
