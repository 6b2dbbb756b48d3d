import { createRoute } from "@hono/zod-openapi";
import { JobIdParam } from "../contracts/customer";
import { errorResponses } from "../contracts/openapi";
import { visibleJobs } from "../domain/customer-scope";
import { customerScope } from "../middleware/customer";
import { requireSession } from "../middleware/session";
import { resolveTenant } from "../middleware/tenant";
import { upgradeToRelay } from "./live-upgrade";
import { createRouter } from "./router";

const upgradeResponses = {
	101: { description: "Switching to WebSocket" },
	...errorResponses(400, 401, 403, 404),
};

/** Watching a job live: customers (their own jobs) and dispatchers (any of the tenant's). */
export const jobLiveRoutes = createRouter()
	.openapi(
		createRoute({
			method: "get",
			path: "/api/c/{slug}/jobs/{id}/live",
			tags: ["customer jobs"],
			summary: "WebSocket: live position (while en route), ETA and status of one of your jobs",
			middleware: [resolveTenant, requireSession("customer")],
			request: { params: JobIdParam },
			responses: upgradeResponses,
		}),
		async (c) => {
			const { id } = c.req.valid("param");
			const who = { role: "customer" as const, subjectId: c.var.me.id, sessionHash: c.var.session.idHash };
			return upgradeToRelay(c, c.var.tenant.id, id, who, visibleJobs(customerScope(c))) as unknown as never;
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/api/d/{slug}/jobs/{id}/live",
			tags: ["dispatch board"],
			summary: "WebSocket: live position, ETA and status of a job",
			middleware: [resolveTenant, requireSession("staff")],
			request: { params: JobIdParam },
			responses: upgradeResponses,
		}),
		async (c) => {
			const { id } = c.req.valid("param");
			const who = { role: "staff" as const, subjectId: c.var.me.id, sessionHash: c.var.session.idHash };
			return upgradeToRelay(c, c.var.tenant.id, id, who) as unknown as never;
		},
	);
